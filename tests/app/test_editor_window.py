"""The editor in the real window: keys that work wherever the focus is, Undo/Redo in the Edit
menu, the list's highlighted row and the shown transcript agreeing, edits reaching the history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from smdesk.app.models.job_table import Column
from tests.app.conftest import run, wait_until


def finished_window(apps: Any, sandbox: Any, audio: Any, loop: Any, *names: str) -> Any:
    ctx = apps.account(sandbox)
    window = ctx.window
    paths = [str(audio(name)) for name in (names or ("interview.ogg",))]
    window.options_flows.queue(paths, window.options_flows.last_used())
    run(loop, wait_until(lambda: window.pane.transcript() is not None
                         and ctx.editing.session is not None, what="a shown transcript"))
    return ctx


def type_over_first_word(view: Any, first: str, typed: str) -> str:
    """Select the first word in the text (block 0 is the speaker line) and type over it."""
    cursor = QTextCursor(view.document())
    block = view.document().findBlockByNumber(1)
    cursor.setPosition(block.position())
    cursor.setPosition(block.position() + len(first), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    QTest.keyClicks(view, typed)
    view.flush_edits()
    return first


def test_find_and_replace_keys_work_with_the_focus_in_the_list(apps, sandbox, audio, loop):
    ctx = finished_window(apps, sandbox, audio, loop)
    window = ctx.window
    window.activateWindow()
    window.queue.table.setFocus()
    QTest.keyClick(window.queue.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.pane.find_bar.isVisible() and not window.pane.find_bar.replace_shown()
    QTest.keyClick(window.pane.find_bar.field, Qt.Key.Key_Escape)
    window.queue.table.setFocus()
    QTest.keyClick(window.queue.table, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.pane.find_bar.isVisible() and window.pane.find_bar.replace_shown()
    # one action per shortcut: nothing ambiguous for Qt to refuse
    keys = [s.toString() for a in window.findChildren(type(window.acts.copy))
            for s in a.shortcuts() if a.isEnabled()]
    assert keys.count("Ctrl+F") == 1 and keys.count("Ctrl+H") == 1


def test_alt_e_opens_the_edit_menu(apps, sandbox, audio, loop):
    ctx = finished_window(apps, sandbox, audio, loop)
    window = ctx.window
    window.activateWindow()
    view = window.pane.transcript_view()
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    run(loop, wait_until(lambda: isinstance(QApplication.activePopupWidget(), QMenu),
                         what="a menu"))
    menu = QApplication.activePopupWidget()
    assert menu is window.menus["edit"]
    menu.close()
    assert window.pane.export_button.text() == "E&xport"


def test_typing_is_undone_from_the_edit_menu_and_saved(apps, sandbox, audio, loop):
    ctx = finished_window(apps, sandbox, audio, loop)
    window, pane = ctx.window, ctx.window.pane
    view = pane.transcript_view()
    assert not view.isReadOnly()
    first = type_over_first_word(view, pane.transcript().words[0].text, "Zebra")
    assert pane.transcript().words[0].text == "Zebra"
    assert window.acts.undo.isEnabled() and window.acts.undo.text() == "&Undo Typing"
    session = ctx.editing.session
    run(loop, wait_until(lambda: not session.has_unsaved_edits(), what="the autosave"))
    record = ctx.db.history.get(session.job_id)
    assert record is not None and record.is_edited
    row = window.model.row_of(session.job_id)
    run(loop, wait_until(lambda: window.model.index(row, Column.STATUS).data() == "Done · edited",
                         what="the list saying it was edited"))
    assert ctx.db.history.search_words("zebra") == [session.job_id]  # the search sees the edit
    window.acts.undo.trigger()
    assert pane.transcript().words[0].text == first
    assert view.document().findBlockByNumber(1).text().startswith(first)
    window.acts.redo.trigger()
    assert pane.transcript().words[0].text == "Zebra"


def test_the_highlighted_row_is_the_transcript_shown(apps, sandbox, audio, loop):
    ctx = finished_window(apps, sandbox, audio, loop, "first.ogg", "second.ogg")
    window = ctx.window
    run(loop, wait_until(lambda: all(v.record.phase.name == "DONE" for v in ctx.jobs.views()),
                         what="both jobs done"))
    shown = window.shown_job
    assert window.queue.selected_job_id() == shown
    other = next(v.id for v in ctx.jobs.views() if v.id != shown)
    window.queue.select_job(other)  # choosing a row shows its transcript
    run(loop, wait_until(lambda: window.shown_job == other, what="the other transcript"))
    assert window.queue.selected_job_id() == other
    assert ctx.editing.session.job_id == other
    window.model.reset(ctx.jobs.views())  # the list is rebuilt (filtered, re-sorted)
    assert window.queue.selected_job_id() == other


def test_revert_to_original_from_the_edit_menu_and_undo_it(apps, sandbox, audio, loop):
    ctx = finished_window(apps, sandbox, audio, loop)
    window, pane = ctx.window, ctx.window.pane
    view = pane.transcript_view()
    first = type_over_first_word(view, pane.transcript().words[0].text, "Zebra")
    assert window.acts.revert.isEnabled()
    window.acts.revert.trigger()
    run(loop, wait_until(lambda: pane.transcript().words[0].text == first, what="the original"))
    assert view.document().findBlockByNumber(1).text().startswith(first)
    window.acts.undo.trigger()  # the revert is one undo step
    assert pane.transcript().words[0].text == "Zebra"
