"""File ▸ Export as text / subtitles: one file of the open transcript, saved where the user says
(of the translation instead while a translation's tab is shown: what is on screen is exported).

A shortcut into the one export path, not a second one: the file is rendered by
``core.export.render`` with the export dialog's remembered choices (speaker names, timestamps,
summary, subtitle rules) and written atomically, so it is byte for byte what the dialog would
write. The outcome is one sentence (status bar; the pane's message strip when it failed). The
save dialog is opened with ``open()`` (no nested event loop under qasync): the file is written
when a path is chosen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from smdesk.core.export import ExportFormat, ExportMeta, file_name, render
from smdesk.core.export.bundle import safe_file_stem, source_stem
from smdesk.core.export.preferences import ExportPreferences
from smdesk.core.languages import language_name
from smdesk.core.transcript import Transcript
from smdesk.store.atomic import atomic_write_bytes

# (title, default path, filter, then): calls ``then(path)`` once a path is chosen, never if not
SavePathChooser = Callable[[str, str, str, Callable[[str], object]], None]
Outcome = Callable[[str, bool], None]  # (sentence, is_error)


def format_name(fmt: ExportFormat) -> str:
    """ "SubRip subtitles (.srt)" → "SubRip subtitles"."""
    return fmt.label.split(" (")[0]


def default_export_path(source_path: str | None, title: str, fmt: ExportFormat,
                        fallback_dir: Path | None = None, translation: str | None = None) -> Path:
    """The recording's folder and name with the format's extension (interview.m4a →
    interview.txt, or interview.es.txt for a translation); without a usable recording,
    ``fallback_dir`` (home) and a safe title."""
    home = fallback_dir or Path.home()
    if source_path:
        source = Path(source_path)
        folder = source.parent if source.parent.is_dir() else home
        return folder / file_name(source_stem(source.name), fmt, translation)
    stem = safe_file_stem(Path(title).stem if "." in title else title)
    return home / file_name(stem, fmt, translation)


def with_extension(path: str, fmt: ExportFormat) -> Path:
    """Add the format's extension when the user typed a name without it."""
    chosen = Path(path)
    ending = f".{fmt.extension}"
    return chosen if chosen.name.lower().endswith(ending) else chosen.with_name(
        chosen.name + ending)


class QuickExport:
    def __init__(self, parent: QWidget, outcome: Outcome) -> None:
        self._parent = parent
        self._outcome = outcome
        self.choose_save_path: SavePathChooser = self._ask_save_path

    def export(self, transcript: Transcript, fmt: ExportFormat, prefs: ExportPreferences, *,
               title: str, source_path: str | None, translation: str | None = None) -> None:
        """Ask for a path; once one is chosen, write ``fmt`` there (the outcome says how it went).
        ``translation``: that language instead of the transcript's own words (the tab shown).
        The window is modal while asking, so the transcript is written as it is then."""
        default = default_export_path(source_path, title, fmt, translation=translation)
        name = format_name(fmt)
        what = f" ({language_name(translation)})" if translation else ""
        self.choose_save_path(f"Export as {name}{what}", str(default),
                              f"{name} (*.{fmt.extension})",
                              lambda chosen: self.write(chosen, transcript, fmt, prefs, title,
                                                        translation))

    def write(self, chosen: str, transcript: Transcript, fmt: ExportFormat,
              prefs: ExportPreferences, title: str,
              translation: str | None = None) -> Path | None:
        """Render and write atomically; the path written, or None (said in one sentence)."""
        if not chosen:
            return None
        path = with_extension(chosen, fmt)
        choices = dataclasses.replace(prefs.choices, translation=translation)
        meta = ExportMeta(title=Path(title).stem, source_name=title)
        try:
            atomic_write_bytes(path, render(transcript, fmt, choices, meta))
        except (ValueError, OSError) as exc:  # AtomicWriteError: one sentence naming the file
            self._outcome(str(exc), True)
            return None
        self._outcome(f"Exported to {path}", False)
        return path

    def _ask_save_path(self, title: str, default: str, file_filter: str,
                       then: Callable[[str], object]) -> None:
        dialog = QFileDialog(self._parent, title, default, file_filter)
        dialog.setObjectName("quick_export_dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(then)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
