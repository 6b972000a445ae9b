"""The export dialog's live subtitle preview in the real window: it follows the rules, shows the
checker's verdict with links to the words, previews a translation, and is computed off the UI
thread with only the newest request counting."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from smdesk.app.controllers import subtitle_preview
from smdesk.app.windows.subtitle_preview import UPDATING
from smdesk.core import edits
from smdesk.core.export import ExportChoices
from smdesk.core.export.preview import SubtitlePreview
from tests.app.conftest import run, wait_until
from tests.app.test_export_dialog import flow_of, interview_doc, seed_jobs, tick_only
from tests.core.factories import make_json_v2, too_fast_to_read


def cue_count(dialog: Any) -> int:
    return sum(1 for line in dialog.preview.cues.toPlainText().splitlines()
               if line.startswith("#"))


def shown(dialog: Any) -> bool:
    """A finished preview is on screen (not "Updating…")."""
    return dialog.preview.status.text().endswith(("subtitle", "subtitles"))


def test_the_preview_follows_the_rules_live_and_previews_a_translation(
        apps, sandbox, loop, tmp_path) -> None:
    doc = make_json_v2(300, speakers=2, seed=5)
    ids = seed_jobs(tmp_path, {"talk.m4a": doc, "budget.m4a": interview_doc()})
    ctx = apps.sandbox_mode(sandbox)
    ctx.jobs.open_transcript(ids["budget.m4a"])  # shown: previewed as on screen
    run(loop, wait_until(lambda: ctx.window.pane.transcript() is not None, what="shown"))
    edits.replace_text(ctx.window.pane.transcript(), 0, 0, "Whichever")  # typed, not yet saved
    dialog = flow_of(ctx).open()
    dialog.resize(1024, 700)
    tick_only(dialog, {ids["talk.m4a"]}, {"srt"})
    run(loop, wait_until(lambda: shown(dialog), what="the first preview"))
    assert dialog.preview.verdict.text().startswith("Netflix (English): ")
    wide = cue_count(dialog)
    assert wide > 5 and "#1  00:00:" in dialog.preview.cues.toPlainText()
    assert " │ " in dialog.preview.cues.toPlainText()  # each line with its width
    dialog.preset.setCurrentIndex(dialog.preset.findData("custom"))
    dialog.rules.chars.setValue(20)
    assert dialog.preview.status.text() == UPDATING  # said at once, computed after a pause
    run(loop, wait_until(lambda: shown(dialog) and cue_count(dialog) > wide,
                         what="more cues with 20-character lines"))
    assert dialog.preview.verdict.text().startswith("Custom: ")
    # the shown job, which has a translation: the preview offers it and shows its own cues
    tick_only(dialog, {ids["budget.m4a"]}, {"srt"})
    run(loop, wait_until(lambda: "budget.m4a" in dialog.preview.status.text() and shown(dialog),
                         what="the other job's preview"))
    assert "Whichever platform?" in dialog.preview.cues.toPlainText()  # the edited words
    edits.replace_text(ctx.window.pane.transcript(), 1, 1, "podium")  # a later edit...
    dialog.subtitle_labels.setChecked(True)  # ...is in the next preview, not a stale copy
    run(loop, wait_until(lambda: " │ podium?" in dialog.preview.cues.toPlainText(),
                         what="the later edit"))
    dialog.subtitle_labels.setChecked(False)
    assert dialog.preview.language.isVisible()
    dialog.preview.language.setCurrentIndex(dialog.preview.language.findData("es"))
    run(loop, wait_until(lambda: "¿Qué plataforma?" in dialog.preview.cues.toPlainText(),
                         what="the Spanish cues"))
    # collapsed: one row, the settings get the room back; opened again: the cues come back
    settings_height = dialog.splitter.sizes()[0]
    dialog.preview.toggle.click()
    assert not dialog.preview.cues.isVisible() and dialog.splitter.sizes()[0] > settings_height
    dialog.preview.toggle.click()
    assert dialog.preview.cues.isVisible() and dialog.splitter.sizes()[0] == settings_height
    run(loop, wait_until(lambda: shown(dialog), what="the preview again"))
    # rules that contradict each other: one sentence instead of a preview
    dialog.rules.max_duration.setValue(2)
    dialog.rules.min_duration.setValue(3)
    assert "Subtitle rules: the maximum duration" in dialog.preview.verdict.text()
    assert dialog.preview.cues.toPlainText() == ""
    # no subtitle format ticked: nothing to preview, and the dialog says so
    dialog.format_boxes["srt"].setChecked(False)
    assert "Tick SRT or WebVTT" in dialog.preview.verdict.text()
    assert not dialog.preview.isEnabled()


def test_the_verdict_links_to_the_cue_and_to_its_word_in_the_transcript(
        apps, sandbox, loop, tmp_path) -> None:
    ids = seed_jobs(tmp_path, {"fast.m4a": too_fast_to_read()})
    ctx = apps.sandbox_mode(sandbox)
    dialog = flow_of(ctx).open()
    tick_only(dialog, {ids["fast.m4a"]}, {"vtt"})
    run(loop, wait_until(lambda: "read too fast" in dialog.preview.verdict.text(),
                         what="the verdict"))
    verdict = dialog.preview.verdict.text()
    assert "⚠ reads too fast" in dialog.preview.cues.toPlainText()  # marked in words
    href = verdict.split('href="')[2].split('"')[0]  # the second cue listed
    _, job, word, cue = href.split(":")
    dialog.preview.verdict.linkActivated.emit(href)
    assert dialog.preview.cues.textCursor().selectedText().startswith(f"#{cue}  ")
    run(loop, wait_until(lambda: ctx.window.shown_job == int(job), what="the job opened"))
    view = ctx.window.pane.transcript_view()
    run(loop, wait_until(lambda: view.textCursor().selectedText() ==
                         ctx.window.pane.transcript().words[int(word)].text, what="the word"))
    # Enter on any line of a cue in the list (also one the verdict does not list) goes there too
    last = cue_count(dialog)
    lines = dialog.preview.cues.toPlainText().split("\n")
    heading = next(i for i, text in enumerate(lines) if text.startswith(f"#{last}  "))
    cue_words = {w for text in lines[heading + 1:] for w in text.split(" │ ")[-1].split()}
    dialog.preview.cues.setTextCursor(
        QTextCursor(dialog.preview.cues.document().findBlockByNumber(heading + 1)))
    QTest.keyClick(dialog.preview.cues, Qt.Key.Key_Return)
    run(loop, wait_until(lambda: view.textCursor().selectedText() in cue_words,
                         what="the last cue's first word"))


def test_layout_runs_off_the_ui_thread_and_only_the_newest_request_counts(
        apps, sandbox, loop, tmp_path, monkeypatch) -> None:
    ids = seed_jobs(tmp_path, {"talk.m4a": make_json_v2(300, speakers=2, seed=6)})
    ctx = apps.sandbox_mode(sandbox)
    threads: list[str] = []
    real = subtitle_preview.preview_subtitles

    def recording(transcript: Any, choices: ExportChoices) -> SubtitlePreview:
        threads.append(threading.current_thread().name)
        return real(transcript, choices)

    monkeypatch.setattr(subtitle_preview, "preview_subtitles", recording)
    controller = ctx.exports.preview
    results: list[tuple[int, SubtitlePreview]] = []
    controller.ready.connect(lambda job, preview: results.append((job, preview)))
    job = ids["talk.m4a"]
    for width in (42, 30, 20):  # typed quickly: one layout, for the last value
        rules = ExportChoices().subtitle_rules
        controller.request(job, ExportChoices(
            subtitle_rules=dataclasses.replace(rules, max_chars_per_line=width)))
    run(loop, wait_until(lambda: results and not controller.computing(), what="a preview"))
    assert len(results) == 1 and len(threads) == 1
    assert threads[0].startswith("smdesk-preview") and threads[0] != "MainThread"
    (got_job, preview), = results
    assert got_job == job
    lines = [line for cue in preview.cues for line in cue.lines]
    assert max(len(line) for line in lines if " " in line) <= 20
    controller.request(job, ExportChoices())
    controller.cancel()  # the dialog closed before the pause ended
    run(loop, wait_until(lambda: not controller.computing(), what="nothing running"))
    assert len(results) == 1
