"""Before the first upload: say what leaves the machine, where it goes and how long it stays.

Emits ``decided(accepted, delete_after_download)`` exactly once, whether the user uploads,
cancels, presses Esc or closes the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from smdesk.app.windows.dialog_size import fit_height


class PrivacyNoticeDialog(QDialog):
    decided = Signal(bool, bool)

    def __init__(self, endpoint_label: str, delete_after_download: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._decided = False
        self.setWindowTitle("Before your first upload")
        self.notice = QLabel(
            "Your audio file and the options you chose are uploaded to the Speechmatics server "
            f"“{endpoint_label}” to be transcribed, and Speechmatics keeps the file and its "
            "transcript for 7 days before deleting them.", self)
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setAccessibleName("What is uploaded")
        self.delete_after = QCheckBox(
            "&Delete them from the server as soon as the transcript is downloaded", self)
        self.delete_after.setChecked(delete_after_download)
        self.delete_after.setAccessibleName("Delete from server after download")
        self.delete_after.setToolTip("You can change this later in Settings.")
        self.buttons = QDialogButtonBox(self)
        self.upload_button = self.buttons.addButton("&Upload and transcribe",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.upload_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.delete_after)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(460)
        fit_height(self)

    def done(self, result: int) -> None:
        # accept(), reject(), Esc and the close button all end here: decide exactly once
        if not self._decided:
            self._decided = True
            accepted = int(result) == QDialog.DialogCode.Accepted.value
            self.decided.emit(accepted, self.delete_after.isChecked())
        super().done(result)
