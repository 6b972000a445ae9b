"""ExportController: export finished jobs (one or several) and, if asked, every job that finishes.

Each job's files are rendered by core.export and written by store.exports (atomic, all or none)
on one worker thread, so the window never waits for python-docx or fsync. The open transcript
is exported as it is on screen (edits not yet autosaved included): its json-v2 snapshot is taken
on the Qt thread, everything else happens on the worker. Other jobs come from the history, whose
loader returns the edited copy.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from smdesk.app.controllers.db import HistoryAccess
from smdesk.app.controllers.preferences import PreferencesController
from smdesk.app.controllers.subtitle_preview import SubtitlePreviewController
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.app.models.job_view import JobView
from smdesk.core.export import FORMATS, ExportMeta, SubtitleCheck, check_subtitles, file_name
from smdesk.core.export.bundle import expand_template, export_bundle, source_stem
from smdesk.core.export.languages import translation_languages
from smdesk.core.export.preferences import ExportPreferences
from smdesk.core.export.subtitle_files import CueCache
from smdesk.core.transcript import Transcript
from smdesk.store.exports import unused_names, write_files
from smdesk.store.history import JobRecord, Phase

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobExport:
    """The outcome for one job: the files written, or one sentence saying why not."""

    job_id: int
    file_name: str
    paths: tuple[Path, ...] = ()
    error: str | None = None
    check: SubtitleCheck | None = None
    renamed: bool = False  # an automatic export found its names taken and wrote "… (2)"


@dataclass(frozen=True)
class ExportReport:
    results: tuple[JobExport, ...]
    automatic: bool = False

    @property
    def failed(self) -> tuple[JobExport, ...]:
        return tuple(r for r in self.results if r.error is not None)

    def sentence(self) -> str:
        """One line for the status bar or a notice."""
        done = [r for r in self.results if r.error is None]
        parts = []
        if done:
            files = sum(len(r.paths) for r in done)
            folders = {p.parent for r in done for p in r.paths}
            where = f" in {next(iter(folders))}" if len(folders) == 1 else ""
            what = done[0].file_name if len(done) == 1 else f"{len(done)} transcripts"
            verb = "Exported automatically" if self.automatic else "Exported"
            parts.append(f"{verb} {what}: {files} file{'s' if files != 1 else ''}{where}.")
            renamed = [r.paths[0].name for r in done if r.renamed and r.paths]
            if renamed:
                parts.append(f"Files with those names were already there and were kept; "
                             f"the new ones are named like {renamed[0]}.")
        parts += [f"{r.file_name}: {r.error}" for r in self.failed]
        return " ".join(parts)


def default_folder(record: JobRecord) -> Path:
    """Next to the recording when that folder still exists, else the home folder."""
    folder = Path(record.source_path).parent
    return folder if record.source_path and folder.is_dir() else Path.home()


def dialog_destination(record: JobRecord, prefs: ExportPreferences) -> tuple[Path, str]:
    """(folder, file stem) of an export from the dialog. Touches the disk (the default folder
    is checked)."""
    folder = Path(prefs.folder) if prefs.folder else default_folder(record)
    return folder, source_stem(record.file_name)


def chosen_translations(prefs: ExportPreferences, available: Iterable[str]) -> list[str]:
    """The translations exported: those chosen (all when None) that the transcript has."""
    available = list(available)
    wanted = prefs.translations
    return [code for code in (wanted if wanted is not None else available) if code in available]


def planned_paths(record: JobRecord, prefs: ExportPreferences,
                  languages: Sequence[str]) -> list[Path]:
    """The files an export from the dialog writes for ``record`` (``languages``: the translations
    its transcript has), named as :func:`export_one` names them. Touches the disk (the default
    folder is checked): call it off the Qt thread."""
    folder, stem = dialog_destination(record, prefs)
    return [folder / file_name(stem, FORMATS[key], language)
            for key in prefs.formats for language in (None, *chosen_translations(prefs, languages))]


def existing_paths(plan: Sequence[tuple[JobRecord, Sequence[str]]],
                   prefs: ExportPreferences) -> list[Path]:
    """The planned files that are already there (an export would replace them; a folder in
    the way is not replaced but refused by the export itself, in one sentence)."""
    return [path for record, languages in plan for path in planned_paths(record, prefs, languages)
            if path.is_file()]


def export_one(record: JobRecord, transcript: Transcript, prefs: ExportPreferences,
               automatic: bool) -> JobExport:
    """Render and write one job's files (runs on the export thread)."""
    created = time.localtime(record.created_at)
    meta = ExportMeta(title=Path(record.file_name).stem, source_name=record.file_name,
                      created=time.strftime("%Y-%m-%d %H:%M", created))
    formats = [FORMATS[key] for key in prefs.formats]
    try:
        if automatic:
            stem = expand_template(
                prefs.template, name=Path(record.file_name).stem, id=str(record.id),
                date=time.strftime("%Y-%m-%d", created), time=time.strftime("%H-%M", created),
                language=transcript.language or "")
            folder = Path(prefs.auto_folder) if prefs.auto_folder else default_folder(record)
        else:
            folder, stem = dialog_destination(record, prefs)
        languages = chosen_translations(prefs, transcript.translations)
        cues = CueCache(transcript)  # the files and the check share one layout of the cues
        files = export_bundle(transcript, formats, prefs.choices, meta, stem, languages, cues=cues)
        wanted_names = list(files)
        if automatic:  # nobody was asked: never replace a file ("talk (2).srt" instead)
            files = unused_names(folder, files, stem)
        paths = write_files(folder, files)
    except (ValueError, OSError) as exc:
        return JobExport(record.id, record.file_name, error=str(exc))
    check = None
    if any(f.subtitles for f in formats):
        check = check_subtitles(transcript, prefs.choices, cues)
    return JobExport(record.id, record.file_name, tuple(paths), check=check,
                     renamed=list(files) != wanted_names)


class ExportController(QObject):
    finished = Signal(object)  # ExportReport
    languages_found = Signal(int, object)  # job id, its translations' codes (tuple[str, ...])
    existing_found = Signal(object)  # list[Path]: files an export would replace

    def __init__(self, db: HistoryAccess, prefs: PreferencesController, tasks: TaskRegistry,
                 views: Any) -> None:
        """``views``: the JobsController (for records and the job_changed signal)."""
        super().__init__()
        self._db, self._prefs, self._tasks, self._views = db, prefs, tasks, views
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="smdesk-export")
        self.preview = SubtitlePreviewController(db, tasks, self)  # the dialog's live preview
        # Phases known so far: only a change INTO done triggers the automatic export.
        self._phases: dict[int, Phase] = {v.id: v.record.phase for v in views.views()}
        views.job_changed.connect(self._job_changed)
        # job id -> (when its transcript was last saved, its translations' codes)
        self._languages: dict[int, tuple[tuple[float, float | None], tuple[str, ...]]] = {}

    # -- preferences ----------------------------------------------------------------------
    def preferences(self) -> ExportPreferences:
        return ExportPreferences.from_json(self._prefs.settings.export_json)

    def remember(self, prefs: ExportPreferences) -> None:
        self._prefs.update(export_json=prefs.to_json())

    # -- intents --------------------------------------------------------------------------
    def export(self, job_ids: Sequence[int], prefs: ExportPreferences, *,
               live: Mapping[int, Transcript] | None = None,
               automatic: bool = False) -> asyncio.Task[ExportReport]:
        """Export ``job_ids``; ``live`` are open transcripts to take as they are now."""
        snapshots = {job_id: t.to_json_v2() for job_id, t in (live or {}).items()}
        return self._tasks.spawn(self._export(list(job_ids), prefs, snapshots, automatic),
                                 name="export")

    async def _export(self, job_ids: list[int], prefs: ExportPreferences,
                      snapshots: dict[int, dict[str, Any]], automatic: bool) -> ExportReport:
        loop = asyncio.get_running_loop()
        results = []
        for job_id in job_ids:
            record = await self._db.get(job_id)
            if record is None:
                continue
            if job_id in snapshots:
                document = snapshots[job_id]
                transcript = await loop.run_in_executor(
                    self._executor, Transcript.from_json_v2, document)
            else:
                loaded = await self._db.load_parsed_transcript(job_id)
                if loaded is None:
                    results.append(JobExport(job_id, record.file_name,
                                             error="it has no transcript yet."))
                    continue
                transcript = loaded
            results.append(await loop.run_in_executor(
                self._executor, export_one, record, transcript, prefs, automatic))
        report = ExportReport(tuple(results), automatic)
        log.info("Export: %s", report.sentence())
        self.finished.emit(report)
        return report

    def find_existing(self, plan: Sequence[tuple[JobRecord, Sequence[str]]],
                      prefs: ExportPreferences) -> None:
        """Say (``existing_found``) which files exporting ``plan`` would replace, looked for on
        the export thread (a folder on a network drive can be slow to answer)."""

        async def look() -> None:
            loop = asyncio.get_running_loop()
            found = await loop.run_in_executor(self._executor, existing_paths, list(plan), prefs)
            self.existing_found.emit(found)

        self._tasks.spawn(look(), name="export: existing files", key="export-existing")

    def find_translations(self, job_ids: Sequence[int]) -> None:
        """Say (``languages_found``) which translations each job's stored transcript really has,
        in this order: read on the history thread, scanned on the export thread, remembered
        until the job's transcript is saved again. A newer call replaces a running one."""
        self._tasks.spawn(self._find_translations(list(job_ids)), name="export languages",
                          key="export-languages")

    async def _find_translations(self, job_ids: list[int]) -> None:
        loop = asyncio.get_running_loop()
        for job_id in job_ids:
            record = await self._db.get(job_id)
            if record is None or not record.has_transcript:
                continue
            stamp = (record.updated_at, record.edited_at)
            known = self._languages.get(job_id)
            if known is None or known[0] != stamp:
                text = await self._db.load_transcript(job_id)
                if text is None:
                    continue
                codes = await loop.run_in_executor(self._executor, translation_languages, text)
                known = self._languages[job_id] = (stamp, codes)
            self.languages_found.emit(job_id, known[1])

    def _job_changed(self, view: JobView) -> None:
        """Automatic export: a job that becomes DONE while the app runs (not one that was done
        before, nor a re-saved transcript of a done job)."""
        previous = self._phases.get(view.id)
        phase = view.record.phase
        self._phases[view.id] = phase
        if phase is not Phase.DONE or previous is Phase.DONE:
            return
        prefs = self.preferences()
        if prefs.auto_export:
            self.export([view.id], prefs, automatic=True)

    def close(self) -> None:
        self.preview.close()
        self._executor.shutdown(wait=True)
