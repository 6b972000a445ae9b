"""Typing into the transcript pane: real keystrokes → a real TranscriptSession → a real History.

Each test opens a finished job of a real SQLite history the way the window does, shows it in a
TranscriptPane bound to its session, and drives the text view with key clicks (pytest-qt,
offscreen). Assertions are on the word model (times kept, words checked), on the text shown,
and on the QUndoStack.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from smdesk.app.controllers.db import HistoryAccess
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.app.controllers.transcript_session import TranscriptSession
from smdesk.app.transcript.pane import TranscriptPane
from smdesk.store.history import History
from tests.app.conftest import run
from tests.core.factories import document, punct, word


def interview() -> dict[str, Any]:
    return document([
        word("Hello", 0.5, 0.9, speaker="S1"),
        punct(".", 0.9, is_eos=True, speaker="S1"),
        word("Hi", 1.4, 1.7, speaker="S2", confidence=0.4),
        word("Jon", 1.7, 2.1, speaker="S2", confidence=0.5),
        punct(".", 2.1, is_eos=True, speaker="S2"),
        word("How", 2.5, 2.7, speaker="S1"),
        word("are", 2.7, 2.8, speaker="S1"),
        word("you", 2.8, 3.0, speaker="S1", confidence=0.6),
        punct("?", 3.0, is_eos=True, speaker="S1"),
    ])


class Editor:
    """A pane editing one job of a real History file through a real TranscriptSession."""

    def __init__(self, qtbot: Any, path: Path, loop: asyncio.AbstractEventLoop) -> None:
        with History.open(path) as history:
            job = history.add(source_path="/audio/talk.ogg", size=10, fingerprint="f" * 64,
                              duration=3.0, options_json="{}", endpoint="eu1")
            history.begin_upload(job.id)
            history.set_remote_id(job.id, "srv-1")
            history.save_transcript(job.id, json.dumps(interview()))
        self.loop = loop
        self.db = HistoryAccess(History.open(path))
        self.tasks = TaskRegistry()
        transcript = run(loop, self.db.load_parsed_transcript(job.id))
        assert transcript is not None
        self.t = transcript
        self.session = TranscriptSession(job.id, transcript, self.db, self.tasks)
        self.pane = TranscriptPane()
        qtbot.addWidget(self.pane)
        self.pane.resize(900, 600)
        self.pane.set_transcript(transcript, title="talk.ogg")
        self.pane.set_session(self.session)
        self.session.refused.connect(self.pane.show_refusal)
        self.pane.show()
        qtbot.waitExposed(self.pane)
        view = self.pane.transcript_view()
        assert view is not None
        self.view = view
        self.qtbot = qtbot

    def text(self) -> str:
        return self.view.toPlainText().rstrip("\n")

    def words(self) -> list[str]:
        return [w.text for w in self.t.words]

    def caret_after(self, needle: str, occurrence: int = 0) -> None:
        self.place(needle, occurrence, after=True)

    def place(self, needle: str, occurrence: int = 0, *, after: bool = False,
              select: bool = False) -> None:
        text = self.view.toPlainText()
        at = -1
        for _ in range(occurrence + 1):
            at = text.index(needle, at + 1)
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(at + (len(needle) if after else 0))
        if select:
            cursor.setPosition(at + len(needle), QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)
        self.view.setFocus()

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.view, text)
        self.view.flush_edits()

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            ) -> None:
        self.qtbot.keyClick(self.view, key, modifier)
        self.view.flush_edits()

    def close(self) -> None:
        run(self.loop, self.session.flush())
        run(self.loop, self.tasks.cancel_all())
        self.db.close()
        # deleted here, on the Qt thread: left to the garbage collector, a session (it owns
        # timers) may be freed on an executor thread, which Qt does not allow
        self.session.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def editor(qtbot: Any, tmp_path: Path, loop: asyncio.AbstractEventLoop) -> Iterator[Editor]:
    opened = Editor(qtbot, tmp_path / "history.sqlite3", loop)
    yield opened
    opened.close()


def test_typing_over_a_misheard_word_keeps_the_other_timings(editor: Editor) -> None:
    hi_before = (editor.t.words[2].start, editor.t.words[2].end)
    editor.place("Jon", select=True)
    editor.type("John")
    assert editor.words()[2:5] == ["Hi", "John", "."]
    john = editor.t.words[3]
    assert (john.start, john.end) == (1.7, 2.1)  # replaced one word: its time span is kept
    assert john.checked  # a word a person typed needs no checking
    assert (editor.t.words[2].start, editor.t.words[2].end) == hi_before
    assert "Speaker 2  00:01\nHi John." in editor.text()
    assert editor.session.undo_stack.count() == 1  # typing in one word is one undo step
    editor.session.undo_stack.undo()
    assert editor.words()[3] == "Jon"
    assert "Hi Jon." in editor.text()
    editor.session.undo_stack.redo()
    assert "Hi John." in editor.text()


def test_a_new_word_typed_after_a_space_gets_a_time_inside_the_turn(editor: Editor) -> None:
    editor.caret_after("Hello")
    editor.type(" there")
    assert editor.words()[:3] == ["Hello", "there", "."]
    there = editor.t.words[1]
    assert 0.5 <= there.start <= there.end <= 1.4
    assert editor.text().startswith("Speaker 1  00:00\nHello there.")
    caret = editor.view.textCursor()
    assert caret.block().text()[:caret.positionInBlock()] == "Hello there"  # caret stays put


def test_a_space_typed_at_the_end_of_a_paragraph_is_kept_for_the_next_word(
        editor: Editor) -> None:
    editor.caret_after("you?")
    editor.type(" Fine")
    assert editor.words()[-2:] == ["?", "Fine"]
    assert editor.text().endswith("How are you? Fine")


def test_enter_splits_the_paragraph_and_backspace_joins_it_again(editor: Editor) -> None:
    editor.place("are")
    editor.key(Qt.Key.Key_Return)
    paragraphs = editor.t.paragraphs()
    assert [(p.first, p.last) for p in paragraphs] == [(0, 1), (2, 4), (5, 5), (6, 8)]
    assert editor.text().split("\n\n")[-1] == "Speaker 1  00:02\nare you?"
    editor.place("are")
    editor.key(Qt.Key.Key_Backspace)
    assert len(editor.t.paragraphs()) == 3
    assert "How are you?" in editor.text()


def test_speaker_names_and_times_are_not_typed_over(editor: Editor) -> None:
    before = editor.text()
    editor.place("Speaker 2")
    with editor.qtbot.waitSignal(editor.view.refused) as refused:
        editor.type("x")
    assert "rename" in refused.args[0]
    assert editor.text() == before


def test_deleting_a_selection_removes_the_words(editor: Editor) -> None:
    editor.place(" Jon", select=True)
    editor.key(Qt.Key.Key_Delete)
    assert editor.words()[2:4] == ["Hi", "."]
    assert "Hi." in editor.text()


def test_replace_all_is_one_undo_step_and_keeps_times(editor: Editor) -> None:
    editor.pane.replace()
    bar = editor.pane.find_bar
    assert bar.replace_shown()
    bar.field.setText("o")  # inside Hello, Jon, How, you
    assert editor.pane.match_status() == "1 of 4"
    bar.replacement.setText("0")
    bar.replace_all_button.click()
    assert editor.words() == ["Hell0", ".", "Hi", "J0n", ".", "H0w", "are", "y0u", "?"]
    assert [w.start for w in editor.t.words] == [0.5, 0.9, 1.4, 1.7, 2.1, 2.5, 2.7, 2.8, 3.0]
    assert editor.pane.match_status() == "No matches"
    assert editor.session.undo_stack.count() == 1
    editor.session.undo_stack.undo()
    assert editor.words()[0] == "Hello" and editor.words()[3] == "Jon"


def test_replace_one_match_then_the_next_is_current(editor: Editor) -> None:
    editor.pane.replace()
    bar = editor.pane.find_bar
    bar.whole_word.setChecked(True)
    bar.field.setText("hi")
    assert editor.pane.match_status() == "1 of 1"  # "Hi", not the "hi" nowhere else
    bar.match_case.setChecked(True)
    assert editor.pane.match_status() == "No matches"
    bar.match_case.setChecked(False)
    bar.replacement.setText("Hey")
    bar.replace_button.click()
    assert editor.words()[2] == "Hey"
    assert editor.t.words[2].start == 1.4


def test_words_to_check_are_counted_jumped_to_and_accepted(qtbot: Any, editor: Editor) -> None:
    pane = editor.pane
    assert pane.review_bar.count.text() == "3 words to check"
    with qtbot.waitSignal(pane.play_word_requested) as played:
        assert pane.next_uncertain() == 2
    assert played.args == [2]  # the player plays it from a second before
    assert editor.view.textCursor().selectedText() == "Hi"
    assert "to check" in pane.word_label.text()
    pane.accept_word()  # accepts "Hi" and goes on to "Jon"
    assert editor.t.words[2].checked
    assert editor.view.textCursor().selectedText() == "Jon"
    editor.type("John")  # editing a word checks it too
    qtbot.waitUntil(lambda: pane.review_bar.count.text() == "1 word to check")
    assert pane.review_bar.checked.text() == "2 checked" and pane.review_bar.checked.isVisible()
    assert pane.previous_uncertain() == 7  # wraps round to "you"
    editor.session.undo_stack.undo()
    editor.session.undo_stack.undo()
    qtbot.waitUntil(lambda: pane.review_bar.count.text() == "3 words to check")


def test_checked_words_are_listed_by_the_bar_not_as_changes(qtbot: Any, editor: Editor) -> None:
    pane, bar = editor.pane, editor.pane.review_bar
    assert not bar.checked.isVisible()
    editor.place("Jon")
    pane.accept_word()
    qtbot.waitUntil(lambda: bar.checked.text() == "1 checked")
    assert bar.count.text() == "2 words to check"
    bar.checked_menu.aboutToShow.emit()  # the menu is filled as it opens
    [row] = [a.text() for a in bar.checked_menu.actions()]
    assert row == "00:00:01 · Speaker 2 · ‘Jon’"
    editor.place("Hello")
    bar.checked_menu.actions()[0].trigger()  # goes to the word
    assert editor.view.textCursor().selectedText() == "Jon"
    found = editor.session.compare()
    assert found is None or not found.differences  # review state: not a change of the text
    editor.place("on")  # inside "Jon"
    menu = pane.context_menu_at(editor.view.cursorRect().center())
    again = next(a for a in menu.actions() if a.text() == "Check ‘Jon’ again later")
    again.trigger()
    qtbot.waitUntil(lambda: bar.count.text() == "3 words to check")
    assert not bar.checked.isVisible() and not editor.t.words[3].checked
    editor.place("on")
    menu = pane.context_menu_at(editor.view.cursorRect().center())
    next(a for a in menu.actions() if a.text() == "✓ ‘Jon’ is correct as is").trigger()
    qtbot.waitUntil(lambda: bar.count.text() == "2 words to check")


def test_uncertain_words_are_marked_by_underline_not_colour_alone(editor: Editor) -> None:
    editor.place("Jon")
    cursor = editor.view.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Right)
    marked = cursor.charFormat()
    editor.place("Hello")
    cursor = editor.view.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Right)
    plain = cursor.charFormat()
    assert marked.fontUnderline() and not plain.fontUnderline()
    assert marked.underlineStyle() != plain.underlineStyle()


def test_copy_as_quote_names_the_speaker_and_time(qtbot: Any, editor: Editor) -> None:
    from PySide6.QtGui import QGuiApplication

    editor.place("Hi Jon", select=True)
    editor.pane.copy_quote()
    assert QGuiApplication.clipboard().text() == "“Hi Jon” — Speaker 2, 00:00:01"
    text = editor.view.toPlainText()  # from "Hello" to "Hi": each speaker quoted on their own
    cursor = QTextCursor(editor.view.document())
    cursor.setPosition(text.index("Hello"))
    cursor.setPosition(text.index("Hi Jon") + 2, QTextCursor.MoveMode.KeepAnchor)
    editor.view.setTextCursor(cursor)
    editor.pane.copy_quote()
    assert QGuiApplication.clipboard().text() == (
        "“Hello.” — Speaker 1, 00:00:00\n“Hi” — Speaker 2, 00:00:01")


# -- speakers --------------------------------------------------------------------------------

def exports(t: Any) -> tuple[str, str, str]:
    from smdesk.core.export import SRT, TXT, VTT, render

    txt, srt, vtt = (render(t, fmt).decode() for fmt in (TXT, SRT, VTT))
    return txt, srt, vtt


def click_name(editor: Editor, name: str) -> None:
    text = editor.view.toPlainText()
    cursor = QTextCursor(editor.view.document())
    cursor.setPosition(text.index(name) + 1)
    rect = editor.view.cursorRect(cursor)
    editor.qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton,
                            pos=rect.center())


def test_clicking_a_name_renames_the_speaker_everywhere(editor: Editor) -> None:
    click_name(editor, "Speaker 2")
    name_editor = editor.pane.name_editor
    assert name_editor.isVisible() and name_editor.text() == "Speaker 2"
    name_editor.selectAll()
    editor.qtbot.keyClicks(name_editor, "Maria Lopez")
    editor.qtbot.keyClick(name_editor, Qt.Key.Key_Return)
    assert not name_editor.isVisible()
    assert "Maria Lopez  00:01\nHi Jon." in editor.text()
    assert "Speaker 2" not in editor.text()
    editor.qtbot.waitUntil(lambda: "Maria Lopez" in editor.pane.speakers.names())
    txt, srt, vtt = exports(editor.t)
    assert "Maria Lopez" in txt and "Speaker 2" not in txt
    assert "<v Maria Lopez>" in vtt
    assert srt  # SRT carries no names; its cues are still there
    editor.session.undo_stack.undo()
    assert "Speaker 2  00:01" in editor.text()


def test_speakers_list_merges_two_speakers(editor: Editor) -> None:
    panel = editor.pane.speakers
    assert panel.tree.topLevelItem(1).toolTip(0).startswith("2 words")
    panel.select_speaker("S2")
    panel.merge_requested.emit("S2", "S1")  # what "Merge into ▸ Speaker 1" emits
    assert {w.speaker for w in editor.t.words} == {"S1"}
    assert editor.text().count("Speaker 1") == 1  # one turn now
    txt, _srt, vtt = exports(editor.t)
    assert "Speaker 2" not in txt and "Speaker 2" not in vtt
    editor.qtbot.waitUntil(lambda: panel.names() == ["Speaker 1"])


def test_speakers_list_counts_a_typed_word_and_skips_work_for_a_retyped_one(
    editor: Editor,
) -> None:
    panel = editor.pane.speakers
    editor.qtbot.waitUntil(lambda: panel.tree.topLevelItem(1).toolTip(0).startswith("2 words"))
    editor.place("Jon", after=True)
    editor.type(" Smith")  # a new word for Speaker 2
    editor.qtbot.waitUntil(lambda: panel.tree.topLevelItem(1).toolTip(0).startswith("3 words"))
    filled = panel.tree.topLevelItem(1)
    editor.place("Smith", after=True)
    editor.type("e")  # retyped in place: no talk time or count changes
    editor.qtbot.waitUntil(lambda: "Smithe" in editor.view.toPlainText())
    editor.qtbot.wait(300)  # past the pane's refresh after typing
    assert panel.tree.topLevelItem(1) is filled  # the list was not filled again


def test_giving_a_selection_to_a_new_speaker_reaches_the_exports(editor: Editor) -> None:
    editor.place("are you", select=True)
    editor.pane.give_to_speaker(None, whole_paragraph=False)
    speakers = [w.speaker for w in editor.t.words]
    assert speakers[6:8] == ["S3", "S3"] and speakers[5] == "S1"
    assert "Speaker 3  00:02\nare you?" in editor.text()
    txt, _srt, vtt = exports(editor.t)
    assert "Speaker 3" in txt and "<v Speaker 3>" in vtt
    editor.place("Hi")
    editor.pane.give_to_speaker("S1", whole_paragraph=True)
    assert [w.speaker for w in editor.t.words][2:5] == ["S1", "S1", "S1"]
    assert "Speaker 2" not in exports(editor.t)[0]


def test_the_paragraph_menu_names_the_new_speaker_and_ticks_the_own_one(editor: Editor) -> None:
    editor.place("Jon")
    menu = editor.pane.context_menu_at(editor.view.cursorRect().center())
    give = next(a.menu() for a in menu.actions() if a.text() == "Give this paragraph &to")
    offered = {a.text(): a for a in give.actions() if a.text()}
    assert list(offered) == ["Speaker 1", "Speaker 2", "A new speaker…"]
    own = offered["Speaker 2"]
    assert own.isChecked() and not own.isEnabled()  # giving it to its own speaker did nothing
    assert offered["Speaker 1"].isEnabled() and not offered["Speaker 1"].isChecked()
    offered["A new speaker…"].trigger()
    name_editor = editor.pane.name_editor
    assert name_editor.isVisible() and name_editor.text() == "Speaker 3"  # named at once
    name_editor.selectAll()
    editor.qtbot.keyClicks(name_editor, "Ana Ruiz")
    editor.qtbot.keyClick(name_editor, Qt.Key.Key_Return)
    assert "Ana Ruiz  00:01\nHi Jon." in editor.text()


def test_play_a_sample_asks_for_a_stretch_of_that_speaker(qtbot: Any, editor: Editor) -> None:
    panel = editor.pane.speakers
    panel.select_speaker("S2")
    with qtbot.waitSignal(editor.pane.sample_requested) as sample:
        panel.sample_button.click()
    start, end = sample.args
    assert start == 1.4 and 1.4 < end <= 1.4 + 8


# -- follow-along ----------------------------------------------------------------------------

def test_follow_along_scrolls_until_the_user_scrolls_by_hand(qtbot: Any, tmp_path: Path,
                                                             loop: Any) -> None:
    from smdesk.core.transcript import Transcript

    results = [word(f"w{i}", i * 0.4, i * 0.4 + 0.3, speaker="S1" if i // 40 % 2 else "S2")
               for i in range(2000)]
    pane = TranscriptPane()
    qtbot.addWidget(pane)
    pane.resize(700, 400)
    pane.set_transcript(Transcript.from_json_v2(document(results)))
    pane.show()
    qtbot.waitExposed(pane)
    view = pane.transcript_view()
    assert view is not None
    bar = view.verticalScrollBar()
    pane.highlight_word(1500)
    assert bar.value() > 0
    assert view.viewport().rect().contains(view.cursorRect(_cursor_at(view, 1500, pane)).center())
    with qtbot.waitSignal(pane.following_changed) as paused:
        bar.triggerAction(bar.SliderAction.SliderToMinimum)  # the user drags the bar up
    assert paused.args == [False] and not pane.follow_button.isChecked()
    pane.highlight_word(1600)
    assert bar.value() == 0  # not following: the view stays where the user put it
    pane.follow_button.click()  # "Follow" again
    assert pane.following()
    assert view.viewport().rect().contains(view.cursorRect(_cursor_at(view, 1600, pane)).center())


def _cursor_at(view: Any, index: int, pane: TranscriptPane) -> QTextCursor:
    doc = pane.document()
    assert doc is not None
    found = doc.word_range(index)
    assert found is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(found[0])
    return cursor


def test_the_time_line_follows_an_edit_of_its_word(qtbot: Any, editor: Editor) -> None:
    pane = editor.pane
    pane.next_uncertain()
    pane.next_uncertain()  # "Jon", described in the line under the text
    assert "“Jon”" in pane.word_label.text() and "to check" in pane.word_label.text()
    editor.type("John")
    assert "“John” at 00:01.7" in pane.word_label.text()
    assert "checked" in pane.word_label.text()  # not the stale "to check" of the old word
    editor.place("Hello", select=True)
    editor.type("Well hello")  # a word added before it: its index names another word now
    assert "John" not in pane.word_label.text()


def test_only_typing_switches_the_pane_to_editing(editor: Editor) -> None:
    button = editor.pane.header.edit_button
    editor.place("Hello", select=True)
    editor.key(Qt.Key.Key_Right)
    editor.key(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # Copy
    editor.key(Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert not button.isChecked()  # a click on a word still plays it
    editor.type("x")
    assert button.isChecked()


def test_an_undiarized_paragraph_is_not_offered_to_its_own_unknown_speaker(
        qtbot: Any, tmp_path: Path, loop: asyncio.AbstractEventLoop,
        monkeypatch: pytest.MonkeyPatch) -> None:
    undiarized = document([word("Hello", 0.5, 0.9, speaker="UU"),
                           punct(".", 0.9, is_eos=True, speaker="UU")])
    undiarized["metadata"]["transcription_config"].pop("diarization")
    monkeypatch.setattr(sys.modules[__name__], "interview", lambda: undiarized)
    opened = Editor(qtbot, tmp_path / "history.sqlite3", loop)
    try:
        opened.place("ello")
        menu = opened.pane.context_menu_at(opened.view.cursorRect().center())
        give = next(a.menu() for a in menu.actions() if a.text() == "Give this paragraph &to")
        own = next(a for a in give.actions() if a.text() == "Unknown speaker")
        assert own.isChecked() and not own.isEnabled()
        assert any(a.text() == "A new speaker…" and a.isEnabled() for a in give.actions())
    finally:
        opened.close()


def test_a_click_after_a_sentence_tells_its_last_words_time(editor: Editor) -> None:
    editor.caret_after("Hello.")
    rect = editor.view.cursorRect()
    editor.qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton,
                            pos=rect.center())
    assert editor.pane.word_label.text().startswith("“Hello” at 00:00.5")  # not the "."


def test_the_text_menu_has_one_action_per_mnemonic(editor: Editor) -> None:
    editor.place("Jon", select=True)
    menu = editor.pane.context_menu_at(editor.view.cursorRect().center())
    keys = [a.text().split("&")[1][0].lower() for a in menu.actions() if "&" in a.text()]
    assert len(keys) == len(set(keys))  # "&Paste" and "Start a new &paragraph" shared P


def test_replace_all_rewrites_only_the_matched_words(editor: Editor) -> None:
    # several matches in a paragraph: the words between them are not retyped
    editor.session.replace_text(6, 7, "are-you")  # one token with a hyphen
    before = [(w.text, w.start, w.end, w.checked) for w in editor.t.words]
    editor.pane.replace()
    bar = editor.pane.find_bar
    bar.field.setText("o")  # inside "Hello", "Jon", "How", "are-you": several per paragraph
    bar.replacement.setText("0")
    bar.replace_all_button.click()
    after = [(w.text, w.start, w.end, w.checked) for w in editor.t.words]
    assert [a[0] for a in after] == ["Hell0", ".", "Hi", "J0n", ".", "H0w", "are-y0u", "?"]
    untouched = [i for i, (b, a) in enumerate(zip(before, after, strict=True)) if b[0] == a[0]]
    assert all(before[i] == after[i] for i in untouched)  # times and checks as they were
    assert editor.session.undo_stack.count() == 2  # the setup edit, then Replace all as one


def test_replace_all_keeps_a_multi_word_token_between_matches(
        qtbot: Any, tmp_path: Path, loop: asyncio.AbstractEventLoop,
        monkeypatch: pytest.MonkeyPatch) -> None:
    entity = document([word("the", 0.5, 0.7, speaker="S1"), word("12 hours", 0.8, 1.4,
                                                                  speaker="S1"),
                       word("the", 1.5, 1.7, speaker="S1"), punct(".", 1.7, is_eos=True,
                                                                  speaker="S1")])
    monkeypatch.setattr(sys.modules[__name__], "interview", lambda: entity)
    opened = Editor(qtbot, tmp_path / "history.sqlite3", loop)
    try:
        opened.pane.replace()
        bar = opened.pane.find_bar
        bar.whole_word.setChecked(True)
        bar.field.setText("the")
        bar.replacement.setText("thee")
        bar.replace_all_button.click()
        words = [(w.text, w.start, w.end) for w in opened.t.words]
        assert words[1] == ("12 hours", 0.8, 1.4)  # one token, its own times: not retyped
        assert [w for w, _s, _e in words] == ["thee", "12 hours", "thee", "."]
    finally:
        opened.close()


def test_escape_closes_the_find_bar_from_its_buttons_too(editor: Editor) -> None:
    editor.pane.replace()
    bar = editor.pane.find_bar
    bar.field.setText("Jon")
    bar.replacement.setText("John")
    bar.replace_all_button.setFocus()
    bar.replace_all_button.click()  # the focus stays on the button, as after a mouse click
    editor.qtbot.keyClick(bar.replace_all_button, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    editor.pane.find()
    assert bar.isVisible()
    editor.view.setFocus()
    editor.qtbot.keyClick(editor.view, Qt.Key.Key_Escape)  # from the text, as in editors
    assert not bar.isVisible()
    assert editor.text().startswith("Speaker 1")  # nothing typed or changed by it


def test_tab_moves_the_focus_on_instead_of_typing_a_tab(editor: Editor) -> None:
    editor.place("Jon")
    before = editor.text()
    editor.key(Qt.Key.Key_Tab)
    assert editor.text() == before and "\t" not in editor.view.toPlainText()
    assert [w.text for w in editor.t.words][3] == "Jon"
