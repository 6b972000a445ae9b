"""The Find and Replace flow: the bar's intents against the current tab's view.

Matches are found in the view's plain text (Python characters) and shown as Qt (UTF-16)
positions. Replacing works in the transcript tab only, paragraph by paragraph through the
EditBridge, so every replacement is an undoable word-model edit that keeps the timings; Replace
all is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from smdesk.app.transcript.editing import EditBridge
from smdesk.app.transcript.find import FindBar, Finder
from smdesk.app.transcript.layout import BODY, block_role, from_qt
from smdesk.app.transcript.text_view import TextView

ViewGetter = Callable[[], TextView | None]


def qt_positions(text: str, offsets: list[int]) -> list[int]:
    """Python-character offsets (sorted) as UTF-16 positions, in one pass."""
    if text.isascii():
        return list(offsets)
    result: list[int] = []
    extra = 0
    last = 0
    for offset in offsets:
        extra += sum(1 for ch in text[last:offset] if ord(ch) > 0xFFFF)
        last = offset
        result.append(offset + extra)
    return result


class SearchFlow(QObject):
    message = Signal(str)

    def __init__(self, bar: FindBar, current_view: ViewGetter,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self.finder = Finder()
        self._current_view = current_view
        self._ranges: list[tuple[int, int]] = []  # Qt positions of the matches
        self.bridge: EditBridge | None = None  # the transcript tab's (None: read-only)
        bar.query_changed.connect(self.search)
        bar.next_requested.connect(lambda: self.step(1))
        bar.previous_requested.connect(lambda: self.step(-1))
        bar.replace_requested.connect(self.replace_current)
        bar.replace_all_requested.connect(self.replace_all)
        bar.closed.connect(self.clear)

    def search(self, *, near: int | None = None) -> None:
        view = self._current_view()
        if view is None:
            return
        text = view.toPlainText()
        if near is None:
            near = from_qt(text, view.textCursor().selectionStart()) if self.bar.isVisible() else 0
        self.finder.search(text, self.bar.query(), near=near)
        starts = qt_positions(text, [s for s, _ in self.finder.matches])
        ends = qt_positions(text, [e for _, e in self.finder.matches])
        self._ranges = list(zip(starts, ends, strict=True))
        view.mark_matches(self._ranges)
        self._update_replace(view)
        if self._ranges:
            self._select_current(view)
        self.bar.set_status(self.finder.status(self.bar.field.text()))

    def step(self, step: int) -> None:
        view = self._current_view()
        if view is None or self.finder.step(step) is None:
            return
        self._select_current(view)
        self.bar.set_status(self.finder.status(self.bar.field.text()))

    def _select_current(self, view: TextView) -> None:
        index = self.finder.index
        if 0 <= index < len(self._ranges):
            view.select_range(*self._ranges[index])

    def clear(self) -> None:
        view = self._current_view()
        if view is not None:
            view.mark_matches([])
            view.setFocus()
        self.finder.clear()
        self._ranges = []

    def status(self) -> str:
        return self.bar.count.text()

    # -- replace --------------------------------------------------------------------------
    def _editable(self, view: TextView | None) -> bool:
        return (self.bridge is not None and view is not None and view is self.bridge.view
                and self.bridge.session is not None)

    def _update_replace(self, view: TextView) -> None:
        self.bar.set_replace_enabled(self._editable(view),
                                     "Only the transcript itself can be edited.")

    def _body_range(self, view: TextView, qt_range: tuple[int, int]) -> tuple[int, int, int] | None:
        """(paragraph, start, end) in body characters, or None if it is not inside one body."""
        document = view.document()
        block = document.findBlock(qt_range[0])
        if document.findBlock(qt_range[1]).blockNumber() != block.blockNumber():
            return None
        paragraph, role = block_role(block.blockNumber())
        if role != BODY:
            return None
        text = block.text()
        return (paragraph, from_qt(text, qt_range[0] - block.position()),
                from_qt(text, qt_range[1] - block.position()))

    def replace_current(self, replacement: str) -> None:
        view = self._current_view()
        index = self.finder.index
        if not self._editable(view) or not 0 <= index < len(self._ranges):
            return
        assert view is not None and self.bridge is not None
        where = self._body_range(view, self._ranges[index])
        if where is None:
            self.message.emit("That match is in a speaker name or time: rename speakers in the "
                              "Speakers list.")
            self.step(1)
            return
        at = self._ranges[index][0]
        self.bridge.replace_many(where[0], [(where[1], where[2])], replacement)
        text = view.toPlainText()
        self.search(near=from_qt(text, at) + len(replacement))

    def replace_all(self, replacement: str) -> None:
        view = self._current_view()
        if not self._editable(view) or not self._ranges:
            return
        assert view is not None and self.bridge is not None
        per_paragraph: dict[int, list[tuple[int, int]]] = {}
        for qt_range in self._ranges:
            where = self._body_range(view, qt_range)
            if where is not None:
                per_paragraph.setdefault(where[0], []).append((where[1], where[2]))
        count = sum(len(ranges) for ranges in per_paragraph.values())
        spans = [span for paragraph in sorted(per_paragraph)  # all on today's word indexes
                 for span in self.bridge.match_spans(paragraph, per_paragraph[paragraph],
                                                     replacement)]
        self.bridge.replace_spans(spans)  # one edit: one undo step, the matched words only
        self.search(near=0)
        self.message.emit(f"Replaced {count} match{'es' if count != 1 else ''}.")
