"""A small inline message (icon + wrapped text) for validation hints and errors.

Dialogs and panels show problems next to the controls instead of in modal boxes: a modal box in an
async app re-enters the event loop, and an inline line stays visible while the user fixes things.
Colours come from the style's standard icons and the palette, so light and dark themes both work.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QWidget


class Level(Enum):
    INFO = QStyle.StandardPixmap.SP_MessageBoxInformation
    WARNING = QStyle.StandardPixmap.SP_MessageBoxWarning
    ERROR = QStyle.StandardPixmap.SP_MessageBoxCritical


class InlineMessage(QWidget):
    """Hidden while empty; shows one or more sentences with an icon for their level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon = QLabel(self)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        self.setAccessibleName("Message")
        self.hide()

    def text(self) -> str:
        """The sentences shown now ("" when hidden)."""
        return self._text.text()

    def show_messages(self, messages: list[str], level: Level = Level.WARNING) -> None:
        if not messages:
            self.clear()
            return
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self._icon.setPixmap(self.style().standardIcon(level.value).pixmap(size, size))
        text = "\n".join(messages)
        self._text.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def show_message(self, message: str, level: Level = Level.WARNING) -> None:
        self.show_messages([message], level)

    def clear(self) -> None:
        self._text.clear()
        self.setAccessibleDescription("")
        self.hide()
