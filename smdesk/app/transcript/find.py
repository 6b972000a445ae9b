"""The find bar (Ctrl+F): type to search; Enter / Shift+Enter (or F3) step; Esc closes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    query_changed = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in transcript")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find text")
        self.field.installEventFilter(self)
        self.previous = QToolButton(self)
        self.previous.setArrowType(Qt.ArrowType.UpArrow)
        self.previous.setToolTip("Previous match (Shift+Enter)")
        self.previous.setAccessibleName("Previous match")
        self.next = QToolButton(self)
        self.next.setArrowType(Qt.ArrowType.DownArrow)
        self.next.setToolTip("Next match (Enter)")
        self.next.setAccessibleName("Next match")
        self.count = QLabel(self)
        self.count.setAccessibleName("Match count")
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Close the find bar (Esc)")
        self.close_button.setAccessibleName("Close find bar")
        label = QLabel("&Find:", self)
        label.setBuddy(self.field)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(label)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(self.count)
        layout.addWidget(self.close_button)
        self.field.textChanged.connect(self.query_changed)
        self.field.returnPressed.connect(self.next_requested)
        self.next.clicked.connect(self.next_requested)
        self.previous.clicked.connect(self.previous_requested)
        self.close_button.clicked.connect(self.close_bar)

    def open_bar(self, text: str = "") -> None:
        self.show()
        if text:
            self.field.setText(text)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def set_count(self, current: int, total: int) -> None:
        """Show "3 of 15" (current is 1-based; 0 means no current match)."""
        if not self.field.text():
            self.count.setText("")
        elif total == 0:
            self.count.setText("No matches")
        else:
            self.count.setText(f"{current} of {total}")

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 (Qt override)
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == (
                QKeyEvent.Type.KeyPress):
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
                self.previous_requested.emit()
                return True
        return False
