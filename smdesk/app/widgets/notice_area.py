"""NoticeArea: a dismissable, non-modal message strip at the top of the main window.

Refused files, unexpected errors and account notices land here instead of in modal boxes (a
modal box inside an async app re-enters the event loop). Messages stay until dismissed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from smdesk.app.widgets.inline_message import InlineMessage, Level

MAX_LINES = 8


class NoticeArea(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = InlineMessage(self)
        self.btn_dismiss = QToolButton(self)
        self.btn_dismiss.setText("Dismiss")
        self.btn_dismiss.setAccessibleName("Dismiss message")
        self.btn_dismiss.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.btn_dismiss)
        self.setAccessibleName("Messages")
        self._lines: list[str] = []
        self._level = Level.INFO
        self.hide()

    def text(self) -> str:
        return "\n".join(self._lines)

    def show_lines(self, lines: list[str], level: Level = Level.WARNING) -> None:
        """Add messages (newest last); the strip keeps the most severe level shown."""
        if not lines:
            return
        if self._level is Level.INFO and level is not Level.INFO:
            self._lines = []  # "API key accepted" must not sit under a warning icon with refusals
        if level.name == "ERROR" or self._level.name == "INFO":
            self._level = level
        self._lines = (self._lines + list(lines))[-MAX_LINES:]
        self.message.show_messages(self._lines, self._level)
        self.show()

    def withdraw(self, line: str) -> None:
        """Take back a message that is no longer true (e.g. "Not connected" once connected)."""
        if line not in self._lines:
            return
        self._lines = [kept for kept in self._lines if kept != line]
        if self._lines:
            self.message.show_messages(self._lines, self._level)
        else:
            self.clear()

    def clear(self) -> None:
        self._lines = []
        self._level = Level.INFO
        self.message.clear()
        self.hide()
