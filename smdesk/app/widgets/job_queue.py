"""JobQueueView: the searchable queue/history table with per-job actions.

Renders the JobTableModel and emits intents (open, cancel, retry, delete); it never touches the
controller or the network itself.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QAction, QKeySequence, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smdesk.app.models.job_status import queue_summary
from smdesk.app.models.job_table import (
    JOB_ID_ROLE,
    PHASE_ROLE,
    PROGRESS_ROLE,
    Column,
    JobFilterModel,
    JobTableModel,
)
from smdesk.app.widgets.job_card import JobCardDelegate
from smdesk.store.history import Phase

FINAL = {Phase.DONE.value, Phase.FAILED.value, Phase.CANCELLED.value}
# Widest the File and Options columns get by themselves: Status (progress, failure reasons)
# takes the rest, so it is never squeezed to "…" in a small window.
FILE_COLUMN_MAX, OPTIONS_COLUMN_MAX = 260, 220
WORDS_SEARCH_DELAY_MS = 250
COMPACT_BELOW = 640  # px: narrower than this, the queue shows cards (see set_compact)


class ElideRightDelegate(QStyledItemDelegate):
    """Options and status read left to right ("Failed: Speechmatics could not…"): keep the
    start visible; the tooltip has the whole text."""

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt override)
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight


class ProgressDelegate(QStyledItemDelegate):
    """Draws the Progress column as a native progress bar (no bar for failed/cancelled)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = index.data(PROGRESS_ROLE)
        if not isinstance(value, int) or value < 0:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(3, 4, -3, -4)
        bar.minimum, bar.maximum, bar.progress = 0, 100, value
        bar.text = f"{value}%"
        bar.textVisible = True
        bar.state = option.state
        bar.palette = option.palette
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class JobQueueView(QWidget):
    open_requested = Signal(int)
    cancel_requested = Signal(int)
    retry_requested = Signal(int)
    delete_requested = Signal(int, bool)  # job id, also delete on the server
    change_options_requested = Signal(int)  # a queued job, before it starts
    run_again_requested = Signal(int)  # a finished job, with other options (billed again)
    words_search_requested = Signal(str)  # look for these words inside transcripts

    def __init__(self, model: JobTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = JobFilterModel(self)
        self.proxy.setSourceModel(model)

        self.edit_search = QLineEdit(self)
        self.edit_search.setPlaceholderText("Search file names and transcripts")
        self.edit_search.setClearButtonEnabled(True)
        self.edit_search.setAccessibleName("Search jobs")
        self.edit_search.setToolTip("Finds jobs by file name, and transcripts that contain every "
                                    "word you type (word beginnings are enough).")
        self.edit_search.textChanged.connect(self.proxy.set_search)
        # the words search reads the database: once typing pauses, not on every key
        self._words_timer = QTimer(self)
        self._words_timer.setSingleShot(True)
        self._words_timer.setInterval(WORDS_SEARCH_DELAY_MS)
        self._words_timer.timeout.connect(
            lambda: self.words_search_requested.emit(self.edit_search.text().strip()))
        self.edit_search.textChanged.connect(lambda _text: self._words_timer.start())

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Jobs")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps name ends visible
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.FILE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.ADDED, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.LENGTH, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.OPTIONS, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.STATUS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.PROGRESS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(Column.FILE, 240)
        header.resizeSection(Column.OPTIONS, 140)
        header.resizeSection(Column.PROGRESS, 90)
        self.table.setItemDelegateForColumn(Column.OPTIONS, ElideRightDelegate(self.table))
        self.table.setItemDelegateForColumn(Column.STATUS, ElideRightDelegate(self.table))
        self._compact = False
        self._file_delegate = self.table.itemDelegateForColumn(Column.FILE)
        self._card_delegate = JobCardDelegate(self.table)
        self.table.installEventFilter(self)  # re-share the width when the table is resized
        self.table.doubleClicked.connect(lambda _index: self._emit_selected(self.open_requested))
        self.table.activated.connect(lambda _index: self._emit_selected(self.open_requested))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        model.dataChanged.connect(self._update_buttons)
        for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._update_summary)

        # short labels: four buttons must fit the list's width beside the transcript at 1024 px
        self.btn_open = self._button("Open", self.open_requested, "Open transcript")
        self.btn_cancel = self._button("Cancel", self.cancel_requested, "Cancel job")
        self.btn_retry = self._button("Retry", self.retry_requested, "Retry job")
        self.btn_delete = QPushButton("Remove…", self)
        self.btn_delete.setAccessibleName("Remove job from history")
        self.btn_delete.clicked.connect(self._delete_local)
        self.delete_action = QAction("Remove from history…", self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self._delete_local)
        self.table.addAction(self.delete_action)

        self.lbl_summary = QLabel(self)
        self.lbl_summary.setAccessibleName("Queue summary")
        buttons = QHBoxLayout()
        for button in (self.btn_open, self.btn_cancel, self.btn_retry, self.btn_delete):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit_search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.lbl_summary)  # its own line: a narrow queue has no room beside
        self.delete_box: QMessageBox | None = None
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.table and event.type() == QEvent.Type.Resize:
            assert isinstance(event, QResizeEvent)
            self.set_compact(event.size().width() < COMPACT_BELOW)
            if not self._compact:
                self.fit_columns(event.size().width())
        return super().eventFilter(watched, event)

    def show_word_matches(self, text: str, job_ids: list[int]) -> None:
        """The history's answer to words_search_requested."""
        self.proxy.set_word_matches(text, job_ids)

    def is_compact(self) -> bool:
        return self._compact

    def set_compact(self, compact: bool) -> None:
        """Beside the transcript the queue is narrow: one three-line card per job instead of a
        six-column table whose Status would be cut to "…" (see widgets/job_card.py)."""
        if compact == self._compact:
            return
        self._compact = compact
        for column in Column:
            self.table.setColumnHidden(column, compact and column != Column.FILE)
        self.table.horizontalHeader().setVisible(not compact)
        self.table.setItemDelegateForColumn(
            Column.FILE, self._card_delegate if compact else self._file_delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.FILE, QHeaderView.ResizeMode.Stretch if compact
                                    else QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents if compact else QHeaderView.ResizeMode.Fixed)
        self.table.setAlternatingRowColors(not compact)
        if not compact:
            self.fit_columns(self.table.width())

    def fit_columns(self, width: int) -> None:
        """File gets about a third and Options a quarter of the free width (each capped), Status
        stretches over the rest; Length and Progress keep their size."""
        header = self.table.horizontalHeader()
        free = width - sum(header.sectionSize(c) for c in (Column.ADDED, Column.LENGTH,
                                                            Column.PROGRESS))
        free -= self.table.verticalScrollBar().sizeHint().width()
        header.resizeSection(Column.FILE, max(80, min(FILE_COLUMN_MAX, free // 3)))
        header.resizeSection(Column.OPTIONS, max(60, min(OPTIONS_COLUMN_MAX, free // 4)))

    def _button(self, text: str, signal: SignalInstance, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.clicked.connect(lambda: self._emit_selected(signal))
        return button

    # ---- selection -------------------------------------------------------------------------
    def selected_job_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(JOB_ID_ROLE)
        return int(value) if value is not None else None

    def _selected_phase(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(PHASE_ROLE) if rows else None

    def select_job(self, job_id: int) -> None:
        row = self.model.row_of(job_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())

    def _emit_selected(self, signal: SignalInstance) -> None:
        job_id = self.selected_job_id()
        if job_id is not None:
            signal.emit(job_id)

    def _delete_local(self) -> None:
        job_id = self.selected_job_id()
        if job_id is not None:
            self.confirm_delete(job_id)

    def confirm_delete(self, job_id: int, *, on_server: bool = False) -> QMessageBox:
        """Ask before removing (a transcript exists only here once the server copy is gone);
        non-modal open() plus a signal, so running jobs keep going meanwhile."""
        row = self.model.row_of(job_id)
        view = self.model.view_at(row) if row is not None else None
        name = view.record.file_name if view is not None else "this job"
        text = f"Remove {name} from the list?"
        if view is not None and view.record.has_transcript:  # no scare where nothing is lost
            text += " Its transcript is deleted from this computer (your exports are kept)."
        else:
            text += " The recording itself is not touched."
        box = QMessageBox(QMessageBox.Icon.Question, "Remove job", text,
                          QMessageBox.StandardButton.Cancel, self)
        remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        also_server = QCheckBox("Also delete it on the Speechmatics server", box)
        also_server.setChecked(on_server)
        box.setCheckBox(also_server)

        def finished() -> None:
            if box.clickedButton() is remove:
                self.delete_requested.emit(job_id, also_server.isChecked())
            box.deleteLater()

        box.finished.connect(finished)
        box.open()
        self.delete_box = box
        return box

    def _update_buttons(self, *_args: object) -> None:
        phase = self._selected_phase()
        self.btn_open.setEnabled(phase == Phase.DONE.value)
        self.btn_cancel.setEnabled(phase is not None and phase not in FINAL)
        self.btn_retry.setEnabled(phase in (Phase.FAILED.value, Phase.CANCELLED.value))
        self.btn_delete.setEnabled(phase is not None)

    def _update_summary(self, *_args: object) -> None:
        summary = queue_summary(self.model.views())
        self.lbl_summary.setText(summary)
        self.lbl_summary.setVisible(bool(summary))  # no empty line under a finished queue

    def _context_menu(self, pos: QPoint) -> None:
        job_id = self.selected_job_id()
        if job_id is None:
            return
        menu = QMenu(self)
        for button in (self.btn_open, self.btn_cancel, self.btn_retry):
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        phase = self._selected_phase()
        change = menu.addAction("Change options…",
                                lambda: self.change_options_requested.emit(job_id))
        change.setEnabled(phase == Phase.QUEUED.value)
        again = menu.addAction("Transcribe again with other options…",
                               lambda: self.run_again_requested.emit(job_id))
        again.setEnabled(phase in FINAL)
        menu.addSeparator()
        menu.addAction("Remove from history…", lambda: self.confirm_delete(job_id))
        menu.addAction(
            "Remove from history and delete on the server…",
            lambda: self.confirm_delete(job_id, on_server=True),
        )
        menu.popup(self.table.viewport().mapToGlobal(pos))
