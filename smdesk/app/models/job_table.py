"""JobTableModel: the queue/history as a Qt table model, fed by JobsController snapshots."""

from __future__ import annotations

import time
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)

from smdesk.app.models.job_view import JobView
from smdesk.core.formatting import format_duration
from smdesk.core.options import JobOptions
from smdesk.store.history import Phase

from .job_status import added_text, progress_value, status_text

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    FILE = 0
    ADDED = 1
    LENGTH = 2
    OPTIONS = 3
    STATUS = 4
    PROGRESS = 5


HEADERS = {
    Column.FILE: "File",
    Column.ADDED: "Added",
    Column.LENGTH: "Length",
    Column.OPTIONS: "Options",
    Column.STATUS: "Status",
    Column.PROGRESS: "Progress",
}
JOB_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PHASE_ROLE = Qt.ItemDataRole.UserRole + 2
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3
LIVE_PHASES = (Phase.UPLOADING, Phase.TRANSCRIBING)


def describe_options(options_json: str) -> str:
    try:
        return JobOptions.from_json(options_json).describe()
    except (ValueError, TypeError, KeyError):
        return ""


class JobTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[JobView] = []
        self._row_of: dict[int, int] = {}
        self._options_text: dict[int, tuple[str, str]] = {}  # id -> (options JSON, its text)
        # elapsed times tick while something is in flight
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)

    # ---- feeding ---------------------------------------------------------------------------
    def reset(self, views: list[JobView]) -> None:
        self.beginResetModel()
        self._rows = list(views)
        self._reindex()
        self.endResetModel()
        self._update_ticker()

    def upsert(self, view: JobView) -> None:
        row = self._row_of.get(view.id)
        if row is None:
            self.beginInsertRows(QModelIndex(), 0, 0)  # newest first
            self._rows.insert(0, view)
            self._reindex()
            self.endInsertRows()
        else:
            self._rows[row] = view
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        self._update_ticker()

    def remove(self, job_id: int) -> None:
        row = self._row_of.get(job_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._options_text.pop(job_id, None)
        self._reindex()
        self.endRemoveRows()

    def views(self) -> list[JobView]:
        return list(self._rows)

    def view_at(self, row: int) -> JobView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, job_id: int) -> int | None:
        return self._row_of.get(job_id)

    def _reindex(self) -> None:
        self._row_of = {view.id: row for row, view in enumerate(self._rows)}

    def _update_ticker(self) -> None:
        live = any(v.record.phase in LIVE_PHASES for v in self._rows)
        if live and not self._ticker.isActive():
            self._ticker.start()
        elif not live and self._ticker.isActive():
            self._ticker.stop()

    def _tick(self) -> None:
        for row, view in enumerate(self._rows):
            if view.record.phase is Phase.TRANSCRIBING:
                first, last = self.index(row, Column.STATUS), self.index(row, Column.PROGRESS)
                self.dataChanged.emit(first, last)

    # ---- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        view = self.view_at(index.row()) if index.isValid() else None
        if view is None:
            return None
        column = Column(index.column())
        if role == JOB_ID_ROLE:
            return view.id
        if role == PHASE_ROLE:
            return view.record.phase.value
        if role == PROGRESS_ROLE:
            return progress_value(view, time.time())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(view, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.FILE:
                return view.record.source_path
            if column in (Column.STATUS, Column.PROGRESS):
                return status_text(view, time.time())
            if column == Column.LENGTH:
                return "Audio length: what Speechmatics bills for"
            if column == Column.ADDED:
                return time.strftime("%c", time.localtime(view.record.created_at))
            if column == Column.OPTIONS:  # the column is narrow; the tooltip has it all
                return self._text(view, column)
        return None

    def _text(self, view: JobView, column: Column) -> str:
        record = view.record
        if column == Column.FILE:
            return record.file_name
        if column == Column.ADDED:
            return added_text(record.created_at, time.time())
        if column == Column.LENGTH:
            return format_duration(record.duration) if record.duration is not None else "—"
        if column == Column.OPTIONS:
            cached = self._options_text.get(record.id)
            if cached is None or cached[0] != record.options_json:  # options of queued jobs change
                cached = (record.options_json, describe_options(record.options_json))
                self._options_text[record.id] = cached
            return cached[1]
        if column == Column.STATUS:
            return status_text(view, time.time(), short=True)
        value = progress_value(view, time.time())
        return f"{value}%" if value >= 0 else ""


class JobFilterModel(QSortFilterProxyModel):
    """Search by file name (case-insensitive, anywhere in the name) or by the words inside
    transcripts: ``set_word_matches`` adds the jobs the history's word search found."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterKeyColumn(Column.FILE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._search = ""
        self._word_matches: frozenset[int] = frozenset()

    def set_search(self, text: str) -> None:
        self._search = text.strip()
        self._word_matches = frozenset()  # until the word search for this text answers
        self.setFilterFixedString(self._search)

    def set_word_matches(self, text: str, job_ids: list[int]) -> None:
        """Jobs whose transcript contains ``text``; ignored when the search moved on."""
        if text.strip() != self._search:
            return
        # begin/endFilterChange (Qt 6.9+; our floor is 6.10) replace the deprecated invalidateFilter
        self.beginFilterChange()
        self._word_matches = frozenset(job_ids)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if super().filterAcceptsRow(source_row, source_parent):
            return True
        job_id = self.sourceModel().index(source_row, 0, source_parent).data(JOB_ID_ROLE)
        return job_id in self._word_matches
