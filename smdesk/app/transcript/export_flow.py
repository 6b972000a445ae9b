"""The pane's quick exports (TXT / SRT / VTT / a translation as text), moved out of the pane.

Asks for a path, renders through controllers/export.py and writes atomically; the outcome is one
sentence for the pane's message strip and status bar. (The export dialog of issue 7 replaces
the menu; this flow stays the pane's one call site.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from smdesk.app.controllers.export import (
    ExportError,
    ExportFormat,
    default_export_path,
    render,
    with_suffix,
    write_export,
)
from smdesk.app.transcript.export_menu import ExportMenu
from smdesk.core.languages import language_name
from smdesk.core.transcript import Transcript

SavePathChooser = Callable[[str, str, str], str | None]  # (title, default path, filter) -> path
Outcome = Callable[[str, bool], None]  # (sentence, is_error)


class ExportFlow:
    def __init__(self, parent: QWidget, menu: ExportMenu, outcome: Outcome) -> None:
        self._parent = parent
        self._menu = menu
        self._outcome = outcome
        self.choose_save_path: SavePathChooser = self._ask_save_path
        self.transcript: Transcript | None = None
        self.title = ""
        self.source_path: str | None = None
        self.srt = (37, 2)

    def export(self, fmt: ExportFormat, translation: str | None = None) -> Path | None:
        t = self.transcript
        if t is None:
            return None
        default = default_export_path(self.source_path, self.title, fmt, tag=translation or "")
        what = f"{language_name(translation)} translation" if translation else fmt.label
        chosen = self.choose_save_path(f"Export {what}", str(default), fmt.file_filter)
        if not chosen:
            return None
        path = with_suffix(chosen, fmt)
        text = render(t, fmt, self._menu.choices(self.srt, translation))
        try:
            write_export(path, text)
        except ExportError as exc:
            self._outcome(str(exc), True)
            return None
        self._outcome(f"Exported to {path}", False)
        return path

    def _ask_save_path(self, title: str, default: str, file_filter: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self._parent, title, default, file_filter)
        return path or None
