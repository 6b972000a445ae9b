"""Subtitles are laid out at export time: a job's submission options never decide the layout."""

from __future__ import annotations

from smdesk.core.export.preferences import ExportPreferences
from smdesk.core.options import JobOptions
from tests.app.conftest import run, wait_until


def test_quick_subtitle_export_follows_the_export_dialog_not_the_job(apps, sandbox, audio, loop):
    bbc = ExportPreferences.from_json('{"preset": "bbc"}')
    assert bbc.choices.subtitle_rules.max_chars_per_line == 37
    ctx = apps.account(sandbox, export_json=bbc.to_json())
    old_job = JobOptions(srt_max_line_length=24, srt_max_lines=1)  # as stored by an old version
    ctx.window.options_flows.queue([str(audio())], old_job)
    run(loop, wait_until(lambda: ctx.window.pane.transcript() is not None, what="transcript"))
    assert ctx.window.pane.export_flow.srt == (37, 2)
    assert "output_config" not in old_job.to_config_dict()  # nothing asked of the server's SRT
