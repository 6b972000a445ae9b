"""The "words to check" bar: how many uncertain words are left, previous/next, accept, threshold.

Uncertain words are marked in the text with a dotted underline *and* a colour (render.py), so the
marking never relies on colour alone. The keys (F8 / Shift+F8 / Ctrl+Enter) are window actions
built in main_actions.py, so they work while typing; this bar only shows the state and buttons.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QToolButton, QWidget


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
