"""First-start dialog: enter a Speechmatics API key, or try the app with the local sandbox.

Shown with ``open()`` (never ``exec()`` inside a coroutine). Saving emits ``key_submitted`` and
keeps the dialog open: the controller checks the key, calls ``set_busy`` meanwhile and either
closes the dialog (``accept()``) or calls ``show_error``. The key never leaves this widget except
through that signal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smdesk.app.widgets.inline_message import InlineMessage, Level
from smdesk.app.windows.dialog_size import fit_height

PORTAL_URL = "https://portal.speechmatics.com/"
WHAT_IS_SENT = (
    "smdesk sends your recordings to Speechmatics to be transcribed; the API key tells "
    "Speechmatics which account to use and bill.")
KEPT_IN_KEYRING = "It is kept in your system's keyring, never in a file."
KEPT_FOR_SESSION = ("This computer has no system keyring, so the key is used until you quit and "
                    "never written to a file.")


class ApiKeyDialog(QDialog):
    key_submitted = Signal(str)
    sandbox_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, keyring_available: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect to Speechmatics")
        self.setModal(True)
        # The intro never promises a keyring the warning below says is missing.
        kept = KEPT_IN_KEYRING if keyring_available else KEPT_FOR_SESSION
        intro = QLabel(f"{WHAT_IS_SENT} {kept}", self)
        intro.setWordWrap(True)
        self.intro_label = intro
        link = QLabel(f'Don\'t have a key? <a href="{PORTAL_URL}">Get one at '
                      'portal.speechmatics.com</a>.', self)
        link.setTextFormat(Qt.TextFormat.RichText)
        link.setOpenExternalLinks(True)
        link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        link.setAccessibleName("Get an API key at portal.speechmatics.com")
        self.link_label = link
        self.key_field = QLineEdit(self)
        self.key_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_field.setPlaceholderText("Paste your API key")
        self.key_field.setAccessibleName("API key")
        self.key_field.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData
                                           | Qt.InputMethodHint.ImhNoPredictiveText)
        self.reveal = QToolButton(self)
        self.reveal.setText("Show")
        self.reveal.setCheckable(True)
        self.reveal.setAccessibleName("Show API key")
        self.reveal.setToolTip("Show or hide the key while you check it")
        label = QLabel("API &key:", self)
        label.setBuddy(self.key_field)
        key_row = QHBoxLayout()
        key_row.addWidget(label)
        key_row.addWidget(self.key_field, 1)
        key_row.addWidget(self.reveal)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # indeterminate: the check is one request
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.setAccessibleName("Checking the key")
        self.progress_label = QLabel("Checking the key with Speechmatics…", self)
        self.error = InlineMessage(self)
        self.save_button = QPushButton("&Save key", self)
        self.save_button.setDefault(True)
        self.save_button.setAccessibleName("Save key")
        self.save_button.setToolTip("Check the key with Speechmatics and keep it in the keyring"
                                    if keyring_available else
                                    "Check the key with Speechmatics and use it until you quit")
        self.sandbox_button = QPushButton("&Try without an account", self)
        self.sandbox_button.setAccessibleName("Try without an account")
        self.sandbox_button.setToolTip(
            "Use a built-in practice server on this computer: nothing is uploaded, and only the "
            "bundled sample interview gives a real transcript.")
        buttons = QHBoxLayout()
        buttons.addWidget(self.sandbox_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(link)
        layout.addSpacing(6)
        layout.addLayout(key_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setTabOrder(self.key_field, self.reveal)
        self.setTabOrder(self.reveal, self.save_button)
        self.setTabOrder(self.save_button, self.sandbox_button)
        self.reveal.toggled.connect(self._on_reveal)
        self.key_field.textChanged.connect(self._update_buttons)
        self.key_field.returnPressed.connect(self._submit)
        self.save_button.clicked.connect(self._submit)
        self.sandbox_button.clicked.connect(self._choose_sandbox)
        self.setMinimumWidth(500)
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        """While the controller checks the key: show progress, block editing and buttons."""
        self._busy = busy
        self.progress.setVisible(busy)
        self.progress_label.setVisible(busy)
        self.key_field.setReadOnly(busy)
        self.sandbox_button.setEnabled(not busy)
        if busy:
            self.error.clear()
        self._update_buttons()
        fit_height(self)

    def show_warning(self, message: str) -> None:
        """A notice above the buttons (no keyring, an expired key…), with the dialog re-fitted."""
        self.error.show_message(message, Level.WARNING)
        fit_height(self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        fit_height(self)  # at the real width: wrapped sentences are never clipped

    def is_busy(self) -> bool:
        return self._busy

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.show_message(message, Level.ERROR)
        fit_height(self)
        self.key_field.setFocus()
        self.key_field.selectAll()

    def error_text(self) -> str:
        return self.error.text()

    def _on_reveal(self, shown: bool) -> None:
        self.key_field.setEchoMode(QLineEdit.EchoMode.Normal if shown
                                   else QLineEdit.EchoMode.Password)
        self.reveal.setText("Hide" if shown else "Show")
        self.reveal.setAccessibleName("Hide API key" if shown else "Show API key")

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(not self._busy and bool(self.key_field.text().strip()))

    def _submit(self) -> None:
        key = self.key_field.text().strip()
        if self._busy or not key:
            return
        self.error.clear()
        self.key_submitted.emit(key)

    def _choose_sandbox(self) -> None:
        self.sandbox_requested.emit()
        self.accept()
