"""The Changes list in the real window: an edit shows up, jumps to its words, reverts as one
undo step, is offered on the edited word's context menu, and is still listed after a restart."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint

from tests.app.conftest import run, wait_until
from tests.app.test_editor_window import finished_window, type_over_first_word


def listed(pane: Any) -> list[str]:
    return pane.changes.lines() if pane.changes.isVisible() else []


def test_an_edit_is_listed_reverted_undone_and_kept_after_a_restart(apps, sandbox, audio, loop):
    ctx = finished_window(apps, sandbox, audio, loop)
    window, pane = ctx.window, ctx.window.pane
    assert not pane.changes.isVisible() and pane.header.changes_button.text() == "Changes"
    first = type_over_first_word(pane.transcript_view(), pane.transcript().words[0].text, "Zebra")
    run(loop, wait_until(lambda: listed(pane), what="the change listed"))
    [line] = listed(pane)
    assert line.startswith("00:00:0") and f"‘{first}’ → ‘Zebra’" in line
    assert pane.header.changes_button.text() == "Changes (1)"

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
