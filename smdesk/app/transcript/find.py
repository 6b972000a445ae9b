"""Find and Replace: the bar (Ctrl+F / Ctrl+H), the matching rules and the "3 of 15" state.

The bar is a widget that emits intents; :func:`find_matches` is pure; :class:`Finder` keeps the
matches of the current view and steps through them. Replacing goes through the pane, which turns
it into edits of the word model (so it is undoable and keeps the timings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    match_case: bool = False
    whole_word: bool = False


def find_matches(haystack: str, query: Query) -> list[tuple[int, int]]:
    """(start, end) of every match, in Python characters, non-overlapping, in order."""
    if not query.text:
        return []
    pattern = re.escape(query.text)
    if query.whole_word:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    flags = 0 if query.match_case else re.IGNORECASE
    return [(m.start(), m.end()) for m in re.finditer(pattern, haystack, flags)]


class Finder:
    """The matches in one text and which one is current (-1: none yet)."""

    def __init__(self) -> None:
        self.matches: list[tuple[int, int]] = []
        self.index = -1

    def search(self, haystack: str, query: Query, *, near: int = 0) -> None:
        """Find every match; the current one becomes the first at or after ``near``."""
        self.matches = find_matches(haystack, query)
        self.index = -1
        for number, (start, _end) in enumerate(self.matches):
            if start >= near:
                self.index = number
                return
        self.index = 0 if self.matches else -1

    def step(self, step: int) -> tuple[int, int] | None:
        if not self.matches:
            return None
        self.index = (self.index + step) % len(self.matches)
        return self.matches[self.index]

    def current(self) -> tuple[int, int] | None:
        return self.matches[self.index] if 0 <= self.index < len(self.matches) else None

    def status(self, query_text: str) -> str:
        """ "3 of 15", "No matches", or "" with nothing to look for."""
        if not query_text:
            return ""
        if not self.matches:
            return "No matches"
        return f"{self.index + 1} of {len(self.matches)}"

    def clear(self) -> None:
        self.matches, self.index = [], -1


class FindBar(QWidget):
    """Find (always) and Replace (shown with Ctrl+H); Enter / Shift+Enter step; Esc closes."""

    query_changed = Signal()
    next_requested = Signal()
    previous_requested = Signal()
    replace_requested = Signal(str)
    replace_all_requested = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in transcript")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find text")
        self.field.installEventFilter(self)
        self.replacement = QLineEdit(self)
        self.replacement.setPlaceholderText("Replace with")
        self.replacement.setAccessibleName("Replacement text")
        self.replacement.installEventFilter(self)
        if parent is not None:  # an Escape the text did not use reaches the pane: close here
            parent.installEventFilter(self)
        self.match_case = QCheckBox("Match &case", self)
        self.whole_word = QCheckBox("Whole &words", self)
        self.previous = self._tool(Qt.ArrowType.UpArrow, "Previous match (Shift+Enter)",
                                   "Previous match")
        self.next = self._tool(Qt.ArrowType.DownArrow, "Next match (Enter)", "Next match")
        self.count = QLabel(self)
        self.count.setAccessibleName("Match count")
        self.count.setMinimumWidth(self.fontMetrics().horizontalAdvance("No matches") + 4)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Close the find bar (Esc)")
        self.close_button.setAccessibleName("Close find bar")
        self.replace_button = QPushButton("&Replace", self)
        self.replace_all_button = QPushButton("Replace a&ll", self)
        self.replace_label = QLabel("Replace w&ith:", self)
        self.replace_label.setBuddy(self.replacement)
        self._layout_bar()
        self.field.textChanged.connect(lambda _t: self.query_changed.emit())
        self.match_case.toggled.connect(lambda _c: self.query_changed.emit())
        self.whole_word.toggled.connect(lambda _c: self.query_changed.emit())
        self.field.returnPressed.connect(self.next_requested)
        self.next.clicked.connect(self.next_requested)
        self.previous.clicked.connect(self.previous_requested)
        self.close_button.clicked.connect(self.close_bar)
        self.replace_button.clicked.connect(
            lambda: self.replace_requested.emit(self.replacement.text()))
        self.replace_all_button.clicked.connect(
            lambda: self.replace_all_requested.emit(self.replacement.text()))
        self.replacement.returnPressed.connect(
            lambda: self.replace_requested.emit(self.replacement.text()))
        self.show_replace(False)

    def _tool(self, arrow: Qt.ArrowType, tip: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setArrowType(arrow)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        return button

    def _layout_bar(self) -> None:
        label = QLabel("Fin&d:", self)  # Alt+F stays the File menu; Alt+N is Rename
        label.setBuddy(self.field)
        steps = QHBoxLayout()
        steps.setSpacing(2)
        for widget in (self.previous, self.next, self.count, self.match_case, self.whole_word):
            steps.addWidget(widget)
        steps.addStretch(1)
        steps.addWidget(self.close_button)
        replace = QHBoxLayout()
        replace.addWidget(self.replace_button)
        replace.addWidget(self.replace_all_button)
        replace.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        grid.setVerticalSpacing(2)
        grid.addWidget(label, 0, 0)
        grid.addWidget(self.field, 0, 1)
        grid.addLayout(steps, 0, 2)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replacement, 1, 1)
        grid.addLayout(replace, 1, 2)
        grid.setColumnStretch(1, 1)

    def query(self) -> Query:
        return Query(self.field.text(), self.match_case.isChecked(), self.whole_word.isChecked())

    def open_bar(self, text: str = "", *, replace: bool = False) -> None:
        self.show()
        self.show_replace(replace or self.replacement.isVisible())
        if text:
            self.field.setText(text)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def show_replace(self, shown: bool) -> None:
        for widget in (self.replace_label, self.replacement, self.replace_button,
                       self.replace_all_button):
            widget.setVisible(shown)

    def replace_shown(self) -> bool:
        return not self.replacement.isHidden()

    def set_replace_enabled(self, enabled: bool, why: str = "") -> None:
        """Replacing needs an editable view (not the summary or a translation)."""
        for widget in (self.replacement, self.replace_button, self.replace_all_button):
            widget.setEnabled(enabled)
            widget.setToolTip("" if enabled else why)

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def set_status(self, text: str) -> None:
        self.count.setText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Escape closes the bar wherever its focus is (after Replace all it is on the button)."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 (Qt override)
        if (watched is self.parentWidget() and isinstance(event, QKeyEvent)
                and event.type() == QKeyEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape and self.isVisible()):
            self.close_bar()
            return True
        if watched in (self.field, self.replacement) and isinstance(event, QKeyEvent) and (
                event.type() == QKeyEvent.Type.KeyPress):
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if watched is self.field and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
                self.previous_requested.emit()
                return True
        return False
