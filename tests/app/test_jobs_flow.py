"""End to end through the real window: drop files, choose options, run, read, export."""

from __future__ import annotations

import json
from pathlib import Path

import srt

from smdesk.app.models.job_table import Column
from smdesk.app.windows.export_flow import ExportFlow
from smdesk.core.export import TXT
from smdesk.store.history import Phase
from tests.app.conftest import drop_files, run, wait_until


def _phase(ctx, job_id):
    return ctx.jobs.view(job_id).record.phase


def test_drop_files_run_to_done_show_speakers_and_export(apps, sandbox, audio, loop, tmp_path):
    ctx = apps.account(sandbox)
    window = ctx.window
    options = window.options_flows.last_used()
    options.language = "en"
    options.diarization = "speaker"
    window.options_flows.set_last_used(options)
    files = [audio("first interview.ogg"), audio("second.ogg")]

    drop_files(window.drop_zone, files)

    async def scenario():
        await wait_until(lambda: len(ctx.jobs.views()) == 2, what="two queued jobs")
        ids = [v.id for v in ctx.jobs.views()]
        await wait_until(lambda: all(_phase(ctx, j) is Phase.DONE for j in ids), what="done")
        await wait_until(lambda: window.pane.transcript() is not None, what="transcript shown")
        return ids

    ids = run(loop, scenario())
    assert sandbox.sandbox.stats.uploads == 2
    # the queue shows file, audio length and options of each job
    model = window.model
    names = {model.index(r, Column.FILE).data() for r in range(model.rowCount())}
    assert names == {"first interview.ogg", "second.ogg"}
    assert model.index(0, Column.LENGTH).data() not in ("", "—")
    assert "English" in model.index(0, Column.OPTIONS).data()
    assert model.index(0, Column.STATUS).data().startswith("Done")
    # options are stored with each job and remembered for the next start
    stored = json.loads(ctx.jobs.view(ids[0]).record.options_json)
    assert stored["diarization"] == "speaker"
    assert ctx.prefs.settings.last_options_json is not None
    # the transcript pane shows the words with speakers
    transcript = window.pane.transcript()
    assert len(transcript.speakers()) >= 2
    text = window.pane.transcript_view().toPlainText()
    assert "Speaker 1" in text or transcript.speaker_name(transcript.speakers()[0]) in text

    chosen: list[str] = []

    def chooser(title: str, default: str, file_filter: str, then) -> None:
        chosen.append(default)
        then(str(tmp_path / Path(default).name))

    flow = window.findChild(ExportFlow)  # File ▸ Export as text / subtitles
    flow.quick.choose_save_path = chooser
    flow.quick_export(TXT)
    txt_path = tmp_path / Path(chosen[-1]).name
    window.acts.export_srt.trigger()
    srt_path = tmp_path / Path(chosen[-1]).name
    assert srt_path.suffix == ".srt" and srt_path.exists()
    assert txt_path is not None and srt_path is not None
    txt = txt_path.read_text(encoding="utf-8")
    first_word = next(w.text for w in transcript.words if w.kind == "word")
    assert first_word in txt
    assert transcript.speaker_name(transcript.speakers()[0]) in txt
    subtitles = list(srt.parse(srt_path.read_text(encoding="utf-8")))
    assert subtitles and all(s.end > s.start for s in subtitles)
    # the export defaulted to the audio file's folder and name
    assert Path(chosen[0]).parent == Path(ctx.jobs.view(window.shown_job).record.source_path).parent


def test_unsupported_files_are_refused_with_a_reason(apps, sandbox, audio, loop, tmp_path):
    ctx = apps.account(sandbox)
    notes = tmp_path / "notes.docx"
    notes.write_text("not audio")
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    audio("deep.ogg").replace(folder / "sub" / "deep.ogg")

    drop_files(ctx.window, [notes, folder])

    async def scenario():
        await wait_until(lambda: ctx.window.notices.isVisible(), what="a notice")
        await wait_until(lambda: len(ctx.jobs.views()) == 1, what="the folder's audio queued")

    run(loop, scenario())
    text = ctx.window.notices.text()
    assert "notes.docx" in text
    assert "photo.jpg" in text
    assert ctx.jobs.views()[0].record.file_name == "deep.ogg"


def test_same_file_twice_is_not_queued_twice(apps, make_sandbox, audio, loop):
    sandbox = make_sandbox(processing_seconds=30)
    ctx = apps.account(sandbox)
    path = audio("twice.ogg")
    ctx.window.add_paths([str(path)])
    run(loop, wait_until(lambda: len(ctx.jobs.views()) == 1))
    ctx.window.add_paths([str(path)])
    run(loop, wait_until(lambda: "not added twice" in ctx.window.notices.text()))
    assert len(ctx.jobs.views()) == 1
