"""The "Known voices" window: what a voice identifier is, the list, rename and delete.

It renders the controller's list and emits intents; every dialog is opened with ``open()``.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smdesk.app.widgets.inline_message import InlineMessage, Level
from smdesk.core.voices import VOICE_ID_SENTENCE
from smdesk.store.voices import VoiceRecord

EMPTY_TEXT = (
    "No known voices yet. In a finished transcript, right-click a speaker's paragraph and "
    "choose “Remember this voice as…”."
)


def describe(voice: VoiceRecord) -> str:
    count = len(voice.identifiers)
    added = time.strftime("%d %b %Y", time.localtime(voice.created_at))
    ids = "1 voice identifier" if count == 1 else f"{count} voice identifiers"
    return f"{voice.name} — {ids}, since {added}"


class KnownVoicesWindow(QWidget):
    rename_requested = Signal(int, str)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Known voices")
        self.setAccessibleName("Known voices")
        self.explanation = QLabel(VOICE_ID_SENTENCE, self)
        self.explanation.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Known voices")
        self.empty = QLabel(EMPTY_TEXT, self)
        self.empty.setWordWrap(True)
        self.message = InlineMessage(self)
        self.rename_button = QPushButton("&Rename…", self)
        self.delete_button = QPushButton("&Delete…", self)
        close = QPushButton("Close", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.rename_button.clicked.connect(self._ask_rename)
        self.delete_button.clicked.connect(self._ask_delete)
        self.list.itemDoubleClicked.connect(lambda _item: self._ask_rename())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        close.clicked.connect(self.close)
        self.resize(520, 360)
        self.show_voices([])

    # ---- rendering -------------------------------------------------------------------------
    def show_voices(self, voices: list[VoiceRecord]) -> None:
        selected = self.selected_id()
        self.list.clear()
        for voice in voices:
            item = QListWidgetItem(describe(voice))
            item.setData(Qt.ItemDataRole.UserRole, voice.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, voice.name)
            self.list.addItem(item)
            if voice.id == selected:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.empty.setVisible(not voices)
        self.list.setVisible(bool(voices))
        self._update_buttons()

    def show_error(self, text: str) -> None:
        self.message.show_messages([text], Level.ERROR)

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _selected_name(self) -> str:
        item = self.list.currentItem()
        return "" if item is None else str(item.data(Qt.ItemDataRole.UserRole + 1))

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        self.rename_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    # ---- intents ---------------------------------------------------------------------------
    def _ask_rename(self) -> None:
        voice_id, name = self.selected_id(), self._selected_name()
        if voice_id is None:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Rename voice")
        dialog.setLabelText(f"New name for {name}:")
        dialog.setTextValue(name)
        dialog.textValueSelected.connect(lambda text: self._rename(voice_id, text))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _rename(self, voice_id: int, text: str) -> None:
        self.message.show_messages([])
        self.rename_requested.emit(voice_id, text)

    def _ask_delete(self) -> None:
        voice_id, name = self.selected_id(), self._selected_name()
        if voice_id is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question, "Delete voice",
            f"Delete {name}? Its voice identifiers are removed from this computer; transcripts "
            "keep the name they already have.",
            QMessageBox.StandardButton.Cancel, self,
        )  # fmt: skip
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda _result: self.delete_requested.emit(voice_id)
            if box.clickedButton() is delete else None
        )
        box.finished.connect(box.deleteLater)
        box.open()
