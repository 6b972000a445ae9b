"""The Changes list in the real window: an edit shows up, jumps to its words, reverts as one
undo step, is offered on the edited word's context menu, and is still listed after a restart."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from tests.app.conftest import run, wait_until
from tests.app.test_editor_window import finished_window, type_over_first_word


def listed(pane: Any) -> list[str]:
    return pane.changes.lines() if pane.changes.isVisible() else []


def marked(view: Any) -> list[str]:
    """The text under the "changed" marks (a wavy underline, not only a colour)."""
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    return [s.cursor.selectedText() for s in view.extraSelections()
            if s.format.underlineStyle() == wave]


def test_an_edit_is_listed_reverted_undone_and_kept_after_a_restart(apps, sandbox, audio, loop):
    ctx = finished_window(apps, sandbox, audio, loop)
    window, pane = ctx.window, ctx.window.pane
    assert not pane.changes.isVisible() and pane.header.changes_button.text() == "Changes"
    first = type_over_first_word(pane.transcript_view(), pane.transcript().words[0].text, "Zebra")
    run(loop, wait_until(lambda: listed(pane), what="the change listed"))
    [line] = listed(pane)
    assert line.startswith("00:00:0") and f"‘{first}’ → ‘Zebra’" in line
    assert pane.header.changes_button.text() == "Changes (1)"
    assert marked(pane.transcript_view()) == ["Zebra"]
    pane.changes.mark_box.setChecked(False)
    assert marked(pane.transcript_view()) == []
    pane.changes.mark_box.setChecked(True)

    pane.changes.list.setCurrentRow(0)
    pane.changes.list.itemClicked.emit(pane.changes.list.item(0))  # jump to it
    assert pane.transcript_view().textCursor().selectedText() == "Zebra"

    pane.changes.list.item(0).setSelected(True)
    pane.changes.revert_button.click()
    assert pane.transcript().words[0].text == first
    assert pane.transcript_view().document().findBlockByNumber(1).text().startswith(first)
    assert not pane.changes.isVisible() and pane.header.changes_button.text() == "Changes"
    assert window.acts.undo.text() == "&Undo Revert a change"
    window.acts.undo.trigger()
    assert pane.transcript().words[0].text == "Zebra"
    run(loop, wait_until(lambda: listed(pane), what="the change listed again"))
    session = ctx.editing.session
    run(loop, wait_until(lambda: not session.has_unsaved_edits(), what="the autosave"))
    job_id = session.job_id
    apps.close(ctx)

    again = apps.account(sandbox)  # a restart on the same history
    again.window.queue.select_job(job_id)
    again.window.queue.btn_open.click()
    run(loop, wait_until(lambda: again.window.shown_job == job_id
                         and again.editing.session is not None, what="the job reopened"))
    shown = again.window.pane
    assert shown.transcript().words[0].text == "Zebra"
    run(loop, wait_until(lambda: listed(shown), what="the change listed after the restart"))
    assert f"‘{first}’ → ‘Zebra’" in listed(shown)[0]


def test_the_edited_words_context_menu_reverts_it(apps, sandbox, audio, loop):
    ctx = finished_window(apps, sandbox, audio, loop)
    pane = ctx.window.pane
    view = pane.transcript_view()
    first = type_over_first_word(view, pane.transcript().words[0].text, "Zebra")
    session = ctx.editing.session
    run(loop, wait_until(lambda: session.compare() is not None, what="the original loaded"))
    start, end = pane.document().word_range(0)
    cursor = view.textCursor()
    cursor.setPosition((start + end) // 2)
    point = view.cursorRect(cursor).center()
    menu = pane.context_menu_at(QPoint(point.x(), point.y()))
    titles = [a.text() for a in menu.actions()]
    assert f"Revert to ‘{first}’" in titles
    other = pane.context_menu_at(QPoint(point.x(), view.cursorRect(cursor).bottom() + 40))
    assert not any(t.startswith("Revert to") for t in (a.text() for a in other.actions()))
    next(a for a in menu.actions() if a.text() == f"Revert to ‘{first}’").trigger()
    assert pane.transcript().words[0].text == first
    assert session.undo_stack.undoText() == "Revert a change"


def test_several_selected_changes_revert_as_one_step(apps, sandbox, audio, loop):
    ctx = finished_window(apps, sandbox, audio, loop)
    pane, session = ctx.window.pane, ctx.editing.session
    words = pane.transcript().words
    late = next(i for i in range(len(words) - 1, 0, -1) if not words[i].is_punctuation)
    before = [words[0].text, words[late].text]
    assert session.replace_text(late, late, "Finale")
    assert session.replace_text(0, 0, "Zebra")
    middle = late // 2
    assert session.give_to_speaker(middle, middle, None)  # a third change: a word's speaker
    run(loop, wait_until(lambda: len(listed(pane)) == 3, what="three changes listed"))
    text_rows = [i for i, line in enumerate(listed(pane)) if "→ ‘" in line]
    assert len(text_rows) == 2
    for row in text_rows:
        pane.changes.list.item(row).setSelected(True)
    assert pane.changes.revert_button.text() == "Re&vert 2"
    steps = session.undo_stack.count()
    pane.changes.revert_button.click()
    words = pane.transcript().words
    assert [words[0].text, words[late].text] == before
    assert words[middle].speaker != words[middle - 1].speaker  # not chosen: it stays
    assert session.undo_stack.count() == steps + 1
    assert len(listed(pane)) == 1
    session.undo_stack.undo()
    assert [pane.transcript().words[0].text, pane.transcript().words[late].text] == [
        "Zebra", "Finale"]


def test_the_list_follows_the_transcript_shown(apps, sandbox, audio, loop):
    ctx = finished_window(apps, sandbox, audio, loop, "first.ogg", "second.ogg")
    window, pane = ctx.window, ctx.window.pane
    run(loop, wait_until(lambda: all(v.record.phase.name == "DONE" for v in ctx.jobs.views()),
                         what="both jobs done"))
    edited = window.shown_job
    type_over_first_word(pane.transcript_view(), pane.transcript().words[0].text, "Zebra")
    run(loop, wait_until(lambda: listed(pane), what="the change listed"))
    other = next(v.id for v in ctx.jobs.views() if v.id != edited)
    window.queue.select_job(other)
    run(loop, wait_until(lambda: ctx.editing.session is not None
                         and ctx.editing.session.job_id == other, what="the other job shown"))
    assert listed(pane) == [] and pane.header.changes_button.text() == "Changes"
    assert marked(pane.transcript_view()) == []
    window.queue.select_job(edited)
    run(loop, wait_until(lambda: ctx.editing.session is not None
                         and ctx.editing.session.job_id == edited, what="the edited job again"))
    run(loop, wait_until(lambda: listed(pane), what="its change listed again"))
    assert "→ ‘Zebra’" in listed(pane)[0] and marked(pane.transcript_view()) == ["Zebra"]


def test_reverting_the_last_change_saves_the_job_as_not_edited(apps, sandbox, audio, loop):
    ctx = finished_window(apps, sandbox, audio, loop)
    session = ctx.editing.session
    history = ctx.db.history

    def saved_as(edited: bool) -> bool:
        record = history.get(session.job_id)
        return not session.has_unsaved_edits() and record is not None and (
            record.is_edited == edited)

    assert session.replace_text(0, 0, "Zebra")
    run(loop, wait_until(lambda: saved_as(True), what="saved as edited"))
    run(loop, wait_until(lambda: session.compare() is not None, what="the original loaded"))
    assert session.revert_changes(list(session.compare().differences))
    run(loop, wait_until(lambda: saved_as(False), what="saved as not edited"))
    session.undo_stack.undo()
    run(loop, wait_until(lambda: saved_as(True), what="edited again after the undo"))
    assert session.check_word(3)  # an accepted word is kept: the job stays edited
    assert session.replace_text(0, 0, session.original().words[0].text)
    run(loop, wait_until(lambda: saved_as(True), what="saved"))
    found = session.compare()
    assert found is not None and not found.differences
    assert history.get(session.job_id).is_edited


def test_a_removed_word_leaves_a_wedge_that_tells_and_selects_its_change(
        apps, sandbox, audio, loop):
    ctx = finished_window(apps, sandbox, audio, loop)
    pane, session = ctx.window.pane, ctx.editing.session
    words = pane.transcript().words
    gone = next(i for i in range(2, len(words) - 1) if not words[i].is_punctuation
                and not words[i + 1].is_punctuation and not words[i - 1].is_punctuation)
    removed, after = words[gone].text, words[gone + 1].text
    assert session.replace_text(0, 0, "Zebra")  # a second change, listed before the removal
    assert session.delete_words(gone, gone)
    run(loop, wait_until(lambda: len(listed(pane)) == 2, what="both changes listed"))
    view = pane.transcript_view()
    overlay = view.change_marks
    [wedge] = overlay.removals()
    assert f"removed ‘{removed}’" in wedge.tip
    next_word = pane.document().word_range(gone)  # the word after the removed one, now
    assert view.document().toPlainText()[next_word[0]:next_word[1]] == after
    assert wedge.start == next_word[0] and overlay.isVisible()
    rect = overlay.wedge_rect(wedge)
    start_of_next = view.cursorRect(_cursor_at(view, next_word[0])).left()
    assert start_of_next - 8 <= rect.center().x() < start_of_next  # in the gap before it
    assert overlay.mark_at(rect.center()) == wedge
    hover = QHelpEvent(QEvent.Type.ToolTip, rect.center(),
                       view.viewport().mapToGlobal(rect.center()))
    QApplication.sendEvent(view.viewport(), hover)
    assert f"removed ‘{removed}’" in QToolTip.text() and "Click to select" in QToolTip.text()
    zebra = pane.document().word_range(0)
    changed = overlay.mark_at(view.cursorRect(_cursor_at(view, zebra[0] + 2)).center())
    assert changed is not None and "→ ‘Zebra’" in changed.tip

    type_over_first_word(view, "Zebra", "Zebrass")  # typing before it moves it along at once
    [moved] = overlay.removals()
    assert moved.start == wedge.start + 2 == pane.document().word_range(gone)[0]
    [wedge] = overlay.removals()
    rect = overlay.wedge_rect(wedge)
    menu = pane.context_menu_at(rect.center())  # the wedge's own menu puts the word back
    assert f"Put back ‘{removed}’" in [a.text() for a in menu.actions()]
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    [chosen] = pane.changes.selected()
    assert chosen.kind == "deleted" and chosen.before == removed
    assert pane.changes.revert_button.isEnabled()
    pane.changes.mark_box.setChecked(False)  # the marks go with "Mark in the text"
    assert overlay.removals() == [] and not overlay.isVisible()
    pane.changes.mark_box.setChecked(True)
    pane.changes.revert_button.click()
    assert pane.transcript().words[gone].text == removed
    assert overlay.removals() == []


def _cursor_at(view: Any, position: int) -> QTextCursor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    return cursor


def test_every_row_of_the_list_shows_its_two_lines_renames_too(apps, sandbox, audio, loop):
    ctx = finished_window(apps, sandbox, audio, loop)
    pane, session = ctx.window.pane, ctx.editing.session
    assert session.replace_text(0, 0, "Zebra")
    assert session.rename_speaker(pane.transcript().speakers()[0], "Ana Ruiz")
    run(loop, wait_until(lambda: len(listed(pane)) == 2, what="both changes listed"))
    assert listed(pane)[1] == "Speaker renamed · ‘Speaker 1’ → ‘Ana Ruiz’"
    rows = pane.changes.list
    line = rows.fontMetrics().lineSpacing()
    for i in range(rows.count()):
        assert rows.item(i).text().count("\n") == 1
        assert rows.visualItemRect(rows.item(i)).height() >= 2 * line  # not cut to one line
