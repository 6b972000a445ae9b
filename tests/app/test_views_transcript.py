"""TranscriptPane: speaker paragraphs, click/highlight maps, find, tabs, copy, the Export button."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor

from smdesk.app.transcript.pane import TranscriptPane
from smdesk.core.transcript import Transcript

# (speaker, start, content, kind, attaches_to)
SCRIPT: list[tuple[str, float, str, str, str | None]] = [
    ("S1", 0.50, "Thanks", "word", None),
    ("S1", 0.90, "for", "word", None),
    ("S1", 1.10, "coming", "word", None),
    ("S1", 1.40, "in", "word", None),
    ("S1", 1.55, ",", "punctuation", "previous"),
    ("S1", 1.60, "Maria", "word", None),
    ("S1", 2.00, ".", "punctuation", "previous"),
    ("S1", 2.30, "How", "word", None),
    ("S1", 2.50, "is", "word", None),
    ("S1", 2.60, "the", "word", None),
    ("S1", 2.70, "budget", "word", None),
    ("S1", 3.10, "?", "punctuation", "previous"),
    ("S2", 4.20, "The", "word", None),
    ("S2", 4.40, "budget", "word", None),
    ("S2", 4.80, "is", "word", None),
    ("S2", 5.00, "tight", "word", None),
    ("S2", 5.40, ".", "punctuation", "previous"),
    ("S2", 5.60, "Very", "word", None),
    ("S2", 5.90, "tight", "word", None),
    ("S2", 6.20, "😅", "word", None),
    ("S2", 6.50, "indeed", "word", None),
    ("S2", 6.90, ".", "punctuation", "previous"),
    ("UU", 9.00, "Applause", "word", None),
    ("S1", 11.00, "Budget", "word", None),
    ("S1", 11.40, "talks", "word", None),
    ("S1", 11.80, "continue", "word", None),
    ("S1", 12.30, ".", "punctuation", "previous"),
]


def make_json(*, summary: bool = True, translation: bool = True,
              script: list[tuple[str, float, str, str, str | None]] = SCRIPT) -> dict[str, Any]:
    results = []
    for speaker, start, content, kind, attaches in script:
        end = start if kind == "punctuation" else round(start + 0.25, 2)
        item: dict[str, Any] = {
            "alternatives": [{"content": content, "confidence": 0.9, "language": "en",
                              "speaker": speaker}],
            "start_time": start, "end_time": end, "type": kind}
        if attaches:
            item["attaches_to"] = attaches
            item["is_eos"] = content in ".?"
        results.append(item)
    data: dict[str, Any] = {
        "format": "2.9",
        "job": {"created_at": "2026-11-25T12:00:00Z", "data_name": "interview.m4a",
                "duration": 13, "id": "job1"},
        "metadata": {"created_at": "2026-11-25T12:00:00Z", "type": "transcription",
                     "transcription_config": {"language": "en", "diarization": "speaker"},
                     "language_pack_info": {"word_delimiter": " "}},
        "results": results,
    }
    if summary:
        data["summary"] = {"content": "- Maria says the budget is tight."}
    if translation:
        data["translations"] = {"es": [
            {"start_time": 0.5, "end_time": 2.0, "content": "Gracias por venir, Maria.",
             "speaker": "S1"},
            {"start_time": 2.3, "end_time": 3.1, "content": "¿Cómo va el presupuesto?",
             "speaker": "S1"},
            {"start_time": 4.2, "end_time": 6.9, "content": "El presupuesto es ajustado.",
             "speaker": "S2"}]}
    return data


@pytest.fixture
def transcript() -> Transcript:
    return Transcript.from_json_v2(make_json())


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the source file and exports (tmp_path also holds the app's home)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def pane(qtbot: Any, transcript: Transcript, out: Path) -> TranscriptPane:
    widget = TranscriptPane()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.set_transcript(transcript, title="interview.m4a",
                          source_path=str(out / "interview.m4a"))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def view_text(pane: TranscriptPane) -> str:
    view = pane.transcript_view()
    assert view is not None
    return view.toPlainText()


def selected(pane: TranscriptPane, start: int, end: int) -> str:
    view = pane.transcript_view()
    assert view is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def click_position(qtbot: Any, pane: TranscriptPane, position: int) -> None:
    view = pane.transcript_view()
    assert view is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    point = QPoint(rect.center().x() + 3, rect.center().y())  # inside the word's first letters
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def qt_index(text: str, needle: str, occurrence: int = 0) -> int:
    """Position of ``needle`` in Qt units (UTF-16) inside the view text."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    return len(text[:at].encode("utf-16-le")) // 2


# -- paragraphs, speakers, timestamps ----------------------------------------------------------

def test_shows_one_paragraph_per_turn_with_speaker_and_time(pane: TranscriptPane) -> None:
    text = view_text(pane)
    assert text.rstrip("\n").split("\n\n") == [
        "Speaker 1  00:00\nThanks for coming in, Maria. How is the budget?",
        "Speaker 2  00:04\nThe budget is tight. Very tight 😅 indeed.",
        "Unknown speaker  00:09\nApplause",
        "Speaker 1  00:11\nBudget talks continue.",
    ]
    assert pane.title_label.text() == "interview.m4a"
    assert "2 speakers" in pane.meta_label.text()


def test_speaker_names_are_bold_and_coloured_per_speaker(pane: TranscriptPane) -> None:
    view = pane.transcript_view()
    assert view is not None

    def char_format(position: int) -> Any:
        cursor = QTextCursor(view.document())
        cursor.setPosition(position + 1)
        return cursor.charFormat()

    text = view_text(pane)
    first, second = char_format(0), char_format(qt_index(text, "Speaker 2"))
    again = char_format(qt_index(text, "Speaker 1", 1))
    body = char_format(qt_index(text, "Thanks"))
    assert first.fontWeight() > body.fontWeight()
    assert first.foreground().color() != second.foreground().color()
    assert first.foreground().color() == again.foreground().color()


def test_empty_and_cleared_states(qtbot: Any, pane: TranscriptPane) -> None:
    pane.set_transcript(None)
    assert pane.stack.currentIndex() == 0
    assert not pane.export_button.isEnabled()
    pane.set_transcript(Transcript.from_json_v2(make_json(summary=False, translation=False,
                                                           script=[])))
    view = pane.transcript_view()
    assert view is not None and "no speech" in view.placeholderText()


# -- click -> time, time -> highlight --------------------------------------------------------

def test_click_on_a_word_activates_it_and_shows_its_time(qtbot: Any,
                                                        pane: TranscriptPane) -> None:
    text = view_text(pane)
    with qtbot.waitSignal(pane.word_activated) as blocker:
        click_position(qtbot, pane, qt_index(text, "tight"))
    assert blocker.args == [15]
    # the README promises "click a word to get its time": the pane says it
    assert pane.word_label.text().startswith("“tight” at 00:05.0 (until 00:05.2)")
    assert "90 % confidence" in pane.word_label.text()
    with qtbot.waitSignal(pane.word_activated) as blocker:
        click_position(qtbot, pane, qt_index(text, "indeed"))  # after the emoji (2 Qt units)
    assert blocker.args == [20]
    assert "at 00:06.5" in pane.word_label.text()


def test_click_on_a_header_activates_the_paragraph_start(qtbot: Any,
                                                         pane: TranscriptPane) -> None:
    text = view_text(pane)
    with qtbot.waitSignal(pane.word_activated) as blocker:
        click_position(qtbot, pane, qt_index(text, "00:04"))
    assert blocker.args == [12]
    assert "at 00:04.2" in pane.word_label.text()


def test_highlight_time_marks_the_word_being_spoken(pane: TranscriptPane) -> None:
    view = pane.transcript_view()
    assert view is not None
    pane.highlight_time(4.5)
    mark = view.current_mark()
    assert mark is not None and selected(pane, *mark) == "budget"
    assert mark[0] == qt_index(view_text(pane), "budget", 1)
    pane.highlight_time(6.6)  # after the emoji: offsets are in UTF-16 units
    mark = view.current_mark()
    assert mark is not None and selected(pane, *mark) == "indeed"
    pane.highlight_time(8.0)  # a pause: stays on the last word, not the full stop
    mark = view.current_mark()
    assert mark is not None and selected(pane, *mark) == "indeed"
    pane.highlight_time(0.1)  # before the first word
    assert view.current_mark() is None


def test_highlight_far_down_scrolls_the_word_into_view(qtbot: Any, out: Path) -> None:
    script = [("S1" if i // 40 % 2 == 0 else "S2", i * 0.4, f"w{i}", "word", None)
              for i in range(3000)]
    widget = TranscriptPane()
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.set_transcript(Transcript.from_json_v2(make_json(script=script)))
    widget.show()
    qtbot.waitExposed(widget)
    view = widget.transcript_view()
    assert view is not None and view.verticalScrollBar().value() == 0
    widget.highlight_time(2999 * 0.4)
    mark = view.current_mark()
    assert mark is not None and selected(widget, *mark) == "w2999"
    cursor = QTextCursor(view.document())
    cursor.setPosition(mark[0])
    assert view.viewport().rect().contains(view.cursorRect(cursor).center())


# -- find ----------------------------------------------------------------------------------

def test_find_counts_and_steps_through_matches(qtbot: Any, pane: TranscriptPane) -> None:
    view = pane.transcript_view()
    assert view is not None
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.find_bar.isVisible()
    qtbot.keyClicks(pane.find_bar.field, "budget")
    assert pane.match_status() == "1 of 3"
    assert view.textCursor().selectedText() == "budget"
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Return)
    assert pane.match_status() == "2 of 3"
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Return)
    assert pane.match_status() == "3 of 3"
    assert view.textCursor().selectedText() == "Budget"  # case-insensitive
    pane.find_next()
    assert pane.match_status() == "1 of 3"  # wraps
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert pane.match_status() == "3 of 3"
    pane.find_bar.field.setText("zebra")
    assert pane.match_status() == "No matches"
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Escape)
    assert not pane.find_bar.isVisible()


def test_find_searches_the_current_tab(pane: TranscriptPane) -> None:
    pane.tabs.setCurrentIndex(pane.tab_titles().index("Spanish"))
    pane.find()
    pane.find_bar.field.setText("presupuesto")
    assert pane.match_status() == "1 of 2"


# -- tabs and copy -------------------------------------------------------------------------

def test_tabs_exist_only_for_what_the_transcript_has(qtbot: Any, pane: TranscriptPane) -> None:
    assert pane.tab_titles() == ["Transcript", "Summary", "Spanish"]
    assert pane.tabs.tabToolTip(2) == "Spanish translation (read only)"
    pane.tabs.setCurrentIndex(1)
    summary = pane.tabs.currentWidget()
    assert "budget is tight" in summary.toPlainText()
    pane.tabs.setCurrentIndex(2)
    spanish = pane.tabs.currentWidget().toPlainText()
    assert spanish.rstrip("\n").split("\n\n") == [
        "Speaker 1  00:00\nGracias por venir, Maria. ¿Cómo va el presupuesto?",
        "Speaker 2  00:04\nEl presupuesto es ajustado.",
    ]
    pane.set_transcript(Transcript.from_json_v2(make_json(summary=False, translation=False)))
    assert pane.tab_titles() == ["Transcript"]
    assert pane.tabs.tabBar().isHidden()


def test_copy_puts_the_selected_text_on_the_clipboard(pane: TranscriptPane) -> None:
    view = pane.transcript_view()
    assert view is not None
    assert view.isReadOnly()
    view.selectAll()
    view.copy()
    copied = QGuiApplication.clipboard().text()
    assert "Thanks for coming in, Maria." in copied
    assert "Speaker 2" in copied


# -- export: the pane only asks for the export dialog (windows/export_flow.py) ------------

def test_the_export_button_asks_for_the_export_dialog(qtbot: Any, pane: TranscriptPane) -> None:
    assert pane.export_button.isEnabled() and pane.export_button.menu() is None
    with qtbot.waitSignal(pane.export_requested):
        qtbot.mouseClick(pane.export_button, Qt.MouseButton.LeftButton)


def test_enter_on_a_word_emits_its_time_for_keyboard_users(qtbot: Any,
                                                           pane: TranscriptPane) -> None:
    view = pane.transcript_view()
    assert view is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(qt_index(view_text(pane), "Maria") + 2)
    view.setTextCursor(cursor)
    view.setFocus()
    with qtbot.waitSignal(pane.word_activated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [5]


def test_switching_to_a_dark_palette_recolours_speakers(qtbot: Any, pane: TranscriptPane) -> None:
    from PySide6.QtGui import QColor, QPalette

    view = pane.transcript_view()
    assert view is not None

    def name_colour() -> QColor:
        cursor = QTextCursor(view.document())
        cursor.setPosition(1)
        return cursor.charFormat().foreground().color()

    pane.highlight_time(4.5)
    light = name_colour()
    dark = QPalette(pane.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    pane.setPalette(dark)
    recoloured = name_colour()
    assert recoloured != light
    assert recoloured.lightnessF() > 0.5 > light.lightnessF()  # readable on each background
    mark = view.current_mark()
    assert mark is not None and selected(pane, *mark) == "budget"  # the place is kept


def test_an_undiarized_transcript_has_no_speakers_list(qtbot: Any, pane: TranscriptPane) -> None:
    """Only "Unknown speaker" would be listed: the list gives its width to the text instead."""
    assert pane.speakers.isVisibleTo(pane) and pane.header.speakers_button.isEnabled()
    undiarized = [("UU", start, text, kind, attaches)
                  for _speaker, start, text, kind, attaches in SCRIPT]
    pane.set_transcript(Transcript.from_json_v2(make_json(script=undiarized)), title="talk")
    qtbot.waitUntil(lambda: not pane.speakers.isVisibleTo(pane))
    assert not pane.header.speakers_button.isEnabled()
    assert "without speaker diarization" in pane.header.speakers_button.toolTip()
    pane.set_transcript(Transcript.from_json_v2(make_json()), title="interview")
    qtbot.waitUntil(lambda: pane.speakers.isVisibleTo(pane))
    assert pane.header.speakers_button.isEnabled()
