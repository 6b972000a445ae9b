"""JobsController: the queue. Adds files, runs up to N jobs at once, cancels, retries, deletes,
resumes after a restart, and opens finished transcripts from the history.

Widgets never call the network or the database: they call the intent methods here
(``add_paths``, ``cancel``, ``retry``, ``delete``, ``open_transcript``) and render the
``job_changed`` snapshots (JobView) this controller emits.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from smdesk.app.messages import (
    ENDPOINT_UNAVAILABLE,
    WAITING_FOR_CONSENT,
    WAITING_TO_CONNECT,
    user_message,
)
from smdesk.app.models.job_view import JobView
from smdesk.batch import AuthenticationError, BatchError
from smdesk.store.history import JobRecord, Phase

from .db import HistoryAccess
from .intake import Intake, collect_media, record_jobs
from .job_view import LiveViews
from .pipeline import JobFailedError, JobPipeline, RetryPolicy, delete_server_job
from .session import SANDBOX_ENDPOINT, SessionController, endpoint_label
from .tasks import TaskRegistry

log = logging.getLogger(__name__)


def resumed_message(records: list[JobRecord]) -> str:
    """Says that last time's jobs go on, and reassures that sent files are not sent twice."""
    count = len(records)
    jobs = "1 unfinished job" if count == 1 else f"{count} unfinished jobs"
    if all(r.remote_id is not None for r in records):
        return f"Continuing {jobs} from last time; nothing is uploaded again."
    return f"Continuing {jobs} from last time."


OPTIONS_LOCKED = "That job has started, so its options can no longer change."


def _never_sent(record: JobRecord) -> bool:
    return record.phase is Phase.QUEUED and record.remote_id is None and not record.upload_attempts


class JobsController(QObject):
    job_changed = Signal(object)  # JobView
    job_removed = Signal(int)
    intake_refused = Signal(list)  # list[str], one sentence per refused file or folder
    jobs_added = Signal(list)  # list[int]
    transcript_ready = Signal(int, object)  # job id, Transcript
    privacy_needed = Signal()
    message = Signal(str)
    word_matches = Signal(str, list)  # searched text, ids of jobs whose transcript has the words

    def __init__(
        self,
        db: HistoryAccess,
        session: SessionController,
        *,
        concurrency: int = 3,
        delete_after_download: bool = False,
        upload_allowed: Callable[[str], bool] | None = None,
        policy: RetryPolicy | None = None,
        tasks: TaskRegistry | None = None,
    ) -> None:
        super().__init__()
        self._db = db
        self._session = session
        self._concurrency = max(1, concurrency)
        self.delete_after_download = delete_after_download
        self._upload_allowed = upload_allowed or (lambda endpoint: True)
        self._policy = policy or RetryPolicy()
        self._tasks = tasks or TaskRegistry()
        self._live = LiveViews(self.job_changed.emit, self._estimate, self._waiting_note)
        self._pending: list[tuple[int, bool]] = []  # (job id, retry) in queue order
        self._active: set[int] = set()
        self._user_cancelled: set[int] = set()
        self._privacy_asked = False
        self._closing = False
        self._retargeting: set[int] = set()
        self._changing: set[int] = set()  # queued jobs whose new options are being written
        session.changed.connect(self.pump)
        for record in db.history.list():
            self._live.load(JobView(
                record, phase_since=record.updated_at, estimate=self._estimate(record)
            ))

    # ---- queries --------------------------------------------------------------------------
    def views(self) -> list[JobView]:
        """Every job in the history, newest first."""
        return sorted(self._live.all(), key=lambda v: (v.record.created_at, v.id), reverse=True)

    def view(self, job_id: int) -> JobView | None:
        return self._live.get(job_id)

    def record_changed(self, record: JobRecord) -> None:
        """Another controller changed a stored job (e.g. its recording was located again)."""
        if self._live.get(record.id) is not None:
            self._live.record(record)

    def is_active(self, job_id: int) -> bool:
        return job_id in self._active

    @property
    def concurrency(self) -> int:
        return self._concurrency

    # ---- intents --------------------------------------------------------------------------
    async def add_paths(self, paths: list[str], options_json: str) -> list[int]:
        """Check and queue files (folders recursively); refused files are reported with a reason."""
        loop = asyncio.get_running_loop()
        limit = self._session.max_upload_bytes
        intake: Intake = await loop.run_in_executor(None, collect_media, list(paths), limit)
        endpoint = self._session.current_endpoint() or self._session.endpoint_url
        records = await self._db.call(record_jobs, self._db.history, intake, options_json, endpoint)
        if intake.refused:
            self.intake_refused.emit(intake.refused)
        for note in intake.notes:
            self.message.emit(note)
        for record in records:
            self._live.put(self._live.new(record))
            self._pending.append((record.id, False))
        added = [record.id for record in records]
        if added:
            self.jobs_added.emit(added)
        self.pump()
        return added

    def search_words(self, text: str) -> None:
        """Find the jobs whose transcript has every word of ``text``; answers by word_matches.
        A newer search cancels an older one still running."""
        self._tasks.spawn(self._search_words(text), name="search-words", key=("search-words",))

    async def _search_words(self, text: str) -> None:
        found = await self._db.call(self._db.history.search_words, text) if text.strip() else []
        self.word_matches.emit(text, found)

    def can_change_options(self, job_id: int) -> bool:
        """Whether a job still waits with nothing sent, so its options may change."""
        view = self._live.get(job_id)
        return (view is not None and job_id not in self._active
                and _never_sent(view.record))

    async def change_options(self, job_id: int, options_json: str) -> bool:
        """New options for a queued job before it starts; says so when it started meanwhile."""
        if not self.can_change_options(job_id):
            self.message.emit(OPTIONS_LOCKED)
            return False
        self._changing.add(job_id)  # pump() must not start it with the old options meanwhile
        try:
            record = await self._db.call(self._db.history.change_queued_options, job_id,
                                         options_json)
        finally:
            self._changing.discard(job_id)
        if record is not None:
            self._live.record(record)
        else:
            self.message.emit(OPTIONS_LOCKED)
        self.pump()
        return record is not None

    def resume_unfinished(self) -> None:
        """Queue every unfinished job from the history (startup after quit or crash)."""
        resumed: list[JobRecord] = []
        for record in self._db.history.unfinished():
            if record.id in self._active or any(j == record.id for j, _ in self._pending):
                continue
            # QUEUED with a server id only happens after Retry: a gone server job means upload.
            retry = record.phase is Phase.QUEUED and record.remote_id is not None
            self._pending.append((record.id, retry))
            resumed.append(record)
        if resumed:
            self.message.emit(resumed_message(resumed))
        self.pump()

    def retry(self, job_id: int) -> None:
        view = self._live.get(job_id)
        if view is None or view.record.phase not in (Phase.FAILED, Phase.CANCELLED):
            return
        self._tasks.spawn(self._requeue(job_id), name=f"retry-{job_id}")

    async def _requeue(self, job_id: int) -> None:
        record = await self._db.set_phase(job_id, Phase.QUEUED)
        self._live.clear_live(job_id)
        self._live.record(record)
        self._pending.append((job_id, True))
        self.pump()

    def cancel(self, job_id: int) -> None:
        """Stop the job and delete its server job (the transcript would cost time for nothing)."""
        view = self._live.get(job_id)
        if view is None or view.record.phase.is_final:
            return
        self._pending = [(j, r) for j, r in self._pending if j != job_id]
        self._user_cancelled.add(job_id)
        if job_id in self._retargeting:
            return  # _re_record cancels the re-recorded job
        task = self._tasks.get(("job", job_id))
        if task is not None:
            task.cancel()  # the job task cleans up (deletes the server job) as it unwinds
        else:
            self._tasks.spawn(self._finish_cancel(job_id), name=f"cancel-{job_id}")

    def delete(self, job_id: int, *, on_server: bool) -> None:
        self._tasks.spawn(self._delete(job_id, on_server), name=f"delete-{job_id}")

    def open_transcript(self, job_id: int) -> None:
        self._tasks.spawn(self._open(job_id), name=f"open-{job_id}", key=("open",))

    def set_concurrency(self, limit: int) -> None:
        self._concurrency = max(1, int(limit))
        self.pump()

    def privacy_decided(self, accepted: bool) -> None:
        self._privacy_asked = False
        if accepted:
            self.pump()
        else:
            self.message.emit(
                "Nothing was uploaded. The files stay queued until you agree to send them."
            )

    # ---- scheduling -----------------------------------------------------------------------
    def pump(self) -> None:
        """Start queued jobs while there is room and their endpoint is reachable."""
        if self._closing:
            return
        for job_id, retry in list(self._pending):
            if len(self._active) >= self._concurrency:
                break
            view = self._live.get(job_id)
            if view is None:
                self._pending.remove((job_id, retry))
                continue
            if job_id in self._changing:
                continue
            record = view.record
            current = self._session.current_endpoint()
            if current is not None and record.endpoint != current and _never_sent(record):
                self._retarget(job_id, current)
                continue
            client = self._session.client_for(record.endpoint)
            if client is None:
                self._live.set_waiting(job_id, True)
                continue
            if record.remote_id is None and not self._upload_allowed(record.endpoint):
                self._live.set_waiting(job_id, False)
                self._live.note(job_id, WAITING_FOR_CONSENT)
                if not self._privacy_asked:
                    self._privacy_asked = True
                    self.privacy_needed.emit()
                continue
            self._pending.remove((job_id, retry))
            self._live.set_waiting(job_id, False)
            self._active.add(job_id)
            self._tasks.spawn(self._run(record, retry), name=f"job-{job_id}", key=("job", job_id))

    def _waiting_note(self, record: JobRecord) -> str:
        problem = self._session.endpoint_problem
        if problem and record.endpoint == self._session.endpoint_url:
            return problem  # the chosen endpoint is refused: say why nothing is sent
        if _never_sent(record) and self._session.current_endpoint() is None:
            return WAITING_TO_CONNECT  # no key yet: the job goes wherever the person connects
        return f"{ENDPOINT_UNAVAILABLE} ({endpoint_label(record.endpoint)})."

    def _retarget(self, job_id: int, endpoint: str) -> None:
        """A job nothing was ever sent for follows the current connection (chosen after the
        files were dropped, e.g. "Try without an account"). The endpoint is part of the stored
        record, so the job is re-recorded under a new id rather than changed in place."""
        if job_id in self._retargeting:
            return
        self._retargeting.add(job_id)
        self._tasks.spawn(self._re_record(job_id, endpoint), name=f"retarget-{job_id}")

    async def _re_record(self, job_id: int, endpoint: str) -> None:
        try:
            view = self._live.get(job_id)
            if view is None:  # removed meanwhile
                return
            old = view.record
            new = await self._db.call(
                self._db.history.add, source_path=old.source_path, size=old.size,
                fingerprint=old.fingerprint, duration=old.duration,
                options_json=old.options_json, endpoint=endpoint,
            )
            await self._db.call(self._db.history.delete, job_id)
        finally:
            self._retargeting.discard(job_id)
        self._pending = [(new.id if j == job_id else j, r) for j, r in self._pending]
        self._live.pop(job_id)
        self.job_removed.emit(job_id)
        self._live.put(self._live.new(new))
        if job_id in self._user_cancelled:  # cancelled while being re-recorded
            self._user_cancelled.discard(job_id)
            self.cancel(new.id)
        self.pump()

    async def _run(self, record: JobRecord, retry: bool) -> None:
        client = self._session.client_for(record.endpoint)
        assert client is not None
        pipeline = JobPipeline(
            self._db, client, self._live,
            sandbox=record.endpoint == SANDBOX_ENDPOINT,
            policy=self._policy, delete_after_download=self.delete_after_download,
            tell=self.message.emit,
        )
        try:
            await pipeline.run(record, retry=retry)
        except asyncio.CancelledError:
            if record.id in self._user_cancelled:
                await asyncio.shield(self._finish_cancel(record.id, pipeline))
            raise
        except (JobFailedError, BatchError, OSError, ValueError) as exc:
            await self._fail(record.id, exc, record.endpoint)
        except Exception as exc:  # unexpected: the job still ends with a reason, not a hang
            log.exception("Job %d failed unexpectedly", record.id)
            await self._fail(record.id, exc, record.endpoint)
        finally:
            self._active.discard(record.id)
            if not self._closing:
                self.pump()

    async def _fail(self, job_id: int, exc: BaseException, endpoint: str) -> None:
        text = str(exc) if isinstance(exc, JobFailedError) else user_message(exc, url=endpoint)
        log.warning("Job %d failed: %s (%r)", job_id, text, exc)
        if isinstance(exc, AuthenticationError) and endpoint != SANDBOX_ENDPOINT:
            self._session.key_was_rejected()
        self._live.record(await self._db.set_phase(job_id, Phase.FAILED, error=text))
        self._live.note(job_id, "")

    async def _finish_cancel(self, job_id: int, pipeline: JobPipeline | None = None) -> None:
        record = await self._db.set_phase(job_id, Phase.CANCELLED)
        self._live.record(record)
        self._user_cancelled.discard(job_id)
        client = self._session.client_for(record.endpoint)
        if client is None or record.remote_deleted:
            return
        try:
            remote_id = record.remote_id
            if remote_id is None and pipeline is not None and record.upload_started_at:
                remote_id = await pipeline.find_orphan(record)  # upload reached the server
                if remote_id is not None:
                    record = await self._db.set_remote_id(job_id, remote_id)
            if remote_id is None:
                return
        except BatchError as exc:
            log.warning("Could not look for the server job of cancelled job %d: %r", job_id, exc)
            return
        problem = await delete_server_job(client, remote_id)
        if problem:
            self._live.note(job_id, f"The server job could not be deleted: {problem}")
            return
        updated = await self._db.mark_remote_deleted(job_id)
        if updated is not None:
            self._live.record(updated)

    async def _delete(self, job_id: int, on_server: bool) -> None:
        task = self._tasks.get(("job", job_id))
        if task is not None:
            self._user_cancelled.discard(job_id)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        self._pending = [(j, r) for j, r in self._pending if j != job_id]
        record = await self._db.get(job_id)
        if record is None:
            return
        # an unfinished server job would keep running (and be billed) with nobody to fetch it
        on_server = on_server or not record.phase.is_final
        if on_server and record.remote_id and not record.remote_deleted:
            client = self._session.client_for(record.endpoint)
            if client is None:
                self.message.emit(
                    f"{record.file_name}: the server copy was not deleted because "
                    f"{endpoint_label(record.endpoint)} is not connected."
                )
            else:
                problem = await delete_server_job(client, record.remote_id)
                if problem:
                    self.message.emit(f"{record.file_name}: {problem}")
        await self._db.call(self._db.history.delete, job_id)
        self._live.pop(job_id)
        self.job_removed.emit(job_id)

    async def _open(self, job_id: int) -> None:
        try:
            transcript = await self._db.load_parsed_transcript(job_id)
        except (ValueError, KeyError, TypeError) as exc:
            log.exception("Stored transcript of job %d is unreadable", job_id)
            self.message.emit(f"The stored transcript could not be read: {exc}")
            return
        if transcript is None:
            self.message.emit("This job has no transcript yet.")
            return
        self.transcript_ready.emit(job_id, transcript)

    def _estimate(self, record: JobRecord) -> float | None:
        if record.phase is not Phase.TRANSCRIBING:
            return None
        return self._session.estimate_seconds(record.endpoint, record.duration)

    # ---- shutdown -------------------------------------------------------------------------
    def stop_now(self) -> None:
        """Cancel every job task at once (like a crash from the jobs' point of view); phases
        stay as written. ``shutdown`` afterwards waits for the tasks to unwind."""
        self._closing = True
        for job_id in list(self._active):
            task = self._tasks.get(("job", job_id))
            if task is not None:
                task.cancel()

    async def shutdown(self) -> None:
        """Stop all work WITHOUT changing phases: the next start resumes where this one stopped."""
        self._closing = True
        await self._tasks.cancel_all()
