"""The window's one export path: the export dialog for the finished jobs, run by ExportController.

Hooked in from the composition root (main.py), so the window itself only owns the actions
(main_actions.py): File ▸ Export… opens the dialog with the shown and selected jobs ticked, the
pane's Export button opens it with the shown job ticked, and File ▸ Export as text / SRT / WebVTT
write one file of the shown transcript with the dialog's remembered choices (quick_export.py).
The open transcript is exported and previewed as it is on screen; a link in the subtitle check
(after an export, or in the live preview run by SubtitlePreviewController) opens that job (if it
is not the one shown) and goes to the word in the transcript pane.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer

from smdesk.app.controllers.export_jobs import ExportController, ExportReport
from smdesk.app.models.job_status import added_text
from smdesk.app.models.job_table import describe_options
from smdesk.app.widgets.inline_message import Level
from smdesk.app.windows.export_dialog import ExportableJob, ExportDialog
from smdesk.app.windows.quick_export import QuickExport
from smdesk.app.windows.replace_question import ReplaceQuestion
from smdesk.core.export import SRT, TXT, VTT, ExportChoices, ExportFormat
from smdesk.core.export.preferences import ExportPreferences
from smdesk.core.export.preview import SubtitlePreview
from smdesk.core.formatting import format_duration
from smdesk.core.options import JobOptions
from smdesk.core.transcript import Transcript
from smdesk.store.history import JobRecord

if TYPE_CHECKING:
    from smdesk.app.windows.main_window import MainWindow

log = logging.getLogger(__name__)


def _told_apart(record: JobRecord, now: float) -> str:
    """"Today 12:49 · 40 s · English · speakers": jobs of one file told apart, as in the list
    (which shows no length, not "unknown", for a job whose length is not known)."""
    length = format_duration(record.duration) if record.duration is not None else ""
    parts = [added_text(record.created_at, now), length, describe_options(record.options_json)]
    return " · ".join(part for part in parts if part)


def _translations(record: JobRecord) -> tuple[str, ...]:
    try:
        return tuple(JobOptions.from_json(record.options_json).translation_targets)
    except (ValueError, TypeError, KeyError):
        return ()


class ExportFlow(QObject):
    def __init__(self, window: MainWindow, controller: ExportController) -> None:
        super().__init__(window)
        self.window, self.controller = window, controller
        self.dialog: ExportDialog | None = None
        self._pending_word: tuple[int, int] | None = None
        self.quick = QuickExport(window, self._quick_outcome)
        window.acts.export.triggered.connect(lambda: self.open())
        window.acts.export_txt.triggered.connect(lambda: self.quick_export(TXT))
        window.acts.export_srt.triggered.connect(lambda: self.quick_export(SRT))
        window.acts.export_vtt.triggered.connect(lambda: self.quick_export(VTT))
        window.pane.export_requested.connect(self.open_for_shown)
        controller.finished.connect(self._finished)
        controller.languages_found.connect(self._languages_found)
        controller.existing_found.connect(self._existing_found)
        self._pending: tuple[list[int], ExportPreferences] | None = None
        self.question: ReplaceQuestion | None = None  # "Replace existing files?" while asked
        preview = controller.preview
        preview.updating.connect(self._preview_updating)
        preview.ready.connect(self._preview_ready)
        preview.failed.connect(self._preview_failed)
        window.jobs.transcript_ready.connect(self._transcript_ready)

    def open_for_shown(self) -> ExportDialog:
        """The pane's Export button: the dialog with only the shown transcript ticked."""
        shown = self.window.shown_job
        return self.open(ticked=[shown] if shown is not None else None)

    def open(self, ticked: Iterable[int] | None = None) -> ExportDialog:
        """Show the dialog (modeless: its links show words in the transcript); ``ticked`` by
        default: the shown and the selected job."""
        window = self.window
        shown = window.pane.transcript()
        now = time.time()
        jobs = []
        for view in window.jobs.views():
            record = view.record
            if not record.has_transcript:
                continue
            languages = set(_translations(record))  # asked for: until the stored ones are known
            if view.id == window.shown_job and shown is not None:
                languages = set(shown.translations)  # what it has, as on screen
            jobs.append(ExportableJob(view.id, record.file_name, tuple(sorted(languages)),
                                      detail=_told_apart(record, now)))
        if ticked is None:
            selected = window.queue.selected_job_id()
            ticked = {j for j in (window.shown_job, selected) if j is not None}
        ticked = set(ticked)
        if not ticked and len(jobs) == 1:
            ticked = {jobs[0].job_id}
        if self.dialog is not None:
            self.dialog.close()  # finished -> forgotten and deleted
        dialog = ExportDialog(jobs, ticked, self.controller.preferences(), window)
        dialog.export_requested.connect(self._export)
        dialog.go_to_word.connect(self.go_to_word)
        dialog.preview_requested.connect(self._preview)
        dialog.preview_cancelled.connect(self.controller.preview.cancel)
        # Forgotten when it closes (not on destroyed: a lambda holding the dialog, run while
        # Qt destroys it, is a known way to crash PySide).
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        # not modal: a checker's link shows its word in the transcript, which must be usable
        # (and visible once the dialog is moved aside) while the dialog stays open
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.show()
        dialog.request_preview()
        # the other jobs' translations as stored (the options say what was asked for, not what
        # arrived); the ticked ones first, as the dialog offers their languages
        others = [j.job_id for j in jobs if j.job_id != window.shown_job or shown is None]
        self.controller.find_translations(sorted(others, key=lambda i: i not in ticked))
        return dialog

    def _languages_found(self, job_id: int, codes: tuple[str, ...]) -> None:
        if self.dialog is not None:
            self.dialog.set_job_translations(job_id, codes)

    def _dialog_closed(self) -> None:
        dialog, self.dialog = self.dialog, None
        self.controller.preview.cancel()
        if dialog is not None:
            dialog.deleteLater()

    def _preview(self, job_id: int, choices: ExportChoices) -> None:
        shown = self.window.pane.transcript() if self.window.shown_job == job_id else None
        self.controller.preview.request(job_id, choices, live=shown)

    def _preview_updating(self) -> None:
        if self.dialog is not None:
            self.dialog.show_preview_updating()

    def _preview_ready(self, job_id: int, preview: SubtitlePreview) -> None:
        if self.dialog is not None:
            self.dialog.show_preview(job_id, preview)

    def _preview_failed(self, sentence: str) -> None:
        if self.dialog is not None:
            self.dialog.show_preview_problem(sentence)

    def _export(self, job_ids: list[int], prefs: ExportPreferences) -> None:
        """The dialog's Export: first look for files it would replace (asked about)."""
        self.controller.remember(prefs)
        plan = []
        for job_id in job_ids:
            view = self.window.jobs.view(job_id)
            if view is not None and self.dialog is not None:
                plan.append((view.record, self.dialog.job_translations(job_id)))
        self._pending = (job_ids, prefs)
        self.controller.find_existing(plan, prefs)

    def _existing_found(self, paths: list[Path]) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        if not paths:
            self._run_export(*pending)
            return
        if self.dialog is not None:
            self.dialog.show_status("Waiting: some of these files are already there.")
        question = ReplaceQuestion(self.dialog or self.window, paths)
        question.answered.connect(lambda replace: self._replace_answered(replace, pending))
        self.question = question
        question.open()

    def _replace_answered(self, replace: bool,
                          pending: tuple[list[int], ExportPreferences]) -> None:
        self.question = None
        if replace:
            self._run_export(*pending)
        elif self.dialog is not None:
            self.dialog.show_not_exported("Nothing was exported: the files are as they were. "
                                          "Choose another folder to keep both.")

    def _run_export(self, job_ids: list[int], prefs: ExportPreferences) -> None:
        live: dict[int, Transcript] = {}
        shown = self.window.pane.transcript()
        if shown is not None and self.window.shown_job in job_ids:
            live[self.window.shown_job] = shown  # as on screen, edits not yet saved included
        self.controller.export(job_ids, prefs, live=live)

    def quick_export(self, fmt: ExportFormat) -> None:
        """One file of the shown transcript, as on screen (the translation whose tab is shown),
        with the remembered choices."""
        window = self.window
        transcript = window.pane.transcript()
        view = window.jobs.view(window.shown_job) if window.shown_job is not None else None
        if transcript is None or view is None:
            return
        record = view.record
        self.quick.export(transcript, fmt, self.controller.preferences(),
                          title=record.file_name, source_path=record.source_path,
                          translation=window.pane.tabs.current_language())

    def _quick_outcome(self, sentence: str, error: bool) -> None:
        if error:
            self.window.pane.show_save_problem(sentence)
        else:
            self.window.pane.message.clear()
        self.window.statusBar().showMessage(sentence, 15000)

    def _finished(self, report: ExportReport) -> None:
        if self.dialog is not None and not report.automatic:
            self.dialog.show_report(report)
        self.window.statusBar().showMessage(report.sentence(), 15000)
        if report.automatic and report.failed:
            lines = [f"Automatic export of {r.file_name} failed: {r.error}" for r in report.failed]
            self.window.notices.show_lines(lines, Level.WARNING)
        elif report.automatic and any(r.renamed for r in report.results):
            # new names the user did not choose: said where it stays readable, not only in
            # the status line (which a narrow window cuts)
            self.window.notices.show_lines([report.sentence()], Level.INFO)

    def go_to_word(self, job_id: int, index: int) -> None:
        """Show word ``index`` of job ``job_id``, opening that job first if needed."""
        if self.window.shown_job == job_id:
            self._show_word(index)
            return
        self._pending_word = (job_id, index)
        self.window.jobs.open_transcript(job_id)

    def _transcript_ready(self, job_id: int, _transcript: object) -> None:
        if self._pending_word is not None and self._pending_word[0] == job_id:
            index = self._pending_word[1]
            self._pending_word = None
            # After the window has shown it; with self as context, dropped if the flow is gone.
            QTimer.singleShot(0, self, lambda: self._show_word(index))

    def _show_word(self, index: int) -> None:
        pane = self.window.pane
        show_word = getattr(pane, "show_word", None)  # the editor's pane: go to a word index
        transcript = pane.transcript()
        if callable(show_word):
            show_word(index)
        elif transcript is not None and 0 <= index < len(transcript.words):
            pane.highlight_time(transcript.words[index].start)
