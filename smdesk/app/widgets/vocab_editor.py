"""Custom vocabulary editor: words or phrases with optional "sounds like" spellings.

Speechmatics' ``additional_vocab`` accepts up to 1000 entries per job and silently drops entries
longer than six words, so the editor warns about both while the user types or imports.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smdesk.app.widgets.inline_message import InlineMessage, Level
from smdesk.core.vocab import (
    MAX_VOCAB_ENTRIES,
    VocabEntry,
    entry_problems,
    parse_vocab_text,
    too_many_entries_message,
)

OpenPathChooser = Callable[[str, str], str | None]  # (title, filter) -> path or None


def _split_sounds_like(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ask_open_path(title: str, file_filter: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(None, title, str(Path.home()), file_filter)
    return path or None


class VocabEditor(QWidget):
    entries_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choose_open_path: OpenPathChooser = _ask_open_path
        self._table = QTableWidget(0, 2, self)
        # short titles: a centred title wider than its column is cut off at both ends
        self._table.setHorizontalHeaderLabels(["Word or phrase", "Sounds like"])
        sounds_like = self._table.horizontalHeaderItem(1)
        if sounds_like is not None:
            sounds_like.setToolTip("Other spellings of how it sounds, separated by commas")
        self._table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._table.verticalHeader().setVisible(False)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setAccessibleName("Custom vocabulary")
        self._table.setToolTip(
            "Names, places and jargon the transcription should spell your way. Add how a word "
            "sounds (e.g. 'Speechmatics' sounds like 'speech matics') when it is unusual."
        )
        self._table.setMinimumHeight(110)
        self._add = QPushButton("A&dd", self)
        self._add.setToolTip("Add an empty row")
        self._remove = QPushButton("Re&move", self)
        self._remove.setToolTip("Remove the selected rows")
        self._import = QPushButton("&Import…", self)
        self._import.setToolTip("Add entries from a text file: one per line, 'word' or "
                                "'word: sounds, like'")
        for button, name in ((self._add, "Add vocabulary row"), (self._remove, "Remove selected "
                             "vocabulary rows"), (self._import, "Import vocabulary from a file")):
            button.setAccessibleName(name)
        self._count = QLabel(self)
        self._warnings = InlineMessage(self)
        self._import_notes = InlineMessage(self)
        buttons = QHBoxLayout()
        for button in (self._add, self._remove, self._import):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self._count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._table)
        layout.addLayout(buttons)
        layout.addWidget(self._warnings)
        layout.addWidget(self._import_notes)
        self._add.clicked.connect(self.add_row)
        self._remove.clicked.connect(self._remove_selected)
        self._import.clicked.connect(self._ask_and_import)
        self._table.installEventFilter(self)  # Delete removes rows (not while editing a cell)
        self._table.itemChanged.connect(self._on_edited)
        self._table.itemSelectionChanged.connect(self._update_buttons)
        self._refresh()

    # -- public API -----------------------------------------------------------------------
    def entries(self) -> list[VocabEntry]:
        result: list[VocabEntry] = []
        for row in range(self._table.rowCount()):
            content = self._cell(row, 0).strip()
            if content:
                result.append(VocabEntry(content, _split_sounds_like(self._cell(row, 1))))
        return result

    def set_entries(self, entries: list[VocabEntry]) -> None:
        self._table.blockSignals(True)
        self._table.setRowCount(0)
        for entry in entries:
            self._append(entry)
        self._table.blockSignals(False)
        self._import_notes.clear()
        self._refresh()

    def add_row(self) -> None:
        self._table.blockSignals(True)
        self._append(VocabEntry(""))
        self._table.blockSignals(False)
        row = self._table.rowCount() - 1
        self._table.setCurrentCell(row, 0)
        item = self._table.item(row, 0)
        if item is not None and self.isVisible():
            self._table.editItem(item)
        self._refresh()

    def import_file(self, path: str) -> bool:
        """Append the entries of a vocabulary text file; say what was skipped. False on failure."""
        name = Path(path).name
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            self._import_notes.show_message(
                f"{name} is not a UTF-8 text file; save it as plain text (UTF-8) and import again.",
                Level.ERROR,
            )
            return False
        except OSError as exc:
            reason = exc.strerror or "it cannot be read"
            self._import_notes.show_message(
                f"Could not read {name}: {reason.lower()}; check the file and try again.",
                Level.ERROR,
            )
            return False
        parsed, warnings = parse_vocab_text(text)
        known = {entry.content for entry in self.entries()}
        fresh = [entry for entry in parsed if entry.content not in known]
        self._table.blockSignals(True)
        self._drop_trailing_empty_rows()
        for entry in fresh:
            self._append(entry)
        self._table.blockSignals(False)
        notes = [f"Imported {len(fresh)} entries from {name}."]
        if len(fresh) < len(parsed):
            notes.append(f"Skipped {len(parsed) - len(fresh)} already in the list.")
        level = Level.WARNING if warnings else Level.INFO
        self._import_notes.show_messages(notes + warnings, level)
        self._refresh()
        self.entries_changed.emit()
        return True

    def set_open_path_chooser(self, chooser: OpenPathChooser) -> None:
        self._choose_open_path = chooser

    def warnings(self) -> str:
        return self._warnings.text()

    def import_notes(self) -> str:
        return self._import_notes.text()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (watched is self._table and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.matches(QKeySequence.StandardKey.Delete)
                and self._table.state() != QTableWidget.State.EditingState
                and self._table.selectedIndexes()):
            self._remove_selected()
            return True
        return super().eventFilter(watched, event)

    # -- internals ------------------------------------------------------------------------
    def _cell(self, row: int, column: int) -> str:
        item = self._table.item(row, column)
        return item.text() if item is not None else ""

    def _append(self, entry: VocabEntry) -> None:
        row = self._table.rowCount()
        self._table.insertRow(row)
        self._table.setItem(row, 0, QTableWidgetItem(entry.content))
        self._table.setItem(row, 1, QTableWidgetItem(", ".join(entry.sounds_like)))

    def _drop_trailing_empty_rows(self) -> None:
        while self._table.rowCount() and not any(
            self._cell(self._table.rowCount() - 1, c).strip() for c in (0, 1)
        ):
            self._table.removeRow(self._table.rowCount() - 1)

    def _remove_selected(self) -> None:
        rows = sorted({index.row() for index in self._table.selectedIndexes()}, reverse=True)
        for row in rows:
            self._table.removeRow(row)
        self._refresh()
        self.entries_changed.emit()

    def _ask_and_import(self) -> None:
        file_filter = "Text files (*.txt *.csv);;All files (*)"
        path = self._choose_open_path("Import vocabulary", file_filter)
        if path:
            self.import_file(path)

    def _on_edited(self, _item: QTableWidgetItem) -> None:
        self._refresh()
        self.entries_changed.emit()

    def _update_buttons(self) -> None:
        self._remove.setEnabled(bool(self._table.selectedIndexes()))

    def _refresh(self) -> None:
        entries = self.entries()
        self._count.setText(f"{len(entries)} of {MAX_VOCAB_ENTRIES}")
        self._count.setToolTip(
            f"{len(entries)} entries; Speechmatics accepts up to {MAX_VOCAB_ENTRIES}")
        problems: list[str] = []
        if len(entries) > MAX_VOCAB_ENTRIES:
            problems.append(too_many_entries_message(len(entries)))
        ignored = [(e.content, p) for e in entries for p in entry_problems(e)]
        for content, problem in ignored[:3]:
            problems.append(f'"{_shorten(content)}" {problem}.')
        if len(ignored) > 3:
            problems.append(f"{len(ignored) - 3} more entries have the same kind of problem.")
        self._warnings.show_messages(problems, Level.WARNING)
        self._update_buttons()


__all__ = ["VocabEditor"]
