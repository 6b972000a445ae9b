"""Subtitles are laid out at export time: a job's submission options never decide the layout."""

from __future__ import annotations

import srt

from smdesk.app.windows.export_flow import ExportFlow
from smdesk.core.export.preferences import ExportPreferences
from smdesk.core.options import JobOptions
from tests.app.conftest import run, wait_until


def test_quick_subtitle_export_follows_the_export_dialog_not_the_job(apps, sandbox, audio, loop,
                                                                      tmp_path):
    bbc = ExportPreferences.from_json('{"preset": "bbc"}')
    assert bbc.choices.subtitle_rules.max_chars_per_line == 37
    ctx = apps.account(sandbox, export_json=bbc.to_json())
    old_job = JobOptions(srt_max_line_length=24, srt_max_lines=1)  # as stored by an old version
    ctx.window.options_flows.queue([str(audio())], old_job)
    run(loop, wait_until(lambda: ctx.window.pane.transcript() is not None, what="transcript"))
    flow = ctx.window.findChild(ExportFlow)
    flow.quick.choose_save_path = lambda _t, _d, _f, then: then(str(tmp_path / "quick.srt"))
    ctx.window.acts.export_srt.trigger()  # File ▸ Export as subtitles (SRT)
    cues = list(srt.parse((tmp_path / "quick.srt").read_text(encoding="utf-8")))
    lines = [line for cue in cues for line in cue.content.splitlines()]
    assert cues and max(len(line) for line in lines) <= 37
    assert max(len(line) for line in lines) > 24  # the BBC width, not the job's 24
    assert "output_config" not in old_job.to_config_dict()  # nothing asked of the server's SRT
