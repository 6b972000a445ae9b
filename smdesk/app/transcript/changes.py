"""Changes: what was changed against the transcript as it arrived, beside the speakers list.

``ChangesPanel`` (a widget) lists one line per change ("00:12:03 · Speaker 1 · ‘Smyth’ →
‘Smith’") with a count, and emits intents: ``show_requested(difference)`` on a click and
``revert_requested([difference, ...])`` for the Revert button (each, or the selected ones).
``ChangesFlow`` keeps it up to date from the session: it asks ``session.compare()`` (pure
core, 20-60 ms at 30,000 words, on a worker thread) a second after edits stop;
reverting goes through ``session.revert_changes`` (one undo step, autosaved like any edit).
"""

from __future__ import annotations

import bisect
import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from smdesk.app.transcript.change_marks import ChangeMark
from smdesk.core.changes import (
    DELETED,
    INSERTED,
    RENAMED,
    RETIMED,
    TEXT_KINDS,
    Difference,
    describe_parts,
    difference_at,
)

REFRESH_MS = 1000  # after typing stops: a refresh costs ~50 ms on a 3-hour transcript
DIFFERENCE_ROLE = Qt.ItemDataRole.UserRole + 1


def count_text(count: int) -> str:
    if count == 0:
        return "No changes"
    return f"{count} change{'s' if count != 1 else ''}"


def _two_lines(parts: tuple[str, str]) -> str:
    """When and who above what changed: the column beside the text is narrow."""
    where, what = parts
    return f"{where}\n{what}" if where else what


def revert_label(d: Difference) -> str:
    """The context menu's words for reverting ``d`` ("Revert to ‘Smyth’")."""
    shown = " ".join(d.before.split())
    if len(shown) > 40:
        shown = shown[:39].rstrip() + "…"
    if d.kind == INSERTED:
        added = " ".join(d.after.split())
        return f"Remove the added ‘{added[:39] + ('…' if len(added) > 39 else '')}’"
    if d.kind == RETIMED:
        return f"Revert the timing of ‘{shown}’"
    if d.kind == DELETED:
        return f"Put back ‘{shown}’"
    return f"Revert to ‘{shown}’"


class ChangesPanel(QWidget):
    show_requested = Signal(object)  # Difference
    revert_requested = Signal(list)  # [Difference, ...]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Changes")
        self.title = QLabel("<b>Changes</b>", self)
        self.count = QLabel(self)
        self.count.setAccessibleName("Number of changes")
        self.count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Changes against the original transcript")
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSpacing(1)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        self.list.itemSelectionChanged.connect(self._update_button)
        self.revert_button = QPushButton("Re&vert", self)
        self.revert_button.setToolTip(
            "Put the selected changes back as transcribed (one step: Undo takes it back)")
        self.revert_button.clicked.connect(self._revert_selected)
        self.mark_box = QCheckBox("Mar&k in the text", self)  # Alt+M: Sample
        self.mark_box.setToolTip("Underline changed words with a wavy line")
        self.mark_box.setChecked(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.count)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.mark_box)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.set_changes([])

    def set_changes(self, rows: list[tuple[str, Difference]]) -> None:
        """Show ``(line, difference)`` rows, keeping the selected changes selected."""
        chosen = {d.key for d in self.selected()}
        current = self.list.currentItem()
        current_key = current.data(DIFFERENCE_ROLE).key if current is not None else None
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for line, d in rows:
                item = QListWidgetItem(line)
                item.setData(DIFFERENCE_ROLE, d)
                item.setToolTip(line.replace("\n", " · "))
                item.setData(Qt.ItemDataRole.AccessibleTextRole, line.replace("\n", " · "))
                self.list.addItem(item)
                if d.key in chosen:
                    item.setSelected(True)
                if d.key == current_key:
                    self.list.setCurrentItem(item, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self.list.blockSignals(False)
        self.count.setText(count_text(len(rows)))
        self._update_button()

    def differences(self) -> list[Difference]:
        return [self.list.item(i).data(DIFFERENCE_ROLE) for i in range(self.list.count())]

    def rows(self) -> list[tuple[str, Difference]]:
        """(two-line text, change) of every row."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return [(item.text(), item.data(DIFFERENCE_ROLE)) for item in items]

    def select(self, d: Difference) -> None:
        """Make ``d``'s row the only selected one and scroll to it (a mark clicked in the text)."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(DIFFERENCE_ROLE).key == d.key:
                self.list.setCurrentItem(item, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.list.scrollToItem(item)
                return

    def selected(self) -> list[Difference]:
        return [item.data(DIFFERENCE_ROLE) for item in self.list.selectedItems()]

    def lines(self) -> list[str]:
        """Each change as one line ("00:12:03 · Speaker 1 · ‘Smyth’ → ‘Smith’")."""
        return [self.list.item(i).text().replace("\n", " · ") for i in range(self.list.count())]

    def _clicked(self, item: QListWidgetItem) -> None:
        self.show_requested.emit(item.data(DIFFERENCE_ROLE))

    def _revert_selected(self) -> None:
        chosen = self.selected()
        if chosen:
            self.revert_requested.emit(chosen)

    def _update_button(self) -> None:
        count = len(self.list.selectedItems())
        self.revert_button.setEnabled(count > 0)
        self.revert_button.setText("Re&vert" if count <= 1 else f"Re&vert {count}")


class ChangesFlow(QObject):
    """Binds the panel to the pane's session: refreshes after edits, jumps, reverts."""

    def __init__(self, panel: ChangesPanel, button: Any, show_words: Callable[[int, int], None],
                 play_word: Callable[[int], None], document: Callable[[], Any],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self._document = document  # the pane's TranscriptDocument (or None)
        self.button = button  # the header's checkable "Changes" button
        self._show_words = show_words
        self._play_word = play_word
        self.session: Any = None
        self._hooked: QObject | None = None  # the text's ChangeMarks whose clicks come here
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(REFRESH_MS)
        self._later.timeout.connect(self._compare_soon)
        panel.show_requested.connect(self.show)
        panel.revert_requested.connect(self.revert)
        button.toggled.connect(self._toggled)
        panel.mark_box.toggled.connect(lambda _on: self._mark(self.panel.rows()))
        panel.hide()  # until there is a change to show

    def bind(self, session: Any) -> None:
        # Bound slots, not lambdas: Qt drops them with this object, so a session that outlives
        # the pane (closing, saving) never calls into deleted widgets; a replaced one is unhooked.
        old, self.session = self.session, session
        if old is not None and old is not session:
            for signal, slot in self._hooks(old):
                with contextlib.suppress(RuntimeError, TypeError):  # already gone
                    signal.disconnect(slot)
        if session is not None and session is not old:
            for signal, slot in self._hooks(session):
                signal.connect(slot)
        self.refresh()

    def _hooks(self, session: Any) -> list[tuple[Any, Callable[..., None]]]:
        return [(session.changed, self._edited), (session.original_ready, self._compare_soon),
                (session.compared, self.show_comparison)]

    def _edited(self, _change: object) -> None:
        self._later.start()

    def _compare_soon(self) -> None:
        if self.session is not None:
            self.session.compare_soon()  # on a worker thread; compared → show_comparison

    def refresh(self) -> None:
        """Compare now, on this thread (after a revert, or the list being shown again)."""
        self.show_comparison(self.session.compare() if self.session is not None else None)

    def show_comparison(self, found: Any) -> None:
        """Fill the list from a Comparison of the current words (None: nothing to show)."""
        self._later.stop()
        session = self.session
        doc = self._document()
        if session is not None and (doc is None or doc.transcript is not session.transcript):
            found = None  # the pane shows another transcript already; its session follows
        rows: list[tuple[str, Difference]] = []
        if found is not None and session is not None:
            original = session.original()
            rows = [(_two_lines(describe_parts(d, session.transcript, original)), d)
                    for d in found.differences]
        self.panel.set_changes(rows)
        self.button.setText(f"Changes ({len(rows)})" if rows else "Changes")
        self.panel.setVisible(self.button.isChecked() and bool(rows))
        self._mark(rows)

    def _mark(self, rows: list[tuple[str, Difference]]) -> None:
        """Underline the changed words and put a wedge where words were removed, while "Mark
        in the text" is on; hovering either says what changed (``rows``: line, change)."""
        doc = self._document()
        if doc is None:
            return
        ranges: list[tuple[int, int]] = []
        marks: list[ChangeMark] = []
        if self.panel.mark_box.isChecked() and self.button.isChecked():
            for line, d in rows:
                span = _mark_span(doc, d)
                if span is None:
                    continue
                removal = d.kind == DELETED
                if not removal:
                    ranges.append(span)
                marks.append(ChangeMark(*span, line.replace("\n", " · "), d, removal))
        doc.view.mark_changes(ranges)
        overlay = doc.view.change_marks
        if overlay is not self._hooked:  # a new view for each transcript shown
            overlay.clicked.connect(self._mark_clicked)
            self._hooked = overlay
        overlay.set_marks(marks)

    def _mark_clicked(self, d: Difference) -> None:
        """A wedge or a changed word was clicked: select that change in the list."""
        self.panel.select(d)
        if d.kind == DELETED:
            self._show_words(d.first, d.last)  # the caret where the words were

    def at_word(self, index: int) -> Difference | None:
        """The text change holding word ``index`` (for the text's context menu)."""
        found = self.session.compare() if self.session is not None else None
        return difference_at(found.differences, index) if found is not None else None

    def in_words(self, first: int, last: int) -> list[Difference]:
        """The text changes touching words ``first..last`` (a selection)."""
        found = self.session.compare() if self.session is not None else None
        if found is None:
            return []
        return [d for d in found.differences if d.kind in TEXT_KINDS
                and d.first <= last + (1 if d.kind == DELETED else 0) and first <= d.last]

    def show(self, d: Difference) -> None:
        if d.kind == RENAMED and d.first < 0:
            return
        self._show_words(d.first, d.last)
        if d.last >= d.first:
            self._play_word(d.first)

    def revert(self, chosen: list[Difference]) -> None:
        if self.session is not None and self.session.revert_changes(chosen):
            self.refresh()

    def _toggled(self, shown: bool) -> None:
        if shown:
            self.refresh()
        else:
            self.panel.hide()
            self._mark([])


class SideColumn(QObject):
    """The speakers list and the Changes list stacked in one column beside the text; the column
    hides when both are hidden (an empty splitter pane would keep its width)."""

    def __init__(self, body: QSplitter, speakers: QWidget, changes: ChangesPanel) -> None:
        super().__init__(body)
        index = body.indexOf(speakers)
        self.column = QSplitter(Qt.Orientation.Vertical)
        self.column.setObjectName("speakers_changes_splitter")
        body.replaceWidget(index, self.column)
        body.setStretchFactor(index, 1)
        self.column.addWidget(speakers)
        self.column.addWidget(changes)
        self.column.setStretchFactor(0, 1)
        self.column.setStretchFactor(1, 1)
        self._children = (speakers, changes)
        for child in self._children:
            child.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self.column.setVisible(any(not c.isHidden() for c in self._children))
        return False


def _mark_span(doc: Any, d: Difference) -> tuple[int, int] | None:
    """Document positions of a text change's words; a removal: where the words were (the
    start of the word after them, or the end of the paragraph they ended)."""
    if d.kind not in TEXT_KINDS:
        return None
    if d.last >= d.first:
        start, end = doc.word_range(d.first), doc.word_range(d.last)
        return (start[0], end[1]) if start is not None and end is not None else None
    words = doc.transcript.words if doc.transcript is not None else []
    after = doc.word_range(d.first) if d.first < len(words) else None
    before = doc.word_range(d.first - 1) if d.first > 0 else None
    firsts = doc.layout.firsts
    at = bisect.bisect_left(firsts, d.first)
    starts_paragraph = d.first >= len(words) or (at < len(firsts) and firsts[at] == d.first)
    if before is not None and (after is None or starts_paragraph):
        return before[1], before[1]
    return (after[0], after[0]) if after is not None else None


def reveal_words(pane: Any, first: int, last: int) -> None:
    """Select words ``first..last`` in the pane's text (a deletion: put the caret where the
    words were) and focus it."""
    doc = pane.document()
    if doc is None or doc.transcript is None or not doc.transcript.words:
        return
    count = len(doc.transcript.words)
    if last >= first:
        start, end = doc.word_range(first), doc.word_range(min(last, count - 1))
        span = (start[0], end[1]) if start is not None and end is not None else None
    else:
        at = doc.word_range(first) if first < count else doc.word_range(count - 1)
        position = None if at is None else (at[0] if first < count else at[1])
        span = None if position is None else (position, position)
    if span is None:
        return
    pane.tabs.setCurrentWidget(doc.view)
    doc.view.select_range(*span)
    doc.view.setFocus()


def attach_changes(pane: Any, body: QSplitter) -> ChangesFlow:
    """Put a Changes list under the pane's speakers list in ``body`` and bind it to the pane's
    header button, text and player (the pane calls ``flow.bind(session)``)."""
    panel = ChangesPanel(pane)
    SideColumn(body, pane.speakers, panel)
    return ChangesFlow(panel, pane.header.changes_button,
                       lambda first, last: reveal_words(pane, first, last),
                       pane.word_activated.emit, pane.document, pane)
