"""The "words to check" bar: how many uncertain words are left, previous/next, accept, threshold,
and the words already checked.

Uncertain words are marked in the text with a dotted underline *and* a colour (render.py), so the
marking never relies on colour alone. The keys (F8 / Shift+F8 / Ctrl+Enter) are window actions
built in main_actions.py, so they work while typing; this bar only shows the state and buttons.

Checking a word is review state, not a change of the text: the word, its times and its speaker
stay as transcribed, so it is not in the Changes list (which lists what differs from the server's
transcript, and what Revert would put back). The bar says it instead: "3 checked" opens the list
of the words a person confirmed (or retyped) that the recogniser was unsure of; each goes to its
word, whose context menu can mark it "to check" again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from smdesk.app.transcript.document import TranscriptDocument
from smdesk.app.transcript.render import uncertain_color
from smdesk.core.formatting import format_timestamp
from smdesk.core.words import PUNCTUATION

MAX_LISTED_CHECKED = 300  # a menu longer than this is no use to read


def words_left_text(count: int) -> str:
    if count == 0:
        return "No words left to check"
    return f"{count} word{'s' if count != 1 else ''} to check"


def checked_text(count: int) -> str:
    return f"{count} checked"


class ReviewBar(QWidget):
    previous_requested = Signal()
    next_requested = Signal()
    accept_requested = Signal()
    threshold_changed = Signal(float)
    checked_list_requested = Signal()  # the "checked" menu is about to open: fill_checked()
    checked_word_requested = Signal(int)  # a checked word chosen in that menu

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Words to check")
        self.count = QLabel(self)
        self.count.setAccessibleName("Words left to check")
        self.marker = QLabel(self)  # a sample of the marking: dotted underline + colour
        # arrows only: with the words and "3 checked" beside them the bar must fit 1024 px
        self.previous = self._button("◀", "Previous word to check (Shift+F8)")
        self.next = self._button("▶", "Next word to check, played from a second before (F8)")
        self.accept = self._button("✓ Correct as is", "Mark this word as checked (Ctrl+Enter)")
        self.checked = self._button("", "The words checked so far: go to one")
        self.checked.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.checked_menu = QMenu(self.checked)
        self.checked_menu.aboutToShow.connect(self.checked_list_requested)
        self.checked.setMenu(self.checked_menu)
        self.checked.hide()
        self.threshold = QDoubleSpinBox(self)
        self.threshold.setAccessibleName("Confidence threshold")
        self.threshold.setToolTip("Words recognised with less confidence than this are marked")
        self.threshold.setRange(0.05, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setDecimals(2)
        self.threshold.setPrefix("below ")
        self.threshold.valueChanged.connect(self.threshold_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.marker)
        layout.addWidget(self.count)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(self.accept)
        layout.addWidget(self.checked)
        layout.addStretch(1)
        layout.addWidget(QLabel("Confidence", self))
        layout.addWidget(self.threshold)
        self.previous.clicked.connect(self.previous_requested)
        self.next.clicked.connect(self.next_requested)
        self.accept.clicked.connect(self.accept_requested)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        return button

    def set_threshold(self, value: float) -> None:
        self.threshold.blockSignals(True)
        self.threshold.setValue(value)
        self.threshold.blockSignals(False)

    def set_count(self, count: int, *, editable: bool, checked: int = 0) -> None:
        self.checked.setText(checked_text(checked))
        self.checked.setVisible(checked > 0)
        self.count.setText(words_left_text(count))
        color = uncertain_color(self.palette()).name()  # as in the text, dark themes too
        self.marker.setText(f'<span style="text-decoration: underline dotted; color: {color}">'
                            "abc</span>" if count else "✓")
        self.previous.setEnabled(count > 0)
        self.next.setEnabled(count > 0)
        self.accept.setEnabled(count > 0 and editable)

    def fill_checked(self, rows: list[tuple[str, int]], more: int = 0) -> None:
        """The checked words' menu: one "time · speaker · ‘word’" line per (text, word index)."""
        menu = self.checked_menu
        menu.clear()
        for text, index in rows:
            menu.addAction(text).triggered.connect(
                lambda _=False, i=index: self.checked_word_requested.emit(i))
        if more:
            menu.addAction(f"… and {more} more").setEnabled(False)
        if not rows:
            menu.addAction("No words checked yet").setEnabled(False)


class ReviewFlow:
    """Next/previous word to check from the caret (wrapping round), and accepting it."""

    def __init__(self, show_word: Callable[[int], None], play_word: Callable[[int], None],
                 say: Callable[[str], None]) -> None:
        self.doc: TranscriptDocument | None = None
        self.session: Any = None
        self._show_word = show_word
        self._play_word = play_word
        self._say = say

    def attach(self, bar: ReviewBar) -> None:
        """Take the bar's intents."""
        bar.previous_requested.connect(lambda: self.jump(-1))
        bar.next_requested.connect(lambda: self.jump(1))
        bar.accept_requested.connect(self.accept)
        bar.checked_list_requested.connect(lambda: bar.fill_checked(*self.checked_rows()))
        bar.checked_word_requested.connect(self._show_word)

    def count(self) -> int:
        doc = self.doc
        if doc is None or doc.transcript is None:
            return 0
        return doc.transcript.uncertain_count(doc.threshold)  # kept up to date by the edits

    def is_checked(self, index: int) -> bool:
        """A word the recogniser was unsure of (below the threshold) that a person checked."""
        doc = self.doc
        t = doc.transcript if doc is not None else None
        if doc is None or t is None:
            return False
        w = t.words[index]
        return (w.checked and w.kind != PUNCTUATION and w.confidence is not None
                and w.confidence < doc.threshold)

    def checked_words(self) -> list[int]:
        doc = self.doc
        t = doc.transcript if doc is not None else None
        return [] if t is None or doc is None else t.checked_words(doc.threshold)

    def checked_rows(self) -> tuple[list[tuple[str, int]], int]:
        """("00:12:03 · Speaker 1 · ‘Smyth’", word index) per checked word, and how many more
        there are than the menu lists."""
        doc = self.doc
        t = doc.transcript if doc is not None else None
        found = self.checked_words()
        if t is None:
            return [], 0
        rows = []
        for index in found[:MAX_LISTED_CHECKED]:
            w = t.words[index]
            where = format_timestamp(w.start, always_hours=True)
            if t.is_diarized:
                where += f" · {t.speaker_name(w.speaker)}"
            rows.append((f"{where} · ‘{w.text}’", index))
        return rows, max(0, len(found) - MAX_LISTED_CHECKED)

    def jump(self, step: int) -> int | None:
        doc = self.doc
        t = doc.transcript if doc is not None else None
        if doc is None or t is None or not t.words:
            return None
        words = doc.selected_words()
        here = words[0] if words is not None else (-1 if step > 0 else len(t.words))
        total = len(t.words)
        for distance in range(1, total + 1):
            index = (here + step * distance) % total
            if doc.is_uncertain(index):
                self._show_word(index)
                self._play_word(index)
                return index
        self._say("No words left to check.")
        return None

    def accept(self) -> None:
        """Mark the selected uncertain words checked and go on to the next one."""
        doc = self.doc
        words = doc.selected_words() if doc is not None else None
        if doc is None or words is None or self.session is None:
            return
        for index in range(words[0], words[1] + 1):
            if doc.is_uncertain(index):
                self.session.check_word(index)
        self.jump(1)
