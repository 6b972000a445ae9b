"""Files macOS opens with smdesk (Finder "Open With", Dock drops) reach the queue."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from smdesk.app.file_open import FileOpenForwarder


def test_files_opened_before_start_are_queued_once_ready_then_directly(
    qapp: QApplication, tmp_path: Path
) -> None:
    queued: list[list[str]] = []
    forwarder = FileOpenForwarder(queued.append)
    qapp.installEventFilter(forwarder)
    try:
        first, second, third = (str(tmp_path / f"{n}.m4a") for n in ("a", "b", "c"))
        QCoreApplication.sendEvent(qapp, QFileOpenEvent(first))
        QCoreApplication.sendEvent(qapp, QFileOpenEvent(QUrl.fromLocalFile(second)))
        assert queued == []  # the session has not started yet
        forwarder.ready()
        assert queued == [[first, second]]
        QCoreApplication.sendEvent(qapp, QFileOpenEvent(third))
        assert queued == [[first, second], [third]]
    finally:
        qapp.removeEventFilter(forwarder)
