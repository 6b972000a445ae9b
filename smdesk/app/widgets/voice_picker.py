"""A compact "Recognise known voices" control: off, all, or the ones ticked in a menu."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QMenu, QToolButton, QWidget

from smdesk.app.models.voice_names import shared_voice_names
from smdesk.core.voices import RECOGNISE_MODES, rename_voice_in

NO_VOICES_TIP = (
    "No known voices yet. In a finished transcript, right-click a speaker's name and choose "
    "Remember this voice as…; later jobs can then name that speaker."
)
VOICES_TIP = "Name the speakers Speechmatics has heard before (Edit ▸ Known voices…)."


class VoicePicker(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QComboBox(self)
        for value, label in RECOGNISE_MODES.items():
            self.mode.addItem(label, value)
        self.mode.setAccessibleName("Recognise known voices")
        self.choose = QToolButton(self)
        self.choose.setText("Choose…")
        self.choose.setAccessibleName("Choose known voices")
        self.choose.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.choose)
        self.choose.setMenu(self.menu)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.mode, 1)
        row.addWidget(self.choose)
        self._chosen: list[str] = []
        self._names: list[str] = []
        self.mode.currentIndexChanged.connect(self._mode_changed)
        names = shared_voice_names()
        names.changed.connect(self.set_voice_names)
        names.renamed.connect(self.rename_voice)
        self.set_voice_names(names.names)

    def choice(self) -> tuple[str, list[str]]:
        return str(self.mode.currentData()), list(self._chosen)

    def set_choice(self, mode: str, chosen: list[str]) -> None:
        self._chosen = list(chosen)
        index = self.mode.findData(mode)
        self.mode.blockSignals(True)
        self.mode.setCurrentIndex(max(index, 0))
        self.mode.blockSignals(False)
        self._rebuild_menu()

    def rename_voice(self, old: str, new: str) -> None:
        """Keep a voice chosen when it is renamed in Known voices (choices are by name)."""
        renamed = rename_voice_in(self._chosen, old, new)
        if renamed is not None:
            self._chosen = renamed
            self._rebuild_menu()
            self.changed.emit()

    def set_voice_names(self, names: list[str]) -> None:
        self._names = list(names)
        self.mode.setToolTip(VOICES_TIP if names else NO_VOICES_TIP)
        self._rebuild_menu()

    def summary(self) -> str:
        mode, chosen = self.choice()
        return ", ".join(chosen) if mode == "chosen" else self.mode.currentText()

    def _rebuild_menu(self) -> None:
        self.menu.clear()
        folded = {c.casefold() for c in self._chosen}
        # chosen voices that were deleted stay listed (unticking them is the user's call)
        names = self._names + [c for c in self._chosen if c.casefold() not in
                               {n.casefold() for n in self._names}]  # fmt: skip
        for name in names:
            action = self.menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(name.casefold() in folded)
            action.toggled.connect(lambda on, n=name: self._toggle(n, on))
        self.choose.setEnabled(bool(names) and self.isEnabled())
        self.choose.setVisible(self.mode.currentData() == "chosen")

    def _toggle(self, name: str, on: bool) -> None:
        kept = [c for c in self._chosen if c.casefold() != name.casefold()]
        self._chosen = [*kept, name] if on else kept
        self.changed.emit()

    def _mode_changed(self, _index: int) -> None:
        self._rebuild_menu()
        self.changed.emit()
