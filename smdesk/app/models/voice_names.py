"""The names of the known voices, shared by every options panel (the controller fills it)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from smdesk.core.voices import rename_voice_in


class VoiceNames(QObject):
    changed = Signal(list)  # list[str]
    renamed = Signal(str, str)  # old name, new name: choices made by the old name follow it

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def set_names(self, names: list[str]) -> None:
        if names != self.names:
            self.names = list(names)
            self.changed.emit(list(self.names))

    def rename(self, old: str, new: str) -> None:
        """A voice was renamed: tell every choice first, then show the new list."""
        self.renamed.emit(old, new)
        self.set_names(rename_voice_in(self.names, old, new) or self.names)


_SHARED: VoiceNames | None = None


def shared_voice_names() -> VoiceNames:
    """One list per application: panels created later see the names loaded earlier."""
    global _SHARED
    if _SHARED is None:
        _SHARED = VoiceNames()
    return _SHARED
