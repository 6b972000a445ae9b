"""A status bar whose temporary messages never run under its permanent widgets.

QStatusBar draws a message at full length; a long one ("interview.m4a failed: Speechmatics
could not…") ran under the permanent connection label and was cut off mid-word. Messages are
elided to the room left of the permanent widgets, with the whole text as the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStatusBar, QWidget

MARGIN = 24  # QStatusBar's own padding around the message and the size grip


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._permanent: list[QWidget] = []
        self._full_text = ""

    def addPermanentWidget(self, widget: QWidget, stretch: int | None = 0) -> None:  # noqa: N802
        self._permanent.append(widget)
        super().addPermanentWidget(widget, stretch or 0)

    def showMessage(self, text: str, timeout: int | None = 0) -> None:  # noqa: N802 (Qt override)
        self._full_text = text
        self.setToolTip(text)
        super().showMessage(self._elided(text), timeout or 0)

    def full_message(self) -> str:
        """The message as given, before eliding (empty once it timed out or was cleared)."""
        return self._full_text if self.currentMessage() else ""

    def message_room(self) -> int:
        """Pixels available to a message left of the visible permanent widgets."""
        taken = sum(w.sizeHint().width() + 8 for w in self._permanent if not w.isHidden())
        return max(0, self.width() - taken - MARGIN)

    def _elided(self, text: str) -> str:
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight,
                                             self.message_room())
