"""The transcript text view: editable in place, with highlights, follow-along and click reporting.

QPlainTextEdit lays out lazily (only what is visible), which keeps a 3-hour transcript opening
fast; there are no per-word widgets. Highlights (the word being spoken, find matches) are
ExtraSelections, so they never modify the document or the user's selection.

Editing: the view lets Qt apply ordinary typing to a paragraph's body block, then reports which
paragraph changed (``body_edited``); the pane turns that into an edit of the word model and
re-renders the paragraph from it. Enter, Backspace at a body's start and Delete at its end are
structure edits (split/join) reported as intents; headers and the blank lines between
paragraphs are not editable (``refused`` says why).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from smdesk.app.transcript.change_marks import ChangeMarks
from smdesk.app.transcript.colors import tint
from smdesk.app.transcript.layout import BODY, block_role

MAX_MARKED_MATCHES = 2000  # beyond this, marking every match costs more than it helps
READING_WIDTH_CHARS = 90  # a comfortable measure; wider windows get side margins
_EDIT_KEYS = (QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Paste,
              QKeySequence.StandardKey.Delete, QKeySequence.StandardKey.DeleteEndOfWord,
              QKeySequence.StandardKey.DeleteStartOfWord, QKeySequence.StandardKey.DeleteEndOfLine,
              QKeySequence.StandardKey.DeleteCompleteLine, QKeySequence.StandardKey.Backspace)
_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class TextView(QPlainTextEdit):
    """Signals: ``position_clicked(position, ctrl)`` for a plain click (not a drag-selection),
    ``body_edited(paragraph)``, ``split_requested(paragraph, offset)``,
    ``join_requested(paragraph)`` (join it with the next), ``refused(sentence)``,
    ``manual_scroll()`` when the user scrolls by hand."""

    position_clicked = Signal(int, bool)
    body_edited = Signal(int)
    split_requested = Signal(int, int)
    join_requested = Signal(int)
    refused = Signal(str)
    manual_scroll = Signal()
    edit_started = Signal()
    reset_requested = Signal()  # an edit broke the paragraph structure: render the model again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)  # a tab character means nothing in a transcript
        self._editable = False
        self._apply_editable()
        self._own_document: QTextDocument | None = None
        self._current: QTextEdit.ExtraSelection | None = None
        self._matches: list[QTextEdit.ExtraSelection] = []
        self._changes: list[QTextEdit.ExtraSelection] = []  # "Show changes" (changes.py)
        self.change_marks = ChangeMarks(self)  # removals' wedges, tooltips on changed places
        self._scrolling = 0  # >0 while the view scrolls itself (follow-along, show_word)
        self._dirty: set[int] = set()
        self._syncing = False
        self.expected_blocks: int | None = None  # set by the document: 3 per paragraph + 1
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush)
        self.verticalScrollBar().actionTriggered.connect(lambda _a: self._user_scrolled())

    # -- content --------------------------------------------------------------------------
    def set_content(self, document: QTextDocument) -> None:
        """Show ``document`` (the view owns it from now on)."""
        self._current = None
        self._matches = []
        self._changes = []
        self.change_marks.set_marks([])
        self._dirty.clear()
        self.setExtraSelections([])
        previous = self._own_document
        self.setDocument(document)
        document.setParent(self)  # freed with the view
        self._own_document = document
        document.contentsChange.connect(self._contents_changed)
        if previous is not None and previous is not document:
            previous.contentsChange.disconnect(self._contents_changed)
            previous.deleteLater()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._apply_editable()

    def is_editable(self) -> bool:
        return self._editable

    def _apply_editable(self) -> None:
        self.setReadOnly(not self._editable)
        flags = (Qt.TextInteractionFlag.TextSelectableByMouse
                 | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        if self._editable:
            flags |= Qt.TextInteractionFlag.TextEditable
        self.setTextInteractionFlags(flags)

    def syncing(self) -> _Syncing:
        """``with view.syncing():`` document changes made by the pane are not user edits."""
        return _Syncing(self)

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
            self.scroll_to(start)

    def clear_current(self) -> None:
        self._current = None
        self._apply_selections()

    def current_mark(self) -> tuple[int, int] | None:
        if self._current is None:
            return None
        cursor = self._current.cursor
        return cursor.selectionStart(), cursor.selectionEnd()

    def mark_matches(self, ranges: list[tuple[int, int]]) -> None:
        look = QTextCharFormat()
        look.setBackground(tint(self.palette(), QPalette.ColorRole.Highlight, 0.18))
        self._matches = self._selections(ranges, look)
        self._apply_selections()

    def mark_changes(self, ranges: list[tuple[int, int]]) -> None:
        """Words changed against the original: a wavy underline (dotted is "uncertain",
        solid is "now playing"), so the mark does not rely on colour alone."""
        look = QTextCharFormat()
        look.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        look.setUnderlineColor(self.palette().color(QPalette.ColorRole.Link))
        self._changes = self._selections(ranges, look)
        self._apply_selections()

    def _selections(self, ranges: list[tuple[int, int]],
                    look: QTextCharFormat) -> list[QTextEdit.ExtraSelection]:
        """One extra selection in ``look`` per range (at most MAX_MARKED_MATCHES)."""
        selections = []
        for start, end in ranges[:MAX_MARKED_MATCHES]:
            selection = QTextEdit.ExtraSelection()
            selection.format = look
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        return selections

    def select_range(self, start: int, end: int) -> None:
        """Select (so Copy takes it) and reveal a range, e.g. the current find match."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.scroll_to(start)

    def _apply_selections(self) -> None:
        selections = [*self._changes, *self._matches]
        if self._current is not None:
            selections.append(self._current)
        self.setExtraSelections(selections)

    # -- scrolling ------------------------------------------------------------------------
    def scroll_to(self, position: int) -> None:
        """Bring ``position`` into view (with some context above) if it is not visible."""
        self._scrolling += 1
        try:
            self._scroll_into_view(position)
        finally:
            self._scrolling -= 1

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

    def _user_scrolled(self) -> None:
        if not self._scrolling:
            self.manual_scroll.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        super().wheelEvent(event)
        self._user_scrolled()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._cap_line_width()

    def _cap_line_width(self) -> None:
        """Wide windows get margins: lines of ~90 characters are easier to read than 200."""
        cap = self.fontMetrics().averageCharWidth() * READING_WIDTH_CHARS
        spare = self.width() - cap - self.verticalScrollBar().sizeHint().width()
        side = max(0, spare // 2)
        self.setViewportMargins(side, 0, side, 0)

    # -- editing --------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # Undo/redo belong to the window's Edit menu (the session's QUndoStack), not to the
        # document: let the shortcut through instead of letting QPlainTextEdit claim it.
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and any(event.matches(key) for key in _UNDO_KEYS)):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key, mods = event.key(), event.modifiers()
        plain = mods & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
        is_enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if any(event.matches(k) for k in _UNDO_KEYS):
            event.ignore()
            return
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.manual_scroll.emit()
        if not self._editable:
            if is_enter and not plain:  # keyboard users "click" the word at the caret
                self.position_clicked.emit(self.textCursor().selectionStart(), False)
                return
            super().keyPressEvent(event)
            return
        if is_enter and not plain:
            self.edit_started.emit()
            self._split_at_caret()
            return
        edit = self._is_edit(event)
        if edit and not self._edit_allowed(event):
            return
        if edit:  # not arrows, Copy or Ctrl+Shift+C: they must not switch clicks to editing
            self.edit_started.emit()
        super().keyPressEvent(event)

    def _is_edit(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) or any(
                event.matches(k) for k in _EDIT_KEYS):
            return True
        text = event.text()
        control = event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                       | Qt.KeyboardModifier.AltModifier
                                       | Qt.KeyboardModifier.MetaModifier)
        return bool(text) and text.isprintable() and not control

    def _edit_allowed(self, event: QKeyEvent) -> bool:
        cursor = self.textCursor()
        start = self.document().findBlock(cursor.selectionStart())
        end = self.document().findBlock(cursor.selectionEnd())
        if start.blockNumber() != end.blockNumber():
            self.refused.emit("Select text within one paragraph to change it.")
            return False
        paragraph, role = block_role(start.blockNumber())
        if role != BODY:
            self.refused.emit("Speaker names and times are not typed: click a name to "
                              "rename the speaker.")
            return False
        if cursor.hasSelection():
            return True
        offset = cursor.position() - start.position()
        backspace = event.matches(QKeySequence.StandardKey.Backspace) or (
            event.key() == Qt.Key.Key_Backspace)
        if backspace and offset == 0:
            if paragraph > 0:
                self.join_requested.emit(paragraph - 1)
            return False
        forward = event.matches(QKeySequence.StandardKey.Delete) or (
            event.key() == Qt.Key.Key_Delete)
        if forward and offset == start.length() - 1:
            if start.next().next().next().isValid():
                self.join_requested.emit(paragraph)
            return False
        return True

    def _split_at_caret(self) -> None:
        cursor = self.textCursor()
        block = cursor.block()
        paragraph, role = block_role(block.blockNumber())
        if role != BODY:
            self.refused.emit("Put the cursor in the text to start a new paragraph there.")
            return
        self.split_requested.emit(paragraph, cursor.position() - block.position())

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        """Paste as plain text in one paragraph: line breaks become spaces."""
        if not self._editable or not source.hasText():
            return
        cursor = self.textCursor()
        start = self.document().findBlock(cursor.selectionStart())
        end = self.document().findBlock(cursor.selectionEnd())
        if start.blockNumber() != end.blockNumber() or block_role(start.blockNumber())[1] != BODY:
            self.refused.emit("Paste into the text of one paragraph.")
            return
        self.edit_started.emit()
        cursor.insertText(" ".join(source.text().split()))

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt override)
        return self._editable and source.hasText()

    def _contents_changed(self, position: int, removed: int, added: int) -> None:
        if self._syncing:
            return
        document = self.document()
        first = document.findBlock(position).blockNumber()
        last = document.findBlock(position + max(added, 0)).blockNumber()
        self._dirty.update(range(first, max(first, last) + 1))
        self._flush_timer.start()

    def _flush(self) -> None:
        """Report edited paragraphs once Qt has applied the keystroke (never re-entrantly)."""
        blocks, self._dirty = sorted(self._dirty), set()
        if self.expected_blocks is not None and self.document().blockCount() != (
                self.expected_blocks):  # e.g. a drop or an input method went around the checks
            self.refused.emit("Start a new paragraph with Enter and join two with Backspace at "
                              "the start of the second.")
            self.reset_requested.emit()
            return
        for paragraph in dict.fromkeys(block_role(number)[0] for number in blocks):
            self.body_edited.emit(paragraph)

    def flush_edits(self) -> None:
        """Report pending edits now (tests, and before an undo)."""
        if self._dirty:
            self._flush_timer.stop()
            self._flush()

    # -- clicks ---------------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            position = self.cursorForPosition(event.position().toPoint()).position()
            self.position_clicked.emit(position, ctrl)


class _Syncing:
    def __init__(self, view: TextView) -> None:
        self._view = view

    def __enter__(self) -> None:
        self._view._syncing = True

    def __exit__(self, *_exc: object) -> None:
        self._view._syncing = False
