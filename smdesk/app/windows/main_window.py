"""MainWindow: wiring only. Widgets emit intents, controllers do the work, signals come back.

Layout: the transcript is the central area (with the message strip above it); the drop zone
and the list of transcriptions are a dock beside it. Options are chosen in the "New
transcription" sheet when files are added (OptionsFlows). Geometry and dock state are
remembered in AppSettings. The highlighted row is always the transcript shown.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QScreen,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from smdesk import APP_DISPLAY_NAME, __version__
from smdesk.app.controllers.jobs import JobsController
from smdesk.app.controllers.preferences import PreferencesController
from smdesk.app.controllers.session import SessionController
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.app.models.job_table import JobTableModel
from smdesk.app.models.job_view import JobView
from smdesk.app.transcript.pane import TranscriptPane
from smdesk.app.widgets.drop_zone import DropZone, local_paths
from smdesk.app.widgets.inline_message import Level
from smdesk.app.widgets.job_queue import JobQueueView
from smdesk.app.widgets.notice_area import NoticeArea
from smdesk.app.widgets.status_bar import StatusBar
from smdesk.app.windows.dialog_flows import NOT_CONNECTED, DialogFlows
from smdesk.app.windows.main_actions import add_transcript_actions, build_actions, build_menus
from smdesk.app.windows.options_flows import OptionsFlows
from smdesk.app.windows.review_wiring import remember_review_choices
from smdesk.core.transcript import Transcript
from smdesk.media import SUPPORTED_EXTENSIONS
from smdesk.store.history import Phase
from smdesk.store.paths import log_dir

log = logging.getLogger(__name__)

JOBS_DOCK_WIDTH = 300  # file name, date, status readable; leaves the transcript ~700 px at 1024
MEDIA_FILTER = f"Audio and video ({' '.join(f'*{e}' for e in sorted(SUPPORTED_EXTENSIONS))})"


FIRST_START_SIZE = QSize(1200, 800)


def first_start_size(screen: QScreen | None) -> QSize:
    """1200×800, or less on a smaller screen (a 1024×700 laptop got a window past its edges,
    and dialogs centred on it opened with their buttons below the screen)."""
    if screen is None:
        return FIRST_START_SIZE
    room = screen.availableGeometry().size()
    return FIRST_START_SIZE.boundedTo(QSize(room.width(), room.height()))


class MainWindow(QMainWindow):
    closed = Signal()

    def __init__(
        self,
        jobs: JobsController,
        session: SessionController,
        prefs: PreferencesController,
        tasks: TaskRegistry,
        icon: QIcon | None = None,
    ) -> None:
        super().__init__()
        self.jobs, self.session, self.prefs, self.tasks = jobs, session, prefs, tasks
        self.shown_job: int | None = None
        self.setWindowTitle(APP_DISPLAY_NAME)
        if icon is not None:
            self.setWindowIcon(icon)
        self.setAcceptDrops(True)
        self._build_ui()
        self.flows = DialogFlows(self, session, jobs, prefs, tasks, self.notices.show_lines)
        self.options_flows = OptionsFlows(self, jobs, prefs, tasks, self.notices.show_lines)
        self._connect()
        self.model.reset(jobs.views())
        self._restore()

    # ---- construction ----------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.acts = build_actions(self)
        self.menus = build_menus(self.menuBar(), self.acts)
        self.notices = NoticeArea(self)
        self.drop_zone = DropZone(self)
        self.model = JobTableModel(self)
        self.queue = JobQueueView(self.model, self)
        self.pane = TranscriptPane(self)
        self.pane.setAccessibleName("Transcript")
        add_transcript_actions(self.menus["edit"], self.acts, self.pane.actions_)
        jobs_panel = QWidget(self)
        jobs_layout = QVBoxLayout(jobs_panel)
        jobs_layout.setContentsMargins(0, 0, 0, 0)
        jobs_layout.addWidget(self.drop_zone)
        jobs_layout.addWidget(self.queue, 1)
        self.jobs_dock = QDockWidget("Transcriptions", self)
        self.jobs_dock.setObjectName("jobs_dock")
        self.jobs_dock.setWidget(jobs_panel)
        self.jobs_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                   | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.jobs_dock)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.notices)
        layout.addWidget(self.pane, 1)
        self.setCentralWidget(central)
        self.setStatusBar(StatusBar(self))
        self.connection_label = QLabel(self)
        self.connection_label.setAccessibleName("Connection")
        self.statusBar().addPermanentWidget(self.connection_label)

    def _connect(self) -> None:
        a, jobs = self.acts, self.jobs
        a.add_files.triggered.connect(self.choose_files)
        a.add_folder.triggered.connect(self.choose_folder)
        a.quit.triggered.connect(self.close)
        a.copy.triggered.connect(self._copy)
        a.undo.triggered.connect(self._undo)
        a.redo.triggered.connect(self._redo)
        a.revert.triggered.connect(self._revert)
        a.settings.triggered.connect(self.flows.open_settings)
        a.new_options.triggered.connect(self.options_flows.edit_defaults)
        a.change_key.triggered.connect(lambda: self.flows.ask_for_key(""))
        a.use_sandbox.triggered.connect(
            lambda: self.tasks.spawn(self.session.start_sandbox(), name="start-sandbox"))
        a.use_account.triggered.connect(self.session.use_account)
        a.forget_key.triggered.connect(
            lambda: self.tasks.spawn(self.session.forget_key(), name="forget-key"))
        a.open_logs.triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir()))))
        a.about.triggered.connect(self._about)

        self.drop_zone.paths_dropped.connect(self.add_paths)
        self.drop_zone.add_files_requested.connect(self.choose_files)
        self.drop_zone.add_folder_requested.connect(self.choose_folder)
        self.queue.open_requested.connect(jobs.open_transcript)
        self.queue.cancel_requested.connect(jobs.cancel)
        self.queue.retry_requested.connect(jobs.retry)
        self.queue.change_options_requested.connect(self.options_flows.edit_queued)
        self.queue.run_again_requested.connect(self.options_flows.run_again)
        self.queue.words_search_requested.connect(jobs.search_words)
        jobs.word_matches.connect(self.queue.show_word_matches)
        self.queue.delete_requested.connect(
            lambda job_id, remote: jobs.delete(job_id, on_server=remote))
        self.pane.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        remember_review_choices(self.pane, self.prefs, self)
        self.queue.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._reselect_shown)
        self.model.layoutChanged.connect(self._reselect_shown)
        # A search that hid the shown transcript's row and then lets it back (cleared, or
        # typed on): highlighted again, unless the user has chosen another row meanwhile.
        self.queue.proxy.rowsInserted.connect(self._reselect_shown_if_none)
        self.queue.proxy.layoutChanged.connect(self._reselect_shown_if_none)

        jobs.job_changed.connect(self._job_changed)
        jobs.job_removed.connect(self._job_removed)
        jobs.transcript_ready.connect(self._show_transcript)
        jobs.intake_refused.connect(lambda lines: self.notices.show_lines(lines, Level.WARNING))
        jobs.message.connect(lambda text: self.notices.show_lines([text], Level.INFO))
        jobs.jobs_added.connect(self._jobs_added)
        self.session.changed.connect(self._session_changed)
        self.session.notice.connect(lambda text: self.notices.show_lines([text], Level.WARNING))
        self._session_changed()

    def _restore(self) -> None:
        settings = self.prefs.settings
        if settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(settings.window_geometry.encode()))
        else:
            self.resize(first_start_size(self.screen() or QApplication.primaryScreen()))
        if settings.window_state:
            self.restoreState(QByteArray.fromBase64(settings.window_state.encode()))
        else:
            self.resizeDocks([self.jobs_dock], [JOBS_DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.update_undo()

    # ---- intents ---------------------------------------------------------------------------
    def choose_files(self) -> None:
        dialog = QFileDialog(self, "Add audio or video files")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters([MEDIA_FILTER, "All files (*)"])
        dialog.filesSelected.connect(self.add_paths)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def choose_folder(self) -> None:
        dialog = QFileDialog(self, "Add every recording in a folder")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda path: self.add_paths([path]))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def add_paths(self, paths: list[str]) -> None:
        """Files were added: the "New transcription" sheet asks for their options. Paths are
        made absolute here (``smdesk talk.m4a`` from a terminal): the job keeps its recording's
        path, and a relative one would point elsewhere from the next start's folder."""
        self.options_flows.add_paths([os.path.abspath(p) for p in paths])

    def _undo(self) -> None:
        stack = self._undo_stack()
        view = self.pane.transcript_view()
        if view is not None:
            view.flush_edits()  # a keystroke not yet reported is part of what gets undone
        if stack is not None:
            stack.undo()

    def _redo(self) -> None:
        stack = self._undo_stack()
        if stack is not None:
            stack.redo()

    def _revert(self) -> None:
        session = self.pane.session()
        if session is not None:
            session.revert_to_original()  # one undoable step; Undo brings the edits back

    def _undo_stack(self) -> QUndoStack | None:
        stack = getattr(self.pane.session(), "undo_stack", None)
        return stack if isinstance(stack, QUndoStack) else None

    def update_undo(self, *_args: object) -> None:
        stack = self._undo_stack()
        self.acts.revert.setEnabled(stack is not None)
        for action, can, text, verb in (
                (self.acts.undo, stack.canUndo() if stack else False,
                 stack.undoText() if stack else "", "&Undo"),
                (self.acts.redo, stack.canRedo() if stack else False,
                 stack.redoText() if stack else "", "&Redo")):
            action.setEnabled(can)
            action.setText(f"{verb} {text}" if can and text else verb)

    def _copy(self) -> None:
        focus = QApplication.focusWidget()
        copy = getattr(focus, "copy", None)
        if callable(copy):
            copy()

    def _about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, f"About {APP_DISPLAY_NAME}",
                          f"{APP_DISPLAY_NAME} {__version__}\nDesktop transcription with the "
                          "Speechmatics Batch API.", QMessageBox.StandardButton.Ok, self)
        box.finished.connect(box.deleteLater)
        box.open()

    # ---- controller updates ----------------------------------------------------------------
    def _job_changed(self, view: JobView) -> None:
        row = self.model.row_of(view.id)
        previous = self.model.view_at(row) if row is not None else None
        self.model.upsert(view)
        phase = view.record.phase
        if previous is not None and previous.record.phase is not phase:
            if phase is Phase.DONE:
                self.statusBar().showMessage(f"{view.record.file_name}: transcript ready.", 8000)
                QApplication.alert(self)  # taskbar cue when the window is in the background
            elif phase is Phase.FAILED:  # with the reason: the Status column may be cut short
                reason = view.record.error or "unknown reason."
                self.statusBar().showMessage(f"{view.record.file_name} failed: {reason}", 15000)
        if phase is Phase.DONE and self.shown_job is None:
            self.jobs.open_transcript(view.id)  # first finished job opens by itself
        if view.id == self.queue.selected_job_id():
            self._describe_selected()

    def _selection_changed(self, *_args: object) -> None:
        """Choosing a finished job shows its transcript: the row and the text always agree."""
        job_id = self.queue.selected_job_id()
        view = self.jobs.view(job_id) if job_id is not None else None
        if view is not None and view.record.phase is Phase.DONE and job_id != self.shown_job:
            self.jobs.open_transcript(view.id)
        self._describe_selected()

    def _reselect_shown(self, *_args: object) -> None:
        """After the list is filtered or re-sorted, the shown transcript's row is highlighted."""
        if self.shown_job is not None and self.queue.selected_job_id() != self.shown_job:
            self.queue.select_job(self.shown_job)

    def _reselect_shown_if_none(self, *_args: object) -> None:
        if self.queue.selected_job_id() is None:
            self._reselect_shown()

    def _describe_selected(self, *_args: object) -> None:
        """With no transcript open, the empty pane says what the selected job is waiting for
        or why it failed (the Status column may be too narrow to show it)."""
        job_id = self.queue.selected_job_id()
        view = self.jobs.view(job_id) if job_id is not None else None
        text = ""
        if view is not None and view.record.phase is Phase.FAILED:
            text = (f"{view.record.file_name} failed: {view.record.error or 'unknown reason.'}"
                    "\nChoose Retry to try again.")
        elif view is not None and not view.record.phase.is_final:
            text = f"The transcript of {view.record.file_name} opens here when it is done."
        self.pane.set_placeholder(text)

    def _jobs_added(self, job_ids: list[int]) -> None:
        if job_ids:
            self.queue.select_job(job_ids[0])
            names = ", ".join(Path(v.record.source_path).name for j in job_ids[:3]
                              if (v := self.jobs.view(j)) is not None)
            more = f" and {len(job_ids) - 3} more" if len(job_ids) > 3 else ""
            self.statusBar().showMessage(f"Queued {names}{more}.", 8000)

    def _job_removed(self, job_id: int) -> None:
        self.model.remove(job_id)
        if self.shown_job == job_id:
            self.shown_job = None
            self.setWindowTitle(APP_DISPLAY_NAME)
            self.pane.set_transcript(None)

    def _show_transcript(self, job_id: int, transcript: Transcript) -> None:
        view = self.jobs.view(job_id)
        if view is None:
            return
        record = view.record
        self.shown_job = job_id
        self.setWindowTitle(f"{record.file_name} — {APP_DISPLAY_NAME}")
        self.pane.set_transcript(transcript, title=record.file_name, source_path=record.source_path)
        if self.queue.selected_job_id() != job_id:
            self.queue.select_job(job_id)
        self.update_undo()

    def _session_changed(self) -> None:
        self.connection_label.setText(self.session.describe())
        if self.session.current_endpoint() is not None:
            self.notices.withdraw(NOT_CONNECTED)

    # ---- window events ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.prefs.update(
            window_geometry=bytes(self.saveGeometry().toBase64().data()).decode(),
            window_state=bytes(self.saveState().toBase64().data()).decode(),
        )
        event.accept()
        self.closed.emit()
