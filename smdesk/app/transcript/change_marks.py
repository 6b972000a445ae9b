"""Where the text was changed, told on the text itself: a wedge where words were removed, and a
tooltip on every changed place.

Changed words carry a wavy underline (TextView.mark_changes); removed words leave nothing to
underline, so the gap where they were gets a small wedge hanging from the top of the line (a
shape, not only a colour: the same link colour as the wavy line). Hovering a changed word or a
wedge says what changed ("00:12:03 · Speaker 1 · removed ‘the’"); clicking one emits
``clicked(key)`` (the Changes list selects that change).

The wedges are painted by a transparent overlay on the view's viewport (mouse events go through
to the text), repainted whenever the view repaints or scrolls (``updateRequest``); only the
marks in the visible blocks are looked at. Each mark is held by text cursors, so it moves with
the text while the user types (the Changes list compares again a second after typing stops).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import (
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPolygonF,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

WEDGE_HALF_WIDTH = 3  # px: small enough to sit in the space between two words
WEDGE_HEIGHT = 4
HIT_SLOP = 3  # px around a wedge that still counts as "on it"
CLICK_TIP = "Click to select it in the Changes list"


@dataclass(frozen=True)
class ChangeMark:
    """A changed place: words ``start..end`` (document positions), or a ``removal`` at ``start``
    (words were there). ``tip`` says what changed; ``key`` is handed back on a click."""

    start: int
    end: int
    tip: str
    key: Any = None
    removal: bool = False


class ChangeMarks(QWidget):
    clicked = Signal(object)  # the mark's key

    def __init__(self, view: QPlainTextEdit) -> None:
        super().__init__(view.viewport())
        self._view = view
        self._marks: list[ChangeMark] = []
        self._anchors: list[tuple[QTextCursor, QTextCursor]] = []  # follow the text's edits
        self._half_space = 2
        self._pressed: QPoint | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.resize(view.viewport().size())
        view.viewport().installEventFilter(self)
        # only the part the text repaints (a follow-along step is one word), all of it on scroll
        view.updateRequest.connect(lambda rect, dy: self.update() if dy else self.update(rect))
        self.hide()

    # -- state ----------------------------------------------------------------------------
    def set_marks(self, marks: list[ChangeMark]) -> None:
        self._marks = sorted(marks, key=lambda m: (m.start, m.end))
        self._anchors = [(self._anchor(m.start), self._anchor(m.end)) for m in self._marks]
        font = self._view.document().defaultFont()  # a new font comes with a new document
        self._half_space = QFontMetrics(font).horizontalAdvance(" ") // 2
        self.setVisible(any(m.removal for m in self._marks))
        self.raise_()
        self.update()

    def marks(self) -> list[ChangeMark]:
        """The marks where they are now (the text may have been edited since they were set)."""
        return [self._current(n) for n in range(len(self._marks))]

    def _current(self, n: int) -> ChangeMark:
        mark, (a, b) = self._marks[n], self._anchors[n]
        start = a.position()
        return replace(mark, start=start, end=start if mark.removal else max(start, b.position()))

    def removals(self) -> list[ChangeMark]:
        return [m for m in self.marks() if m.removal]

    def _anchor(self, position: int) -> QTextCursor:
        cursor = QTextCursor(self._view.document())
        cursor.setPosition(max(0, min(position, self._view.document().characterCount() - 1)))
        return cursor

    # -- geometry -------------------------------------------------------------------------
    def wedge_rect(self, mark: ChangeMark) -> QRect:
        """Where a removal's wedge is drawn, in viewport coordinates: in the middle of the space
        next to its place (one caret rectangle a mark: a repaint may hold dozens)."""
        caret = self._caret_rect(mark.start)
        document = self._view.document()
        half_space = self._half_space
        x = caret.left()
        if mark.start > 0 and document.characterAt(mark.start - 1) == " " and (
                x - half_space > self._text_left()):  # not a line's start: the space wrapped
            x -= half_space
        elif document.characterAt(mark.start) == " ":
            x += half_space
        else:
            x += WEDGE_HALF_WIDTH // 2  # after the last word of a paragraph: clear of it
        return QRect(x - WEDGE_HALF_WIDTH, caret.top(), 2 * WEDGE_HALF_WIDTH + 1, caret.height())

    def _text_left(self) -> int:
        return int(self._view.contentOffset().x() + self._view.document().documentMargin())

    def _caret_rect(self, position: int) -> QRect:
        cursor = QTextCursor(self._view.document())
        cursor.setPosition(max(0, min(position, self._view.document().characterCount() - 1)))
        return self._view.cursorRect(cursor)

    def mark_at(self, point: QPoint) -> ChangeMark | None:
        """The mark under ``point`` (viewport coordinates): a wedge, or a changed word."""
        for mark in self._visible():
            if mark.removal and self.wedge_rect(mark).adjusted(
                    -HIT_SLOP, 0, HIT_SLOP, 0).contains(point):
                return mark
        position = self._view.cursorForPosition(point).position()
        for mark in self._visible():
            if not mark.removal and mark.start <= position <= mark.end and self._over_words(
                    mark, point):
                return mark
        return None

    def _over_words(self, mark: ChangeMark, point: QPoint) -> bool:
        start, end = self._caret_rect(mark.start), self._caret_rect(mark.end)
        if start.top() != end.top():  # the words wrap onto another line
            return start.top() <= point.y() <= end.bottom()
        return start.left() <= point.x() <= end.right() and start.top() <= point.y() <= (
            start.bottom())

    def _visible(self) -> list[ChangeMark]:
        """The marks in the blocks shown now (a long transcript has many off screen)."""
        view = self._view
        block = view.firstVisibleBlock()
        if not block.isValid() or not self._marks:
            return []
        first = block.position()
        height = view.viewport().height()
        offset = view.contentOffset()
        last = block
        while block.isValid():
            if view.blockBoundingGeometry(block).translated(offset).top() > height:
                break
            last = block
            block = block.next()
        stop = last.position() + last.length()
        # in text order still (edits move the marks, never reorder them): a binary search asks
        # a few cursors where they are, not every mark of a long transcript on every repaint
        def start_of(pair: tuple[QTextCursor, QTextCursor]) -> int:
            return pair[0].position()

        low = bisect.bisect_left(self._anchors, first, key=start_of)
        high = bisect.bisect_right(self._anchors, stop, key=start_of)
        return [self._current(n) for n in range(low, high)]

    # -- painting and events --------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        removals = [m for m in self._visible() if m.removal]
        if not removals:
            return
        painter = QPainter(self)
        try:  # a painter left open would take the view's paint down with it
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            color = self._view.palette().color(QPalette.ColorRole.Link)
            painter.setPen(color)
            painter.setBrush(color)
            for mark in removals:
                rect = self.wedge_rect(mark)
                tip_x = rect.center().x() + 0.5
                top = float(rect.top()) + 1
                painter.drawPolygon(QPolygonF([
                    QPointF(tip_x - WEDGE_HALF_WIDTH, top),
                    QPointF(tip_x + WEDGE_HALF_WIDTH, top), QPointF(tip_x, top + WEDGE_HEIGHT)]))
        finally:
            painter.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self.resize(self._view.viewport().size())
        elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            mark = self.mark_at(event.pos()) if self._marks else None
            if mark is not None:
                QToolTip.showText(event.globalPos(), f"{mark.tip}\n{CLICK_TIP}",
                                  self._view.viewport())
                return True
        elif kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._pressed = event.position().toPoint()
        elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            point, pressed = event.position().toPoint(), self._pressed
            self._pressed = None
            if (pressed is not None and (point - pressed).manhattanLength() < 4
                    and event.button() == Qt.MouseButton.LeftButton and self._marks):
                mark = self.mark_at(point)
                if mark is not None:
                    self.clicked.emit(mark.key)
        return False  # the text view still gets every event
