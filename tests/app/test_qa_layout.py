"""Findings of a walk through the real app: small windows, the queue's columns, refusal wording."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox

from smdesk import batch
from smdesk.app.controllers.intake import collect_media
from smdesk.app.messages import WAITING_FOR_CONSENT, WAITING_TO_CONNECT, retrying_message
from smdesk.app.models.job_table import Column, JobTableModel
from smdesk.app.transcript.pane import PLACEHOLDER
from smdesk.app.widgets.inline_message import Level
from smdesk.app.widgets.job_queue import JobQueueView
from smdesk.app.widgets.notice_area import NoticeArea
from smdesk.app.widgets.options_panel import OptionsPanel
from smdesk.app.windows.dialog_flows import NOT_CONNECTED
from smdesk.core.options import JobOptions, SummaryOptions
from smdesk.sandbox.sample import SAMPLE_AUDIO
from smdesk.store.history import Phase
from tests.app.conftest import SANDBOX_KEY, run, wait_until
from tests.app.test_jobs_status import view

REASON = "Speechmatics could not transcribe this file (The audio file could not be decoded)."


def test_window_fits_a_1024_pixel_screen(apps: Any, sandbox: Any) -> None:
    window = apps.account(sandbox).window
    assert window.minimumSizeHint().width() <= 860
    window.resize(1024, 700)
    QApplication.processEvents()
    assert window.width() == 1024


def test_options_panel_is_not_as_wide_as_its_longest_choice(qtbot: Any) -> None:
    panel = OptionsPanel()
    qtbot.addWidget(panel)
    speakers = next(c for c in panel.findChildren(QComboBox) if c.accessibleName() == "Speakers")
    longest = max(speakers.fontMetrics().horizontalAdvance(speakers.itemText(i))
                  for i in range(speakers.count()))
    assert speakers.minimumSizeHint().width() < longest or speakers.minimumWidth() < longest
    # the open list still shows every choice in full
    assert speakers.view().minimumWidth() >= longest


def test_status_column_keeps_most_of_a_narrow_queue(qtbot: Any) -> None:
    model = JobTableModel()
    failed = view(Phase.FAILED, file_name="Council meeting 2026-11-24 full recording.ogg",
                  error=REASON, options_json=JobOptions(
                      language="auto", translation_targets=["es", "fr"],
                      summary=SummaryOptions()).to_json())
    model.reset([failed])
    queue = JobQueueView(model)
    qtbot.addWidget(queue)
    queue.resize(520, 240)
    queue.show()
    qtbot.waitUntil(queue.is_compact)  # narrower still, the status gets a card line of its own
    queue.resize(700, 240)
    qtbot.waitUntil(lambda: not queue.is_compact() and queue.table.width() <= 700)
    table = queue.table
    status = table.columnWidth(Column.STATUS)
    assert status >= table.columnWidth(Column.FILE)
    assert status >= table.columnWidth(Column.OPTIONS)
    assert status >= 150  # room for "Failed: Speechmatics could…", not just "…"
    # widening gives the file name its room back
    queue.resize(1200, 240)
    qtbot.waitUntil(lambda: table.columnWidth(Column.FILE) >= 240)


def test_options_column_has_the_full_description_as_tooltip() -> None:
    model = JobTableModel()
    options = JobOptions(language="auto", translation_targets=["es", "fr"],
                         summary=SummaryOptions())
    model.reset([view(Phase.DONE, options_json=options.to_json())])
    index = model.index(0, Column.OPTIONS)
    text = index.data(Qt.ItemDataRole.DisplayRole)
    assert text and "es, fr" in text
    assert index.data(Qt.ItemDataRole.ToolTipRole) == text


def test_folder_refusal_counts_in_plain_english(tmp_path: Path) -> None:
    one = tmp_path / "One"
    one.mkdir()
    (one / "talk.ogg").write_bytes(SAMPLE_AUDIO.read_bytes())
    (one / "notes.docx").write_bytes(b"PK not audio")
    two = tmp_path / "Two"
    two.mkdir()
    (two / "a.txt").write_text("a")
    (two / "b.pdf").write_bytes(b"%PDF")
    refused = collect_media([str(one), str(two)]).refused
    assert refused == [
        "One: skipped 1 file that is not an audio or video file Speechmatics accepts "
        "(notes.docx).",
        "Two: skipped 2 files that are not audio or video files Speechmatics accepts "
        "(a.txt, b.pdf).",
    ]


def test_tab_leaves_the_job_table(qtbot: Any) -> None:
    """Keyboard users reach the buttons under the queue; Tab used to walk the cells forever."""
    model = JobTableModel()
    model.reset([view(Phase.DONE, id=1), view(Phase.FAILED, id=2, error=REASON)])
    queue = JobQueueView(model)
    qtbot.addWidget(queue)
    queue.show()
    queue.activateWindow()
    qtbot.waitExposed(queue)
    queue.select_job(1)
    queue.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is queue.table)
    QTest.keyClick(queue.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not queue.table
    assert QApplication.focusWidget() is queue.btn_open  # the first enabled button


def test_retry_notes_do_not_ask_the_person_to_try_again() -> None:
    server = batch.BatchError("boom", status_code=503)
    assert retrying_message(server, "Trying again in 2 s.") == (
        "Speechmatics had a server problem (HTTP 503). Trying again in 2 s.")
    lost = ConnectionResetError("Connection lost")
    assert retrying_message(lost, "Still trying.", url="http://127.0.0.1:8765/v2") == (
        "Could not reach 127.0.0.1:8765; check your internet connection. Still trying.")


def test_cut_upload_note_says_the_app_retries(apps: Any, sandbox: Any, audio: Any,
                                              loop: Any) -> None:
    ctx = apps.account(sandbox)
    notes: list[str] = []
    ctx.jobs.job_changed.connect(lambda v: notes.append(v.note) if v.note else None)
    sandbox.sandbox.faults.cut_next_upload(1, after_bytes=20000)
    ctx.window.add_paths([str(audio())])
    run(loop, wait_until(lambda: ctx.jobs.views()
                         and ctx.jobs.views()[0].record.phase is Phase.DONE, what="done"))
    retry_notes = [n for n in notes if "Trying again" in n]
    assert retry_notes, notes
    assert not any("try again" in n for n in retry_notes)  # the app does it, not the person
    assert sandbox.sandbox.stats.uploads == 1


def test_a_failed_job_says_why_in_the_status_bar(apps: Any, sandbox: Any, audio: Any,
                                                 loop: Any) -> None:
    ctx = apps.account(sandbox)
    sandbox.sandbox.faults.reject_next_jobs(1, "The audio file could not be decoded.")
    ctx.window.add_paths([str(audio("council.ogg"))])
    run(loop, wait_until(lambda: ctx.jobs.views()
                         and ctx.jobs.views()[0].record.phase is Phase.FAILED, what="failed"))
    message = ctx.window.statusBar().currentMessage()
    assert message.startswith("council.ogg failed: ")
    assert "could not be decoded" in message


def test_waiting_jobs_say_what_they_wait_for(apps: Any, sandbox: Any, audio: Any,
                                             loop: Any) -> None:
    """First start, key dialog closed, a file dropped: the job says it waits for a connection
    (not for "the connection this job was started on"); once a key is given the stale "Not
    connected" notice goes away and the job says it waits for the person's consent."""
    ctx = apps.fresh(url=sandbox.url)
    window = ctx.window
    run(loop, wait_until(lambda: window.flows.key_dialog, what="key dialog")).reject()
    assert NOT_CONNECTED in window.notices.text()
    ctx.prefs.update(privacy_notice_accepted=False)
    window.add_paths([str(audio())])
    job_id = run(loop, wait_until(lambda: ctx.jobs.views() and ctx.jobs.views()[0].id))
    run(loop, wait_until(lambda: ctx.jobs.view(job_id).note == WAITING_TO_CONNECT,
                         what="waiting note"))

    window.flows.ask_for_key("")
    dialog = window.flows.key_dialog
    dialog.key_field.setText(SANDBOX_KEY)
    dialog.save_button.click()
    run(loop, wait_until(lambda: window.flows.privacy_dialog, what="privacy notice"))
    assert NOT_CONNECTED not in window.notices.text()
    run(loop, wait_until(lambda: ctx.jobs.view(job_id) is not None
                         and ctx.jobs.views()[0].note == WAITING_FOR_CONSENT, what="consent"))
    window.flows.privacy_dialog.decided.emit(True, False)
    run(loop, wait_until(lambda: ctx.jobs.views()[0].record.phase is Phase.DONE, what="done"))


def test_remove_warns_about_the_transcript_only_when_there_is_one(qtbot: Any) -> None:
    model = JobTableModel()
    model.reset([view(Phase.DONE, id=1, has_transcript=True),
                 view(Phase.CANCELLED, id=2, file_name="cancelled.m4a")])
    queue = JobQueueView(model)
    qtbot.addWidget(queue)
    with_transcript = queue.confirm_delete(1)
    assert "transcript is deleted" in with_transcript.text()
    with_transcript.reject()
    without = queue.confirm_delete(2)
    assert "cancelled.m4a" in without.text() and "transcript" not in without.text()
    without.reject()


def test_a_warning_replaces_earlier_good_news_in_the_notice_strip(qtbot: Any) -> None:
    notices = NoticeArea()
    qtbot.addWidget(notices)
    notices.show_lines(["API key accepted; new jobs go to Speechmatics."], Level.INFO)
    notices.show_lines(["empty.mp3 is empty (0 bytes)."], Level.WARNING)
    assert notices.text() == "empty.mp3 is empty (0 bytes)."
    notices.show_lines(["Continuing 1 unfinished job from last time."], Level.INFO)
    assert notices.text().splitlines() == [
        "empty.mp3 is empty (0 bytes).", "Continuing 1 unfinished job from last time."]


def test_selecting_a_failed_job_shows_why_in_the_empty_pane(apps: Any, sandbox: Any,
                                                             audio: Any, loop: Any) -> None:
    ctx = apps.account(sandbox)
    window = ctx.window
    assert window.pane.placeholder.text() == PLACEHOLDER
    sandbox.sandbox.faults.reject_next_jobs(1, "The audio file could not be decoded.")
    window.add_paths([str(audio("council.ogg"))])
    job_id = run(loop, wait_until(lambda: ctx.jobs.views() and ctx.jobs.views()[0].id))
    run(loop, wait_until(lambda: "opens here when it is done" in window.pane.placeholder.text(),
                         what="in-progress placeholder"))
    run(loop, wait_until(lambda: ctx.jobs.view(job_id).record.phase is Phase.FAILED))
    window.queue.select_job(job_id)
    text = window.pane.placeholder.text()
    assert text.startswith("council.ogg failed: ") and "could not be decoded" in text
    assert "Retry" in text
