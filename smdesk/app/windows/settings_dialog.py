"""Settings: Speechmatics region or a custom URL, parallel jobs, server clean-up, API key.

Emits ``settings_accepted(AppSettings)`` with a copy of the settings it was given, changed only in
the fields shown here (window geometry, privacy acceptance and last options pass through).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from smdesk.app.widgets.inline_message import InlineMessage, Level
from smdesk.app.windows.dialog_size import fit_height
from smdesk.core.endpoints import REGIONS
from smdesk.store.settings import AppSettings, is_valid_endpoint

CUSTOM = "__custom__"
MIN_JOBS, MAX_JOBS = 1, 10


class SettingsDialog(QDialog):
    settings_accepted = Signal(object)  # AppSettings
    change_key_requested = Signal()

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle("Settings")
        self.region = QComboBox(self)
        for key, (name, url) in REGIONS.items():
            self.region.addItem(name, key)
            self.region.setItemData(self.region.count() - 1, url, Qt.ItemDataRole.ToolTipRole)
        self.region.addItem("Custom URL…", CUSTOM)
        self.region.setAccessibleName("Speechmatics region")
        self.region.setToolTip("Where your audio is processed. Choose the region of your "
                               "Speechmatics account, or a custom address for on-premises use.")
        self.custom_url = QLineEdit(self)
        self.custom_url.setPlaceholderText("https://example.com/v2")
        self.custom_url.setAccessibleName("Custom API address")
        self.custom_url.setToolTip("The batch API address, e.g. https://asr.example.com/v2")
        self.concurrency = QSpinBox(self)
        self.concurrency.setRange(MIN_JOBS, MAX_JOBS)
        self.concurrency.setAccessibleName("Files transcribed at the same time")
        self.concurrency.setToolTip("How many files are uploaded and transcribed in parallel.")
        self.delete_after = QCheckBox("&Delete files from the Speechmatics server after "
                                      "downloading the transcript", self)
        self.delete_after.setAccessibleName("Delete from server after download")
        self.delete_after.setToolTip("Otherwise Speechmatics keeps the audio and transcript "
                                     "for 7 days.")
        self.change_key = QPushButton("Change API &key…", self)
        self.change_key.setAccessibleName("Change API key")
        self.change_key.setToolTip("Enter a different Speechmatics API key")
        self.error = InlineMessage(self)
        form = QFormLayout()
        form.addRow("&Region:", self.region)
        form.addRow("Custom &URL:", self.custom_url)
        form.addRow("&Parallel jobs:", self.concurrency)
        form.addRow(self.delete_after)
        form.addRow("API key:", self.change_key)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.region.currentIndexChanged.connect(self._validate)
        self.custom_url.textChanged.connect(self._validate)
        self.change_key.clicked.connect(self.change_key_requested)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(480)
        self._load(settings)
        fit_height(self)

    def endpoint(self) -> str:
        key = self.region.currentData()
        return self.custom_url.text().strip() if key == CUSTOM else str(key)

    def current_settings(self) -> AppSettings:
        return dataclasses.replace(
            self._settings, endpoint=self.endpoint(), concurrency=self.concurrency.value(),
            delete_after_download=self.delete_after.isChecked())

    def error_text(self) -> str:
        return self.error.text()

    def _load(self, settings: AppSettings) -> None:
        index = self.region.findData(settings.endpoint)
        if index < 0:
            index = self.region.findData(CUSTOM)
            self.custom_url.setText(settings.endpoint if "://" in settings.endpoint else "")
        self.region.setCurrentIndex(index)
        self.concurrency.setValue(settings.concurrency)
        self.delete_after.setChecked(settings.delete_after_download)
        self._validate()

    def _validate(self) -> bool:
        custom = self.region.currentData() == CUSTOM
        self.custom_url.setEnabled(custom)
        problem = ""
        if custom:
            url = self.custom_url.text().strip()
            if not url:
                problem = "Enter the custom API address, e.g. https://asr.example.com/v2."
            elif not is_valid_endpoint(url) or "://" not in url:
                problem = (f"'{url}' is not a usable address; enter an https:// URL "
                           "(http:// only for this computer).")
        self.error.show_messages([problem] if problem else [], Level.ERROR)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)
        return not problem

    def _accept(self) -> None:
        if not self._validate():
            return
        self.settings_accepted.emit(self.current_settings())
        self.accept()
