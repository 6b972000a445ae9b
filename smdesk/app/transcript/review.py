"""The "words to check" bar: how many uncertain words are left, previous/next, accept, threshold.

Uncertain words are marked in the text with a dotted underline *and* a colour (render.py), so the
marking never relies on colour alone. The keys (F8 / Shift+F8 / Ctrl+Enter) are window actions
built in main_actions.py, so they work while typing; this bar only shows the state and buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QToolButton, QWidget

from smdesk.app.transcript.document import TranscriptDocument


def words_left_text(count: int) -> str:
    if count == 0:
        return "No words left to check"
    return f"{count} word{'s' if count != 1 else ''} to check"


class ReviewBar(QWidget):
    previous_requested = Signal()
    next_requested = Signal()
    accept_requested = Signal()
    threshold_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Words to check")
        self.count = QLabel(self)
        self.count.setAccessibleName("Words left to check")
        self.marker = QLabel(self)  # a sample of the marking: dotted underline + colour
        self.previous = self._button("◀ Previous", "Previous word to check (Shift+F8)")
        self.next = self._button("Next ▶", "Next word to check, played from a second before (F8)")
        self.accept = self._button("✓ Correct as is", "Mark this word as checked (Ctrl+Enter)")
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

    def set_count(self, count: int, *, editable: bool) -> None:
        self.count.setText(words_left_text(count))
        self.marker.setText('<span style="text-decoration: underline dotted; color: #b85c00">'
                            "abc</span>" if count else "✓")
        self.previous.setEnabled(count > 0)
        self.next.setEnabled(count > 0)
        self.accept.setEnabled(count > 0 and editable)


class ReviewFlow:
    """Next/previous word to check from the caret (wrapping round), and accepting it."""

    def __init__(self, show_word: Callable[[int], None], play_word: Callable[[int], None],
                 say: Callable[[str], None]) -> None:
        self.doc: TranscriptDocument | None = None
        self.session: Any = None
        self._show_word = show_word
        self._play_word = play_word
        self._say = say

    def count(self) -> int:
        doc = self.doc
        if doc is None or doc.transcript is None:
            return 0
        return sum(1 for index in range(len(doc.transcript.words)) if doc.is_uncertain(index))

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
