"""Files macOS hands to the running app: Finder's "Open With", a drop on the Dock icon, a double
click on a type the Info.plist declares (packaging/macos/macos_plist.py). They arrive as
QFileOpenEvent on the application, not on the command line, so they are queued from here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent


class FileOpenForwarder(QObject):
    """Application event filter: queues opened files once the app is ready, in arrival order.

    macOS delivers the file a launch was for before the session has started, so paths are held
    until `ready()`.
    """

    def __init__(self, add_paths: Callable[[list[str]], None], parent: QObject | None = None):
        super().__init__(parent)
        self._add_paths = add_paths
        self._pending: list[str] | None = []

    def ready(self) -> None:
        pending, self._pending = self._pending or [], None
        if pending:
            self._add_paths(pending)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        path = event.file()
        if path:
            if self._pending is None:
                self._add_paths([path])
            else:
                self._pending.append(path)
        return True
