"""Speakers: the list beside the transcript (rename, merge, talk time, play a sample) and the
inline name editor that opens when a speaker's name is clicked in the text.

Widgets only: they emit intents (``rename_requested``, ``merge_requested``, ``sample_requested``)
that the pane turns into session edits or player requests. ``speaker_menu_requested(speaker,
menu)`` lets other features add their actions (e.g. "Remember this voice as…") to a speaker's
menu before it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smdesk.core.formatting import format_duration
from smdesk.core.transcript import Transcript
from smdesk.core.words import PUNCTUATION

SAMPLE_SECONDS = 8.0  # long enough to recognise a voice, short enough not to wait
SPEAKER_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    speaker: str
    name: str
    talk_seconds: float
    sample: tuple[float, float]  # a stretch of their speech to play
    words: int


def speaker_rows(transcript: Transcript) -> list[SpeakerRow]:
    """Per speaker (in order of appearance): name, talk time, a sample from their longest turn."""
    talk: dict[str, float] = {}
    counts: dict[str, int] = {}
    longest: dict[str, tuple[float, float, float]] = {}
    for paragraph in transcript.paragraphs():
        length = max(0.0, paragraph.end - paragraph.start)
        talk[paragraph.speaker] = talk.get(paragraph.speaker, 0.0) + length
        words = sum(1 for w in transcript.words[paragraph.first:paragraph.last + 1]
                    if w.kind != PUNCTUATION)
        counts[paragraph.speaker] = counts.get(paragraph.speaker, 0) + words
        best = longest.get(paragraph.speaker)
        if best is None or length > best[0]:
            longest[paragraph.speaker] = (length, paragraph.start, paragraph.end)
    rows = []
    for speaker in transcript.speakers():
        if speaker not in talk:
            continue
        _length, start, end = longest[speaker]
        rows.append(SpeakerRow(speaker, transcript.speaker_name(speaker), talk[speaker],
                               (start, min(end, start + SAMPLE_SECONDS)), counts[speaker]))
    return rows


class SpeakersPanel(QWidget):
    rename_requested = Signal(str, str)
    merge_requested = Signal(str, str)  # source, into
    sample_requested = Signal(float, float)
    speaker_menu_requested = Signal(str, QMenu)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Speakers")
        self._rows: list[SpeakerRow] = []
        self._filling = False
        self._can_play = True  # until the player says the recording cannot play
        title = QLabel("<b>Speakers</b>", self)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Speaker list")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Name", "Talk time"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.setEditTriggers(QTreeWidget.EditTrigger.DoubleClicked
                                  | QTreeWidget.EditTrigger.EditKeyPressed
                                  | QTreeWidget.EditTrigger.SelectedClicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.rename_button = QPushButton("Re&name", self)
        self.rename_button.setToolTip("Rename the selected speaker everywhere (F2)")
        self.sample_button = QPushButton("▶ Sa&mple", self)
        self.sample_button.setToolTip("Play a few seconds of this speaker")
        self.merge_button = QPushButton("Mer&ge into", self)
        self.merge_button.setToolTip("Same person: give all of this speaker's words to another")
        self.merge_menu = QMenu(self.merge_button)
        self.merge_button.setMenu(self.merge_menu)
        self.merge_menu.aboutToShow.connect(self._fill_merge_menu)
        self.rename_button.clicked.connect(self.start_rename)
        self.sample_button.clicked.connect(self._play_sample)
        # two rows, so the list stays narrow and leaves the width to the transcript at 1024 px
        buttons = QGridLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.rename_button, 0, 0)
        buttons.addWidget(self.sample_button, 0, 1)
        buttons.addWidget(self.merge_button, 1, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def set_speakers(self, rows: list[SpeakerRow], colors: dict[str, QColor] | None = None) -> None:
        current = self.current_speaker()
        self._rows = rows
        self._filling = True
        try:
            self.tree.clear()
            for row in rows:
                item = QTreeWidgetItem([row.name, format_duration(row.talk_seconds)])
                item.setData(0, SPEAKER_ROLE, row.speaker)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(0, f"{row.words} words · click to rename")
                if colors and row.speaker in colors:
                    item.setForeground(0, colors[row.speaker])
                self.tree.addTopLevelItem(item)
                if row.speaker == current:
                    self.tree.setCurrentItem(item)
        finally:
            self._filling = False
        self._update_buttons()

    def names(self) -> list[str]:
        return [row.name for row in self._rows]

    def current_speaker(self) -> str | None:
        item = self.tree.currentItem()
        return str(item.data(0, SPEAKER_ROLE)) if item is not None else None

    def select_speaker(self, speaker: str) -> None:
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is not None and item.data(0, SPEAKER_ROLE) == speaker:
                self.tree.setCurrentItem(item)

    def start_rename(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.tree.editItem(item, 0)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0:
            return
        speaker = str(item.data(0, SPEAKER_ROLE))
        row = next((r for r in self._rows if r.speaker == speaker), None)
        name = " ".join(item.text(0).split())
        if row is not None and name != row.name:
            self.rename_requested.emit(speaker, name)

    def _play_sample(self) -> None:
        speaker = self.current_speaker()
        row = next((r for r in self._rows if r.speaker == speaker), None)
        if row is not None:
            self.sample_requested.emit(*row.sample)

    def _fill_merge_menu(self) -> None:
        self.merge_menu.clear()
        source = self.current_speaker()
        for row in self._rows:
            if row.speaker != source and source is not None:
                action = self.merge_menu.addAction(row.name)
                action.triggered.connect(
                    lambda _=False, s=source, into=row.speaker: self.merge_requested.emit(s, into))

    def _context_menu(self, point: QPoint) -> None:
        item = self.tree.itemAt(point)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        speaker = str(item.data(0, SPEAKER_ROLE))
        menu = QMenu(self)
        menu.addAction("Rename…", self.start_rename)
        menu.addAction("Play a sample", self._play_sample).setEnabled(self._can_play)
        merge = menu.addMenu("Merge into")
        for row in self._rows:
            if row.speaker != speaker:
                action = merge.addAction(row.name)
                action.triggered.connect(
                    lambda _=False, into=row.speaker: self.merge_requested.emit(speaker, into))
        merge.setEnabled(len(self._rows) > 1)
        self.speaker_menu_requested.emit(speaker, menu)
        menu.popup(self.tree.viewport().mapToGlobal(point))

    def set_can_play(self, can_play: bool) -> None:
        """Whether the recording can play (a sample needs it)."""
        self._can_play = can_play
        self.sample_button.setToolTip("Play a few seconds of this speaker" if can_play else
                                      "The recording is not here to play: locate it first")
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current_speaker() is not None
        self.rename_button.setEnabled(chosen)
        self.sample_button.setEnabled(chosen and self._can_play)
        self.merge_button.setEnabled(chosen and len(self._rows) > 1)


class NameEditor(QLineEdit):
    """The inline editor shown over a speaker's name in the text: Enter renames, Esc cancels."""

    committed = Signal(str, str)  # speaker, new name

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName("Speaker name")
        self.setToolTip("The new name is used everywhere: text, exports, summary, translations")
        self._speaker = ""
        self.hide()

    def open_at(self, rect: QRect, speaker: str, name: str) -> None:
        self._speaker = speaker
        self.setText(name)
        width = max(rect.width(), self.fontMetrics().horizontalAdvance(name) + 60, 180)
        self.setGeometry(rect.x(), rect.y(), width, max(rect.height() + 6,
                                                        self.sizeHint().height()))
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.selectAll()

    def speaker(self) -> str:
        return self._speaker

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.hide()
            self.committed.emit(self._speaker, " ".join(self.text().split()))
            return
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        self.hide()
