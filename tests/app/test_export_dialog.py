"""The export dialog in the real window: several jobs, every choice, remembered, checked."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import docx
import srt
from PySide6.QtCore import Qt

from smdesk.app.windows.export_flow import ExportFlow
from smdesk.core import edits
from smdesk.core.export import TXT
from smdesk.core.export.preferences import ExportPreferences
from smdesk.store.history import History, Phase
from smdesk.store.paths import history_path
from tests.app.conftest import drop_files, run, wait_until, write_settings
from tests.core.factories import document, punct, too_fast_to_read, word


def interview_doc(first_word: str = "Which") -> dict[str, Any]:
    return document(
        [
            word(first_word, 0.5, 0.8, speaker="S1"),
            word("platform", 0.8, 1.3, speaker="S1"),
            punct("?", 1.3, is_eos=True, speaker="S1"),
            word("Four", 2.0, 2.4, speaker="S2"),
            punct(".", 2.4, is_eos=True, speaker="S2"),
        ],
        translations={"es": [
            {"start_time": 0.5, "end_time": 1.3, "content": "¿Qué plataforma?", "speaker": "S1"},
            {"start_time": 2.0, "end_time": 2.4, "content": "Cuatro.", "speaker": "S2"},
        ]},
    )


def seed_jobs(tmp_path: Path, docs: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Finished jobs in the history, as a previous run would have left them."""
    ids = {}
    with History.open(history_path()) as history:
        for name, doc in docs.items():
            source = tmp_path / "recordings" / name
            source.parent.mkdir(exist_ok=True)
            source.write_bytes(b"audio")
            record = history.add(source_path=str(source), size=5, fingerprint=name,
                                 duration=3.0, options_json="{}", endpoint="sandbox")
            history.save_transcript(record.id, json.dumps(doc))
            ids[name] = record.id
    return ids


def flow_of(ctx) -> ExportFlow:
    flow = ctx.window.findChild(ExportFlow)
    assert flow is not None
    return flow


def tick_only(dialog, job_ids: set[int], formats: set[str]) -> None:
    for i in range(dialog.job_list.count()):
        item = dialog.job_list.item(i)
        state = item.data(Qt.ItemDataRole.UserRole) in job_ids
        item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)
    for key, box in dialog.format_boxes.items():
        box.setChecked(key in formats)


def export_and_wait(loop, ctx, dialog) -> str:
    reports = []
    ctx.exports.finished.connect(reports.append)
    dialog.export_button.click()
    run(loop, wait_until(lambda: reports, what="the export report"))
    return dialog.result_label.text()


def test_exports_several_jobs_in_several_formats_and_translations(
        apps, sandbox, loop, tmp_path) -> None:
    ids = seed_jobs(tmp_path, {"budget.m4a": interview_doc(), "other.wav": interview_doc("So")})
    ctx = apps.sandbox_mode(sandbox)
    dialog = flow_of(ctx).open()
    assert dialog.isVisible() and not dialog.isModal()  # its links show words in the window
    shown = sorted(dialog.job_list.item(i).text() for i in range(2))
    assert [text.split("  —  ")[0] for text in shown] == ["budget.m4a", "other.wav"]
    assert all("Today" in text and "speakers" in text for text in shown)  # told apart
    tick_only(dialog, set(ids.values()), {"docx", "srt", "csv"})
    out = tmp_path / "out"
    dialog.folder.setText(str(out))
    result = export_and_wait(loop, ctx, dialog)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{stem}{tag}.{ext}" for stem in ("budget", "other")
                           for tag in ("", ".es") for ext in ("docx", "srt", "csv"))
    assert "Exported 2 transcripts: 12 files" in result
    assert "Subtitles of budget.m4a: 0 problems" in result
    paragraphs = [p.text for p in docx.Document(io.BytesIO((out / "other.docx").read_bytes()))
                  .paragraphs]
    assert "[00:00:00] Speaker 1: So platform?" in paragraphs
    spanish = list(srt.parse((out / "budget.es.srt").read_text(encoding="utf-8")))
    assert [s.content for s in spanish] == ["¿Qué plataforma?", "Cuatro."]


def test_choices_are_remembered_across_restarts(apps, sandbox, loop, tmp_path) -> None:
    seed_jobs(tmp_path, {"budget.m4a": interview_doc()})
    ctx = apps.sandbox_mode(sandbox)
    dialog = flow_of(ctx).open()
    tick_only(dialog, {ctx.jobs.views()[0].id}, {"md", "vtt"})
    dialog.speaker_names.setChecked(False)
    dialog.timestamps.setCurrentIndex(dialog.timestamps.findData("interval"))
    dialog.interval.setValue(45)
    dialog.preset.setCurrentIndex(dialog.preset.findData("bbc"))
    dialog.folder.setText(str(tmp_path / "out"))
    export_and_wait(loop, ctx, dialog)
    apps.close(ctx)

    again = apps.sandbox_mode(sandbox)
    reopened = flow_of(again).open()
    prefs = reopened.preferences()
    assert prefs.formats == ("md", "vtt")
    assert not prefs.choices.speaker_names
    assert (prefs.choices.timestamps, prefs.choices.interval) == ("interval", 45.0)
    assert prefs.preset == "bbc" and prefs.choices.subtitle_rules.max_chars_per_line == 37
    assert reopened.folder.text() == str(tmp_path / "out")
    assert not reopened.rules.isEnabled()  # a preset's rules are shown, not edited


def test_custom_rules_are_editable_and_used(apps, sandbox, loop, tmp_path) -> None:
    seed_jobs(tmp_path, {"budget.m4a": interview_doc()})
    ctx = apps.sandbox_mode(sandbox)
    dialog = flow_of(ctx).open()
    tick_only(dialog, {ctx.jobs.views()[0].id}, {"srt"})
    dialog.preset.setCurrentIndex(dialog.preset.findData("custom"))
    assert dialog.rules.isEnabled()
    dialog.rules.chars.setValue(10)
    dialog.rules.lines.setValue(1)
    dialog.folder.setText(str(tmp_path / "out"))
    export_and_wait(loop, ctx, dialog)
    cues = list(srt.parse((tmp_path / "out" / "budget.srt").read_text(encoding="utf-8")))
    assert all(len(c.content.splitlines()) == 1 for c in cues)
    assert all(len(c.content) <= 10 for c in cues if " " in c.content)
    stored = ExportPreferences.from_json(ctx.prefs.settings.export_json)
    assert stored.preset == "custom" and stored.choices.subtitle_rules.max_chars_per_line == 10


def test_open_transcript_is_exported_as_on_screen(apps, sandbox, loop, tmp_path) -> None:
    ids = seed_jobs(tmp_path, {"budget.m4a": interview_doc()})
    ctx = apps.sandbox_mode(sandbox)
    ctx.jobs.open_transcript(ids["budget.m4a"])
    run(loop, wait_until(lambda: ctx.window.pane.transcript() is not None, what="shown"))
    edits.rename_speaker(ctx.window.pane.transcript(), "S2", "Ben Ng")  # not saved yet
    dialog = flow_of(ctx).open()
    tick_only(dialog, {ids["budget.m4a"]}, {"csv"})
    dialog.folder.setText(str(tmp_path / "out"))
    export_and_wait(loop, ctx, dialog)
    rows = list(csv.DictReader(io.StringIO(
        (tmp_path / "out" / "budget.csv").read_text(encoding="utf-8-sig"))))
    assert [r["speaker"] for r in rows] == ["Speaker 1", "Ben Ng"]


def test_the_panes_export_button_opens_the_dialog_with_the_shown_job_ticked(
        apps, sandbox, loop, tmp_path) -> None:
    ids = seed_jobs(tmp_path, {"budget.m4a": interview_doc(), "other.wav": interview_doc("So")})
    ctx = apps.sandbox_mode(sandbox)
    ctx.jobs.open_transcript(ids["other.wav"])
    run(loop, wait_until(lambda: ctx.window.pane.transcript() is not None, what="shown"))
    ctx.window.queue.select_job(ids["budget.m4a"])  # a selected row is not what the pane shows
    run(loop, wait_until(lambda: ctx.window.shown_job is not None, what="shown job"))
    shown = ctx.window.shown_job
    ctx.window.pane.export_button.click()
    dialog = flow_of(ctx).dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.checked_jobs() == [shown]
    out = tmp_path / "out"
    dialog.folder.setText(str(out))
    tick_only(dialog, {shown}, {"txt"})
    export_and_wait(loop, ctx, dialog)
    stem = "other" if shown == ids["other.wav"] else "budget"
    assert sorted(p.name for p in out.iterdir()) == [f"{stem}.es.txt", f"{stem}.txt"]


def test_a_failed_quick_export_is_said_and_a_later_one_clears_it(
        apps, sandbox, loop, tmp_path) -> None:
    ids = seed_jobs(tmp_path, {"budget.m4a": interview_doc()})
    ctx = apps.sandbox_mode(sandbox)
    ctx.jobs.open_transcript(ids["budget.m4a"])
    run(loop, wait_until(lambda: ctx.window.pane.transcript() is not None, what="shown"))
    flow = flow_of(ctx)
    flow.quick.choose_save_path = lambda _t, _d, _f, then: then(str(tmp_path / "gone" / "b.txt"))
    ctx.window.acts.export_txt.trigger()
    message = ctx.window.pane.message.text()
    assert "b.txt" in message and "does not exist" in message
    assert ctx.window.statusBar().currentMessage().startswith("Cannot save")  # elided
    flow.quick.choose_save_path = lambda _t, default, _f, then: then(default)  # by the recording
    flow.quick_export(TXT)
    assert ctx.window.pane.message.text() == ""
    assert "Which platform?" in (tmp_path / "recordings" / "budget.txt").read_text("utf-8")


def test_file_menu_offers_webvtt_beside_text_and_srt(apps, sandbox, loop, tmp_path) -> None:
    ids = seed_jobs(tmp_path, {"budget.m4a": interview_doc()})
    ctx = apps.sandbox_mode(sandbox)
    file_menu = ctx.window.menuBar().actions()[0].menu()
    quick = [a.text().replace("&", "") for a in file_menu.actions() if "Export as" in a.text()]
    assert quick == ["Export as text…", "Export as subtitles (SRT)…",
                     "Export as WebVTT subtitles…"]
    ctx.jobs.open_transcript(ids["budget.m4a"])
    run(loop, wait_until(lambda: ctx.window.pane.transcript() is not None, what="shown"))
    asked: list[tuple[str, str]] = []

    def choose(title: str, default: str, file_filter: str, then) -> None:
        asked.append((title, file_filter))
        then(default)

    flow_of(ctx).quick.choose_save_path = choose
    ctx.window.acts.export_vtt.trigger()
    assert asked == [("Export as WebVTT subtitles", "WebVTT subtitles (*.vtt)")]
    text = (tmp_path / "recordings" / "budget.vtt").read_text("utf-8")
    assert text.startswith("WEBVTT") and "<v Speaker 1>Which platform?" in text


def test_subtitle_check_names_fast_cues_and_links_to_their_words(
        apps, sandbox, loop, tmp_path) -> None:
    ids = seed_jobs(tmp_path, {"fast.m4a": too_fast_to_read()})
    ctx = apps.sandbox_mode(sandbox)
    flow = flow_of(ctx)
    dialog = flow.open()
    tick_only(dialog, {ids["fast.m4a"]}, {"srt"})
    dialog.folder.setText(str(tmp_path / "out"))
    result = export_and_wait(loop, ctx, dialog)
    assert "read too fast" in result and 'href="word:' in result
    href = result.split('href="')[1].split('"')[0]
    asked = []
    dialog.go_to_word.connect(lambda job, index: asked.append((job, index)))
    dialog.result_label.linkActivated.emit(href)
    job, index = asked[0]
    assert job == ids["fast.m4a"] and 0 <= index < 61
    run(loop, wait_until(lambda: ctx.window.shown_job == job, what="the job opened"))


def test_a_failed_export_is_one_sentence_and_leaves_no_half_set(
        apps, sandbox, loop, tmp_path) -> None:
    seed_jobs(tmp_path, {"budget.m4a": interview_doc()})
    out = tmp_path / "out"
    (out / "budget.srt").mkdir(parents=True)
    ctx = apps.sandbox_mode(sandbox)
    dialog = flow_of(ctx).open()
    tick_only(dialog, {ctx.jobs.views()[0].id}, {"txt", "srt"})
    dialog.folder.setText(str(out))
    result = export_and_wait(loop, ctx, dialog)
    assert f"budget.m4a: Cannot save {out / 'budget.srt'}: a folder with that name exists" in (
        result)
    assert sorted(p.name for p in out.iterdir()) == ["budget.srt"]
    assert dialog.export_button.isEnabled()


def test_a_bad_file_name_template_is_refused_in_the_dialog(apps, sandbox, loop, tmp_path) -> None:
    seed_jobs(tmp_path, {"budget.m4a": interview_doc()})
    ctx = apps.sandbox_mode(sandbox)
    dialog = flow_of(ctx).open()
    dialog.auto_export.setChecked(True)
    dialog.template.setText("{title}")
    dialog.export_button.click()
    assert "unknown field {title}" in dialog.result_label.text()
    assert ctx.prefs.settings.export_json is None


def test_finished_jobs_are_exported_automatically_with_the_template(
        apps, sandbox, audio, loop, tmp_path) -> None:
    auto = tmp_path / "auto"
    prefs = ExportPreferences(formats=("txt", "srt"), auto_export=True, auto_folder=str(auto),
                              template="{name} job{id}")
    write_settings(export_json=prefs.to_json())
    ctx = apps.sandbox_mode(sandbox)
    drop_files(ctx.window.drop_zone, [audio("talk.ogg")])

    async def scenario():
        await wait_until(lambda: ctx.jobs.views(), what="queued")
        job = ctx.jobs.views()[0].id
        await wait_until(lambda: ctx.jobs.view(job).record.phase is Phase.DONE, what="done")
        status = ctx.window.statusBar()
        await wait_until(lambda: "Exported automatically talk.ogg: 2 files" in
                         status.currentMessage(), what="the automatic export")
        return job

    job = run(loop, scenario())
    assert sorted(p.name for p in auto.iterdir()) == [f"talk job{job}.srt", f"talk job{job}.txt"]
    mine = auto / f"talk job{job}.txt"
    mine.write_text("my corrected copy", encoding="utf-8")

    async def again():  # the same job exported automatically again (nobody is asked)
        return await ctx.exports.export([job], prefs, automatic=True)

    report = run(loop, again())
    assert mine.read_text(encoding="utf-8") == "my corrected copy"  # never replaced
    assert sorted(p.name for p in auto.iterdir()) == [
        f"talk job{job} (2).srt", f"talk job{job} (2).txt",
        f"talk job{job}.srt", f"talk job{job}.txt"]
    assert "were already there and were kept" in report.sentence()
    run(loop, wait_until(lambda: "were already there and were kept" in ctx.window.notices.text(),
                         what="the notice about the new names"))


def test_a_job_edited_earlier_is_exported_with_its_saved_edits(
        apps, sandbox, loop, tmp_path) -> None:
    from smdesk.core.transcript import Transcript

    ids = seed_jobs(tmp_path, {"budget.m4a": interview_doc()})
    edited = Transcript.from_json_v2(interview_doc())
    edits.replace_text(edited, 3, 3, "Five")
    edits.rename_speaker(edited, "S1", "Ana Ruiz")
    with History.open(history_path()) as history:
        history.save_edits(ids["budget.m4a"], json.dumps(edited.to_json_v2()), 1)
    ctx = apps.sandbox_mode(sandbox)
    dialog = flow_of(ctx).open()
    tick_only(dialog, {ids["budget.m4a"]}, {"txt"})
    dialog.summary.setChecked(False)
    dialog.folder.setText(str(tmp_path / "out"))
    export_and_wait(loop, ctx, dialog)
    assert (tmp_path / "out" / "budget.txt").read_text(encoding="utf-8") == (
        "[00:00:00] Ana Ruiz: Which platform?\n\n[00:00:02] Speaker 2: Five.\n")


def test_every_subtitle_rule_is_editable(qtbot) -> None:
    import dataclasses

    from smdesk.app.widgets.subtitle_rules_editor import SubtitleRulesEditor
    from smdesk.core.subtitles import SubtitleRules

    editor = SubtitleRulesEditor()
    qtbot.addWidget(editor)
    defaults = SubtitleRules()
    unusual = SubtitleRules(
        name="custom", label="Custom", max_chars_per_line=33, max_lines=3, max_cps=17.0,
        max_wpm=150.0, min_duration=1.2, max_duration=6.0, min_gap_frames=3, frame_rate=30.0,
        cps_counts_spaces=False, dual_speaker_dash="- ", max_lead=0.2, max_linger=0.8,
        max_pause=2.0)
    changed = [f.name for f in dataclasses.fields(SubtitleRules)
               if f.name not in ("name", "label")
               and getattr(unusual, f.name) == getattr(defaults, f.name)]
    assert changed == []  # the case above differs from the defaults in every rule
    editor.set_rules(unusual)
    assert editor.rules() == unusual
    editor.cps.setValue(0)
    assert editor.rules().max_cps is None  # 0 means no limit
