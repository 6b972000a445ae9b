"""Options flows: which options new files get, a queued job's options, transcribing again.

Adding files opens the "New transcription" sheet for them (or, when the user turned that off,
queues them at once with the options last used). The same sheet changes a queued job's options
until it starts, and runs a finished file again with other options. Sheets are opened with
``open()``, never ``exec()``, so uploads go on while one is up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from smdesk.app.controllers.intake import is_folder
from smdesk.app.controllers.jobs import OPTIONS_LOCKED, JobsController
from smdesk.app.controllers.preferences import PreferencesController
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.app.models.voice_names import shared_voice_names
from smdesk.app.widgets.inline_message import Level
from smdesk.app.windows.new_transcription import NewTranscriptionDialog, Purpose
from smdesk.core.options import JobOptions
from smdesk.core.presets import (
    read_user_presets,
    rename_voice_in_options_json,
    rename_voice_in_presets,
    write_user_presets,
)

log = logging.getLogger(__name__)

Notify = Callable[[list[str], Level], None]


class OptionsFlows:
    def __init__(self, parent: QWidget, jobs: JobsController, prefs: PreferencesController,
                 tasks: TaskRegistry, notify: Notify) -> None:
        self._parent, self._jobs, self._prefs, self._tasks = parent, jobs, prefs, tasks
        self._notify = notify
        self.sheet: NewTranscriptionDialog | None = None
        shared_voice_names().renamed.connect(self.voice_renamed)

    # -- the options new files get ------------------------------------------------------------
    def last_used(self) -> JobOptions:
        return _options_of(self._prefs.settings.last_options_json, "last options")

    def set_last_used(self, options: JobOptions) -> None:
        self._prefs.update(last_options_json=options.to_json())

    def voice_renamed(self, old: str, new: str) -> None:
        """The last used options and the saved presets keep a renamed voice chosen."""
        settings = self._prefs.settings
        changes: dict[str, str] = {}
        last = rename_voice_in_options_json(settings.last_options_json or "", old, new)
        if last is not None:
            changes["last_options_json"] = last
        presets = read_user_presets(settings.user_presets_json)
        renamed = rename_voice_in_presets(presets, old, new)
        if renamed != presets:
            changes["user_presets_json"] = write_user_presets(renamed)
        if changes:
            self._prefs.update(**changes)

    # -- intents ------------------------------------------------------------------------------
    def add_paths(self, paths: list[str]) -> None:
        """Files were added (drop, dialog, command line): ask for their options, or queue them."""
        if not paths:
            return
        if not self._prefs.settings.ask_options_on_add:
            self.queue(paths, self.last_used())
            return
        # a stat per dropped item (not per file inside folders), for the sheet's wording
        folders = frozenset(p for p in paths if is_folder(p))  # never raises for odd paths
        if self.sheet is not None and self.sheet.purpose is Purpose.NEW_FILES:
            self.sheet.add_paths(paths, folders)  # a second drop joins the batch being set up
            self.sheet.raise_()
            return
        sheet = self._open(Purpose.NEW_FILES, self.last_used(), paths=paths, folders=folders)
        sheet.confirmed.connect(lambda options: self._new_files_confirmed(sheet, options))

    def queue(self, paths: list[str], options: JobOptions) -> None:
        problems = options.validate()
        if problems:
            self._notify(["Fix the options first: " + " ".join(problems)], Level.ERROR)
            return
        self.set_last_used(options)
        self._tasks.spawn(self._jobs.add_paths(list(paths), options.to_json()), name="add-files")

    def edit_defaults(self) -> None:
        sheet = self._open(Purpose.DEFAULTS, self.last_used())
        sheet.confirmed.connect(lambda options: self._defaults_confirmed(sheet, options))

    def edit_queued(self, job_id: int) -> None:
        view = self._jobs.view(job_id)
        if view is None or not self._jobs.can_change_options(job_id):
            self._notify([OPTIONS_LOCKED], Level.INFO)
            return
        sheet = self._open(Purpose.EDIT_QUEUED, _options_of(view.record.options_json),
                           paths=[view.record.source_path])
        sheet.confirmed.connect(
            lambda options: self._tasks.spawn(
                self._jobs.change_options(job_id, options.to_json()), name="change-options"))

    def run_again(self, job_id: int) -> None:
        view = self._jobs.view(job_id)
        if view is None:
            return
        record = view.record
        sheet = self._open(Purpose.RUN_AGAIN, _options_of(record.options_json),
                           paths=[record.source_path], duration=record.duration)
        sheet.confirmed.connect(lambda options: self.queue([record.source_path], options))

    # -- internals ----------------------------------------------------------------------------
    def _open(self, purpose: Purpose, options: JobOptions, *, paths: list[str] | None = None,
              folders: frozenset[str] = frozenset(),
              duration: float | None = None) -> NewTranscriptionDialog:
        if self.sheet is not None:
            self.sheet.reject()  # one sheet at a time; its files are not queued
        settings = self._prefs.settings
        sheet = NewTranscriptionDialog(
            purpose, options, self.last_used(), read_user_presets(settings.user_presets_json),
            paths=paths or [], folders=folders, duration=duration,
            ask_on_add=settings.ask_options_on_add,
            parent=self._parent)
        sheet.presets_changed.connect(
            lambda presets: self._prefs.update(user_presets_json=write_user_presets(presets)))
        sheet.finished.connect(lambda _result: self._closed(sheet))
        self.sheet = sheet
        sheet.open()
        return sheet

    def _closed(self, sheet: NewTranscriptionDialog) -> None:
        if self.sheet is sheet:
            self.sheet = None
        sheet.deleteLater()

    def _new_files_confirmed(self, sheet: NewTranscriptionDialog, options: JobOptions) -> None:
        self._prefs.update(ask_options_on_add=sheet.ask_on_add())
        self.queue(sheet.paths, options)

    def _defaults_confirmed(self, sheet: NewTranscriptionDialog, options: JobOptions) -> None:
        self._prefs.update(ask_options_on_add=sheet.ask_on_add())
        self.set_last_used(options)


def _options_of(options_json: str | None, what: str = "job options") -> JobOptions:
    """Stored options, or the defaults when they are missing or unreadable (logged)."""
    if options_json:
        try:
            return JobOptions.from_json(options_json)
        except (ValueError, TypeError, KeyError):
            log.warning("Ignoring unreadable %s", what)
    return JobOptions()
