"""DropZone: where files and folders are dropped, with "Add files…" / "Add folder…" buttons.

It only collects local paths and emits intents; checking the files (and refusing unsupported
ones with a reason) is the JobsController's job.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

IDLE_TEXT = "Drop audio or video files or folders here"
HOVER_TEXT = "Release to add them to the queue"


def local_paths(mime: QMimeData) -> list[str]:
    """Local file paths in a drag (remote URLs are not files we can upload)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class DropZone(QFrame):
    paths_dropped = Signal(list)  # list[str]
    add_files_requested = Signal()
    add_folder_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Sunken)
        self.setAutoFillBackground(True)
        self.setAccessibleName("Drop zone")
        self.setAccessibleDescription(
            "Drop audio or video files or folders here, or use the Add files and Add folder buttons"
        )
        self.label = QLabel(IDLE_TEXT, self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.label.setWordWrap(True)
        self.btn_add_files = QPushButton("Add files…", self)
        self.btn_add_files.setAccessibleName("Add files")
        self.btn_add_files.clicked.connect(self.add_files_requested)
        self.btn_add_folder = QPushButton("Add folder…", self)
        self.btn_add_folder.setAccessibleName("Add folder")
        self.btn_add_folder.clicked.connect(self.add_folder_requested)

        # one compact row: the queue and the transcript need the height more
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.btn_add_files)
        layout.addWidget(self.btn_add_folder)
        self.setMinimumHeight(self.sizeHint().height() + 16)
        self._set_hover(False)

    def _set_hover(self, hover: bool) -> None:
        # palette roles only, so light and dark schemes both look right
        self.setBackgroundRole(
            QPalette.ColorRole.Highlight if hover else QPalette.ColorRole.AlternateBase
        )
        self.label.setForegroundRole(
            QPalette.ColorRole.HighlightedText if hover else QPalette.ColorRole.WindowText
        )
        self.label.setText(HOVER_TEXT if hover else IDLE_TEXT)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
            self._set_hover(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        self._set_hover(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self._set_hover(False)
        paths = local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.paths_dropped.emit(paths)
