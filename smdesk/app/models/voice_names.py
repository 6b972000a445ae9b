"""The names of the known voices, shared by every options panel (the controller fills it)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class VoiceNames(QObject):
    changed = Signal(list)  # list[str]

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def set_names(self, names: list[str]) -> None:
        if names != self.names:
            self.names = list(names)
            self.changed.emit(list(self.names))


_SHARED: VoiceNames | None = None


def shared_voice_names() -> VoiceNames:
    """One list per application: panels created later see the names loaded earlier."""
    global _SHARED
    if _SHARED is None:
        _SHARED = VoiceNames()
    return _SHARED
