"""Asked before an export replaces files that are already there ("3 files already exist…").

A DOCX exported last week may have been edited in Word since: replacing it without a word
loses that work. The question is a QMessageBox shown with ``open()`` (no nested event loop);
``answered(replace)`` says what the user chose (closing it is "Cancel").
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

LISTED = 6  # file names shown; the rest are counted


def replace_text(paths: Sequence[Path]) -> tuple[str, str]:
    """(question, details): "2 files already exist in /out." and the names, one a line."""
    paths = sorted(paths)
    folders = {path.parent for path in paths}
    where = f" in {next(iter(folders))}" if len(folders) == 1 else ""
    count = len(paths)
    if count == 1:
        question = f"A file already exists{where}. Replace it with this export?"
    else:
        question = f"{count} files already exist{where}. Replace them with this export?"
    names = [path.name if where else str(path) for path in paths[:LISTED]]
    if count > LISTED:
        names.append(f"… and {count - LISTED} more")
    return question, "\n".join(names)


class ReplaceQuestion(QObject):
    answered = Signal(bool)  # True: replace them

    def __init__(self, parent: QWidget, paths: Sequence[Path]) -> None:
        super().__init__(parent)
        question, names = replace_text(paths)
        self.box = QMessageBox(QMessageBox.Icon.Warning, "Replace existing files?", question,
                               QMessageBox.StandardButton.Cancel, parent)
        self.box.setInformativeText(names)
        self.replace_button = self.box.addButton("&Replace", QMessageBox.ButtonRole.AcceptRole)
        self.box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter keeps the files
        self.box.finished.connect(self._finished)

    def open(self) -> None:
        self.box.open()

    def _finished(self, _result: int) -> None:
        self.answered.emit(self.box.clickedButton() is self.replace_button)
        self.box.deleteLater()
        self.deleteLater()
