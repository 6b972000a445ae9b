"""The "New transcription" sheet: options for the files just added, with named presets.

Opened (never exec()'d) when files are added, and reused for three other purposes: changing the
options of a queued job before it starts, transcribing a finished file again with other options
(after saying that this is billed again), and setting the options used when files are added
without asking. It only renders and emits ``confirmed(JobOptions)``; the window decides what the
options are for.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smdesk.app.widgets.inline_message import InlineMessage, Level
from smdesk.app.widgets.options_panel import OptionsPanel
from smdesk.core.formatting import format_duration
from smdesk.core.options import JobOptions
from smdesk.core.presets import (
    BUILTIN_PRESETS,
    LAST_USED,
    PresetError,
    apply_preset,
    check_preset_name,
    matching_preset,
    preset_names,
)

SHOWN_FILE_NAMES = 4
CUSTOM = "Custom"


class Purpose(enum.Enum):
    NEW_FILES = "new"
    EDIT_QUEUED = "edit"
    RUN_AGAIN = "again"
    DEFAULTS = "defaults"


def files_sentence(paths: Sequence[str], folders: frozenset[str] = frozenset()) -> str:
    """ "2 files: a.m4a, b.wav" / "1 folder and 1 file: Interviews (folder), notes.m4a"."""
    def name(path: str) -> str:
        shown = Path(path).name or path
        return f"{shown} (folder)" if path in folders else shown

    names = [name(p) for p in paths[:SHOWN_FILE_NAMES]]
    more = len(paths) - len(names)
    listed = ", ".join(names) + (f" and {more} more" if more else "")
    n_folders = sum(p in folders for p in paths)
    n_files = len(paths) - n_folders
    parts = [f"{n} {word}{'' if n == 1 else 's'}"
             for n, word in ((n_folders, "folder"), (n_files, "file")) if n]
    return f"{' and '.join(parts)}: {listed}"


def billed_again_sentence(file_name: str, duration: float | None) -> str:
    length = f" ({format_duration(duration)} of audio)" if duration else ""
    return (f"This sends {file_name} to Speechmatics again{length} and is billed again; the "
            "earlier transcript stays in the list.")


class NewTranscriptionDialog(QDialog):
    confirmed = Signal(object)  # JobOptions
    presets_changed = Signal(dict)  # the user's presets, name -> options JSON

    def __init__(
        self,
        purpose: Purpose,
        options: JobOptions,
        last_used: JobOptions,
        user_presets: dict[str, str],
        *,
        paths: Sequence[str] = (),
        folders: frozenset[str] = frozenset(),
        duration: float | None = None,
        ask_on_add: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.purpose = purpose
        self.paths = list(paths)
        self._folders = folders  # which paths are folders (searched for recordings when queued)
        self._last_used = last_used
        self._user_presets = dict(user_presets)
        self._build_ui(duration, ask_on_add)
        self.panel.set_options(options)
        self._fill_presets()
        self._connect()

    # -- public -------------------------------------------------------------------------------
    def options(self) -> JobOptions:
        return self.panel.options()

    def add_paths(self, paths: Sequence[str], folders: frozenset[str] = frozenset()) -> None:
        """More files added while the sheet is open join this batch."""
        self.paths += [p for p in paths if p not in self.paths]
        self._folders |= folders
        self._update_texts()

    def ask_on_add(self) -> bool:
        return self.ask_checkbox.isChecked()

    def choose_preset(self, name: str) -> None:
        """Pick a preset as the user would from the list."""
        index = self.preset.findText(name)
        if index < 0:
            raise KeyError(name)
        self.preset.setCurrentIndex(index)
        self._on_preset(index)

    def save_preset(self, name: str) -> None:
        """Keep the options shown now as a preset called ``name`` (its problems shown inline)."""
        try:
            cleaned = check_preset_name(name, self._user_presets)
        except PresetError as exc:
            self.notice.show_message(str(exc), Level.WARNING)
            return
        self._user_presets[cleaned] = self.options().to_json()
        self.presets_changed.emit(dict(self._user_presets))
        self._fill_presets()
        self.notice.show_message(f"Saved the preset “{cleaned}”.", Level.INFO)

    def delete_preset(self) -> None:
        name = self.preset.currentText()
        if self._user_presets.pop(name, None) is not None:
            self.presets_changed.emit(dict(self._user_presets))
            self._fill_presets()
            self.notice.show_message(f"Deleted the preset “{name}”.", Level.INFO)

    # -- construction -------------------------------------------------------------------------
    def _build_ui(self, duration: float | None, ask_on_add: bool) -> None:
        self.setObjectName("new_transcription")
        self.setModal(True)
        self.files_label = QLabel(self)
        self.files_label.setWordWrap(True)
        self.files_label.setAccessibleName("Files")
        self.billing = InlineMessage(self)
        if self.purpose is Purpose.RUN_AGAIN and self.paths:
            self.billing.show_message(
                billed_again_sentence(Path(self.paths[0]).name, duration), Level.WARNING)
        self.preset = QComboBox(self)
        self.preset.setAccessibleName("Preset")
        self.preset.setToolTip("Start from a preset, then change anything below.")
        self.save_button = QPushButton("Save as pre&set…", self)
        self.delete_button = QPushButton("&Delete preset", self)
        preset_label = QLabel("&Preset:", self)
        preset_label.setBuddy(self.preset)
        preset_row = QHBoxLayout()
        preset_row.addWidget(preset_label)
        preset_row.addWidget(self.preset, 1)
        preset_row.addWidget(self.save_button)
        preset_row.addWidget(self.delete_button)
        self.panel = OptionsPanel(self)
        self.notice = InlineMessage(self)
        self.ask_checkbox = QCheckBox("Show these options whenever I add &files", self)
        self.ask_checkbox.setChecked(ask_on_add)
        self.ask_checkbox.setToolTip("Off: added files are queued at once with the options last "
                                     "used (File → Options for new files… changes them).")
        self.ask_checkbox.setVisible(self.purpose in (Purpose.NEW_FILES, Purpose.DEFAULTS))
        self.ok_button = QPushButton(self)
        self.ok_button.setDefault(True)
        cancel = QPushButton("Cancel", self)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ask_checkbox)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files_label)
        layout.addWidget(self.billing)
        layout.addLayout(preset_row)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self._update_texts()

    def _update_texts(self) -> None:
        count = len(self.paths)
        files = "1 file" if count == 1 else f"{count} files"
        if self._folders & set(self.paths):  # a folder's recordings are counted when queued
            files = "them"
        titles = {
            Purpose.NEW_FILES: ("New transcription", f"&Transcribe {files}"),
            Purpose.EDIT_QUEUED: ("Options for a queued file", "&Save options"),
            Purpose.RUN_AGAIN: ("Transcribe again", "&Transcribe again"),
            Purpose.DEFAULTS: ("Options for new files", "&Save options"),
        }
        title, button = titles[self.purpose]
        self.setWindowTitle(title)
        self.ok_button.setText(button)
        self.ok_button.setAccessibleName(button.replace("&", ""))
        self.files_label.setText(files_sentence(self.paths, self._folders) if self.paths else
                                 "Used for files added while this window is closed.")

    def _connect(self) -> None:
        self.preset.activated.connect(self._on_preset)
        self.panel.options_changed.connect(self._sync_preset)
        self.save_button.clicked.connect(self._ask_preset_name)
        self.delete_button.clicked.connect(self.delete_preset)
        self.ok_button.clicked.connect(self._confirm)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        # the options scroll inside; the sheet never grows past the screen (1024×700 included),
        # and after growing it is centred again over the window and kept on the screen
        self.resize(min(max(self.width(), 560), area.width()),
                    min(max(self.height(), 640), area.height() - 40))
        parent = self.parentWidget()
        centre = parent.frameGeometry().center() if parent is not None else area.center()
        frame = self.frameGeometry()
        frame.moveCenter(centre)
        frame.moveTop(max(area.top(), min(frame.top(), area.bottom() - frame.height())))
        frame.moveLeft(max(area.left(), min(frame.left(), area.right() - frame.width())))
        self.move(frame.topLeft())

    # -- reactions ----------------------------------------------------------------------------
    def _fill_presets(self) -> None:
        self.preset.blockSignals(True)
        self.preset.clear()
        for name in preset_names(self._user_presets):
            self.preset.addItem(name)
        self.preset.addItem(CUSTOM)
        self.preset.blockSignals(False)
        self._sync_preset()

    def _on_preset(self, index: int) -> None:
        name = self.preset.itemText(index)
        if name == CUSTOM:
            return
        self.panel.set_options(apply_preset(name, self._last_used, self._user_presets))
        self._sync_preset()

    def _sync_preset(self) -> None:
        """The picker names the preset the shown options are, or says Custom."""
        name = matching_preset(self.options(), self._last_used, self._user_presets) or CUSTOM
        self.preset.setCurrentIndex(self.preset.findText(name))
        deletable = name in self._user_presets
        self.delete_button.setEnabled(deletable)
        self.delete_button.setToolTip("" if deletable else "Only your own presets can be deleted.")
        self.ok_button.setEnabled(not any(i.blocking for i in self.options().issues()))

    def _ask_preset_name(self) -> None:
        ask = QInputDialog(self)
        ask.setWindowTitle("Save as preset")
        ask.setLabelText("Name of the preset:")
        current = self.preset.currentText()
        if current not in (CUSTOM, LAST_USED, *BUILTIN_PRESETS):
            ask.setTextValue(current)
        ask.textValueSelected.connect(self.save_preset)
        ask.finished.connect(ask.deleteLater)
        ask.open()

    def _confirm(self) -> None:
        problems = self.options().validate()
        if problems:
            self.notice.show_message("Fix the options first: " + " ".join(problems), Level.ERROR)
            return
        self.confirmed.emit(self.options())
        self.accept()
