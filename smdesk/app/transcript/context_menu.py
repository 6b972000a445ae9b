"""The transcript text's context menu: copy, paste, split/join, give words to a speaker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from smdesk.app.transcript.changes import revert_label
from smdesk.app.transcript.layout import BODY, block_role

if TYPE_CHECKING:
    from smdesk.app.transcript.pane import TranscriptPane


def build_context_menu(pane: TranscriptPane, point: QPoint) -> QMenu:
    doc = pane.document()
    menu = QMenu(pane)
    if doc is None:
        return menu
    view = doc.view
    cursor = view.textCursor()
    clicked = view.cursorForPosition(point)
    if not cursor.hasSelection() or not (
            cursor.selectionStart() <= clicked.position() <= cursor.selectionEnd()):
        view.setTextCursor(clicked)  # right-click moves the caret, as in word processors
        cursor = clicked
    copy = menu.addAction("&Copy", view.copy)
    copy.setEnabled(cursor.hasSelection())
    for action in getattr(pane, "extra_context_actions", []):
        menu.addAction(action)
    editable = pane.session() is not None
    if editable:
        menu.addAction("&Paste", view.paste).setEnabled(view.canPaste())
        menu.addSeparator()
        paragraph, role = block_role(cursor.block().blockNumber())
        in_body = role == BODY
        split = menu.addAction("Start a &new paragraph here",
                               lambda: view.split_requested.emit(
                                   paragraph, cursor.position() - cursor.block().position()))
        split.setEnabled(in_body and not cursor.hasSelection())
        join = menu.addAction("&Join with the next paragraph",
                              lambda: view.join_requested.emit(paragraph))
        join.setEnabled(paragraph + 1 < len(doc.layout.paragraphs))
        _add_check_actions(pane, menu, clicked.position())
        _add_revert_actions(pane, menu, point, cursor.hasSelection())
        t = doc.transcript
        speakers = t.speakers() if t is not None else []
        for whole, title in ((True, "Give this paragraph &to"),
                             (False, "Give the &selection to")):
            if not whole and not cursor.hasSelection():
                continue
            sub = menu.addMenu(title)
            own = (doc.layout.paragraphs[paragraph].speaker
                   if whole and paragraph < len(doc.layout.paragraphs) else None)
            for speaker in speakers:
                name = t.speaker_name(speaker) if t is not None else speaker
                action = sub.addAction(name)
                if speaker == own:  # it is already theirs: shown ticked, not offered
                    action.setCheckable(True)
                    action.setChecked(True)
                    action.setEnabled(False)
                action.triggered.connect(
                    lambda _=False, s=speaker, w=whole: pane.give_to_speaker(s,
                                                                            whole_paragraph=w))
            sub.addSeparator()
            sub.addAction("A new speaker…").triggered.connect(
                lambda _=False, w=whole: pane.give_to_speaker(None, whole_paragraph=w))
    voice = pane.speaker_at(cursor.position())
    if voice is not None:
        pane.speaker_menu_requested.emit(voice, menu)  # e.g. "Remember this voice as…"
    return menu


def _add_check_actions(pane: TranscriptPane, menu: QMenu, position: int) -> None:
    """Accept a word to check, or put a checked one back among the words to check."""
    doc, session = pane.document(), pane.session()
    word = doc.word_at(position) if doc is not None else None
    if doc is None or word is None or doc.transcript is None or session is None:
        return
    w = doc.transcript.words[word]
    if doc.is_uncertain(word):
        menu.addSeparator()
        menu.addAction(f"✓ ‘{w.text}’ is correct as is").triggered.connect(
            lambda _=False: session.check_word(word))
    elif pane.review.is_checked(word):
        menu.addSeparator()
        menu.addAction(f"Check ‘{w.text}’ again later").triggered.connect(
            lambda _=False: session.check_word(word, checked=False))


def _add_revert_actions(pane: TranscriptPane, menu: QMenu, point: QPoint,
                        selection: bool) -> None:
    """"Revert to ‘Smyth’" on an edited word, "Put back ‘the’" on a removal's wedge; "Revert
    the N changes here" on a selection."""
    doc, flow = pane.document(), pane.changes_flow
    if doc is None:
        return
    mark = doc.view.change_marks.mark_at(point)
    word = doc.word_at(doc.view.cursorForPosition(point).position())
    chosen = mark.key if mark is not None and mark.removal else (
        flow.at_word(word) if word is not None else None)
    words = doc.selected_words() if selection else None
    around = flow.in_words(*words) if words is not None else []
    if chosen is None and not around:
        return
    menu.addSeparator()
    if chosen is not None:
        menu.addAction(revert_label(chosen)).triggered.connect(
            lambda _=False, d=chosen: flow.revert([d]))
    if len(around) > 1 or (around and around[0] != chosen):
        count = len(around)
        title = f"Revert the {count} changes in the selection" if count > 1 else (
            "Revert the change in the selection")
        menu.addAction(title).triggered.connect(lambda _=False, ds=around: flow.revert(ds))
