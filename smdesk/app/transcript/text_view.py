"""A read-only text view with find support and click-to-position reporting.

QPlainTextEdit lays out lazily (only what is visible), which is what keeps a 3-hour transcript
opening fast; there are no per-word widgets. Highlights (the current word, find matches) are
ExtraSelections, so they never modify the document or the user's selection.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from smdesk.app.transcript.colors import tint

MAX_MARKED_MATCHES = 2000  # beyond this, marking every match costs more than it helps


class TextView(QPlainTextEdit):
    """Emits ``position_clicked(int)`` for a plain click (not a drag-selection)."""

    position_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._text = ""
        self._folded = ""
        self._own_document: QTextDocument | None = None
        self._current: QTextEdit.ExtraSelection | None = None
        self._matches: list[QTextEdit.ExtraSelection] = []

    def set_content(self, document: QTextDocument, text: str) -> None:
        """Show ``document``; ``text`` is its plain text (kept for fast searching)."""
        self._current = None
        self._matches = []
        self.setExtraSelections([])
        previous = self._own_document
        self.setDocument(document)
        document.setParent(self)  # freed with the view
        self._own_document = document
        if previous is not None and previous is not document:
            previous.deleteLater()
        self._text = text
        self._folded = ""

    def plain_text(self) -> str:
        return self._text

    # -- highlighting ---------------------------------------------------------------------
    def mark_current(self, start: int, end: int, *, scroll: bool = True) -> None:
        selection = QTextEdit.ExtraSelection()
        # stronger than find matches and underlined, so "now playing" never looks like a match
        selection.format.setBackground(tint(self.palette(), QPalette.ColorRole.Highlight, 0.4))
        selection.format.setFontUnderline(True)
        selection.format.setUnderlineColor(self.palette().color(QPalette.ColorRole.Highlight))
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        self._current = selection
        self._apply_selections()
        if scroll:
            self._scroll_into_view(start)

    def clear_current(self) -> None:
        self._current = None
        self._apply_selections()

    def current_mark(self) -> tuple[int, int] | None:
        if self._current is None:
            return None
        cursor = self._current.cursor
        return cursor.selectionStart(), cursor.selectionEnd()

    # -- find -----------------------------------------------------------------------------
    def find_all(self, needle: str) -> list[int]:
        """Start positions (Qt positions) of every case-insensitive match of ``needle``."""
        if not needle:
            return []
        if not self._folded:
            self._folded = self._text.casefold()
        folded_needle = needle.casefold()
        if len(self._folded) != len(self._text):  # casefold changed lengths (ß → ss): use lower
            haystack, folded_needle = self._text.lower(), needle.lower()
        else:
            haystack = self._folded
        found: list[int] = []
        at = haystack.find(folded_needle)
        while at >= 0:
            found.append(at)
            at = haystack.find(folded_needle, at + max(1, len(folded_needle)))
        return self._to_qt_positions(found)

    def mark_matches(self, starts: list[int], length: int) -> None:
        color = tint(self.palette(), QPalette.ColorRole.Highlight, 0.18)
        self._matches = []
        for start in starts[:MAX_MARKED_MATCHES]:
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(color)
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            self._matches.append(selection)
        self._apply_selections()

    def select_range(self, start: int, end: int) -> None:
        """Select (so Copy takes it) and reveal a range, e.g. the current find match."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # -- internals ------------------------------------------------------------------------
    def _apply_selections(self) -> None:
        selections = list(self._matches)
        if self._current is not None:
            selections.append(self._current)
        self.setExtraSelections(selections)

    def _scroll_into_view(self, position: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        if self._offset_from_view(cursor) == 0:
            return
        # QPlainTextEdit scrolls by layout line: jump near the word's line, keeping some context
        # above, then correct by single lines (the estimate can be off while lines are laid out)
        bar = self.verticalScrollBar()
        block = cursor.block()
        line = block.firstLineNumber()
        layout = block.layout()
        if layout is not None and layout.lineCount() > 0:
            line += layout.lineForTextPosition(position - block.position()).lineNumber()
        bar.setValue(max(0, line - 3))
        for _ in range(200):
            offset = self._offset_from_view(cursor)
            if offset == 0 or not bar.minimum() <= bar.value() + offset <= bar.maximum():
                break
            bar.setValue(bar.value() + offset)

    def _offset_from_view(self, cursor: QTextCursor) -> int:
        """-1 if the cursor is above the viewport, 1 if below, 0 if visible."""
        rect = self.cursorRect(cursor)
        viewport = self.viewport().rect()
        if rect.top() < viewport.top():
            return -1
        return 1 if rect.bottom() > viewport.bottom() else 0

    def _to_qt_positions(self, positions: list[int]) -> list[int]:
        if self._text.isascii():
            return positions
        result: list[int] = []
        astral = 0
        last = 0
        for position in positions:
            astral += sum(1 for ch in self._text[last:position] if ord(ch) > 0xFFFF)
            last = position
            result.append(position + astral)
        return result

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        # keyboard users move the caret to a word and press Enter to "click" it
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.position_clicked.emit(self.textCursor().selectionStart())
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.position_clicked.emit(self.cursorForPosition(event.position().toPoint()).position())
