"""One job's trip through Speechmatics: upload (or re-attach), wait, download.

The phase is written to the history BEFORE each network step, so whatever happens (quit, crash,
power cut) a restart knows whether the file may have reached the server:

- ``begin_upload`` before the POST; ``set_remote_id`` the moment it returns;
- ``TRANSCRIBING`` before polling; ``DOWNLOADING`` before fetching; ``save_transcript`` last.

Submitting is never blindly repeated: before every upload that follows an interrupted one
(a cut connection, a 503, or the app being closed mid-upload) the server's job list is searched
for a job with the same file name created after that upload began, and the job re-attaches to it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from smdesk.app.messages import (
    SANDBOX_LOST_JOB,
    SERVER_LOST_JOB,
    retrying_message,
    user_message,
)
from smdesk.batch import (
    AsyncClient,
    BatchError,
    ConfigurationError,
    JobConfig,
    JobExpiredError,
    TranscriptNotReadyError,
    TransportError,
)
from smdesk.batch import JobError as BatchJobError
from smdesk.batch.recovery import find_submitted_job, with_reference
from smdesk.core.options import JobOptions
from smdesk.core.voices import REFUSED_VOICES, voice_labels, without_speakers
from smdesk.store.history import JobRecord, Phase

from .db import HistoryAccess
from .voices import known_voices_for

log = logging.getLogger(__name__)

ACTIVE_STATUSES = {"running", "created"}
GONE_STATUSES = {"deleted", "expired"}


class JobFailedError(Exception):
    """The job cannot finish; ``str(e)`` is the sentence shown in the queue."""


@dataclass
class RetryPolicy:
    upload_delays: tuple[float, ...] = (2.0, 5.0, 15.0)  # waits before re-uploading
    poll_min: float = 0.5
    poll_max: float = 5.0
    poll_failures: int = 8  # consecutive failed status checks before giving up
    long_poll: int = 20  # seconds the server may hold a status request (?wait=N); 0 = off
    download_attempts: int = 5
    # An interrupted upload's job is searched for this long before uploading again (the API
    # may list a job a few seconds after its upload arrived).
    orphan_patience: float = 20.0
    orphan_interval: float = 2.0


class Reporter(Protocol):
    def record(self, record: JobRecord) -> None: ...
    def upload_progress(self, job_id: int, sent: int, total: int | None) -> None: ...
    def note(self, job_id: int, text: str) -> None: ...


def status_of(details: Any) -> str:
    status = getattr(details, "status", "")
    return str(getattr(status, "value", status)).lower()


def is_transient(exc: BaseException) -> bool:
    return isinstance(exc, TransportError) and exc.transient


def upload_reference(record: JobRecord) -> str:
    """Tag for one upload attempt (sent as tracking.reference): reproducible after a restart
    because it is built from what the history wrote before the POST. No personal data."""
    started = int((record.upload_started_at or 0) * 1000)
    return f"smdesk-{record.fingerprint[:12]}-{record.id}-{started}"


def rejection_reason(details: Any) -> str:
    errors = getattr(details, "errors", None) or []
    texts = [str(getattr(e, "message", e)) for e in errors]
    reason = "; ".join(t for t in texts if t) or "no reason given"
    return f"Speechmatics could not transcribe this file ({reason.rstrip('.')})."


async def delete_server_job(client: AsyncClient, remote_id: str) -> str | None:
    """Delete (force: also a running job); None when done or already gone, else why not."""
    try:
        await client.delete_job(remote_id, force=True)
    except BatchError as exc:
        if exc.status_code in (404, 410):
            return None
        log.warning("Could not delete server job %s: %r", remote_id, exc)
        return user_message(exc)
    return None


class JobPipeline:
    def __init__(
        self,
        db: HistoryAccess,
        client: AsyncClient,
        reporter: Reporter,
        *,
        sandbox: bool,
        policy: RetryPolicy,
        delete_after_download: bool,
        tell: Callable[[str], None] | None = None,
    ) -> None:
        self._tell = tell or (lambda _text: None)  # a sentence for the notice strip
        self._db = db
        self._client = client
        self._report = reporter
        self._sandbox = sandbox
        self._policy = policy
        self._delete_after = delete_after_download

    @property
    def lost_message(self) -> str:
        return SANDBOX_LOST_JOB if self._sandbox else SERVER_LOST_JOB

    async def _update(self, record: JobRecord) -> JobRecord:
        self._report.record(record)
        return record

    # ---- whole run -----------------------------------------------------------------------
    async def run(self, record: JobRecord, *, retry: bool) -> JobRecord:
        """Finish the job. ``retry``: a server job that is gone or rejected means upload again."""
        attach = False
        if record.remote_id and not record.remote_deleted:
            attach = await self._can_attach(record, retry=retry)
        if not attach:
            record = await self._upload(record)
        record = await self._wait(record)
        record = await self._download(record)
        return await self._delete_remote_copy(record)

    async def _can_attach(self, record: JobRecord, *, retry: bool) -> bool:
        assert record.remote_id is not None
        try:
            details = await self._job_info(record)
        except (JobExpiredError, BatchJobError) as exc:
            if retry:
                return False
            if isinstance(exc, JobExpiredError) or exc.status_code in (404, 410):
                raise JobFailedError(self.lost_message) from exc
            raise
        status = status_of(details)
        if status in ACTIVE_STATUSES or status == "done":
            return True
        if retry:
            return False
        if status == "rejected":
            raise JobFailedError(rejection_reason(details))
        raise JobFailedError(self.lost_message)

    # ---- upload ----------------------------------------------------------------------------
    async def _upload(self, record: JobRecord) -> JobRecord:
        options = JobOptions.from_json(record.options_json)
        config_dict = options.to_config_dict(await known_voices_for(self._db, options))
        delays = self._policy.upload_delays
        attempt = 0
        no_job_possible = False  # the last attempt's error says the server made no job
        while True:
            if record.upload_was_interrupted:
                found = await self.find_orphan(record, wait=not no_job_possible)
                if found is not None:
                    log.info("Job %d re-attached to server job %s", record.id, found)
                    return await self._update(await self._db.set_remote_id(record.id, found))
            record = await self._update(await self._db.begin_upload(record.id))
            job_id = record.id
            config = JobConfig.from_dict(with_reference(config_dict, upload_reference(record)))
            try:
                details = await self._client.submit_job(
                    record.source_path,
                    config=config,
                    filename=record.file_name,
                    progress=self._progress_callback(job_id),
                )
            except ConfigurationError as exc:
                names = voice_labels(config_dict)
                if not names or exc.status_code not in (400, 422):
                    raise
                # Refused at submission: no job exists, so sending it again bills once.
                log.warning("Job %d: the server refused the voices %s (%r)", job_id, names, exc)
                config_dict = without_speakers(config_dict)
                self._tell(f"{record.file_name}: "
                           + REFUSED_VOICES.format(names=", ".join(names)))
                continue
            except BatchError as exc:
                if not is_transient(exc) or attempt >= len(delays):
                    raise
                no_job_possible = exc.job_may_exist is False
                delay = delays[attempt]
                attempt += 1
                log.warning("Upload of job %d failed (%r); attempt %d in %.1fs",
                            job_id, exc, attempt + 1, delay)
                self._report.note(
                    job_id, retrying_message(exc, f"Trying again in {delay:.0f} s.")
                )
                await asyncio.sleep(delay)
                continue
            remote_id = str(details.id)
            log.info("Job %d submitted as server job %s", job_id, remote_id)
            return await self._update(await self._db.set_remote_id(job_id, remote_id))

    def _progress_callback(self, job_id: int) -> Callable[[int, int | None], None]:
        def progress(sent: int, total: int | None) -> None:
            self._report.upload_progress(job_id, sent, total)

        return progress

    async def find_orphan(self, record: JobRecord, *, wait: bool = True) -> str | None:
        """A server job created by an upload of this record whose reply never arrived.

        Looked for again for up to ``policy.orphan_patience`` s: the API may list a job a few
        seconds after its upload arrived, and uploading again then would bill twice."""
        started = record.upload_started_at or record.updated_at
        known = await self._db.known_remote_ids()
        return await find_submitted_job(
            lambda: self._list_jobs_riding_out_failures(),
            reference=upload_reference(record),
            filename=record.file_name,  # compared in the form the client uploads
            since=started,
            exclude=known,
            patience=self._policy.orphan_patience if wait else 0.0,
            interval=self._policy.orphan_interval,
        )

    async def _list_jobs_riding_out_failures(self) -> list[Any]:
        for attempt in range(len(self._policy.upload_delays) + 1):
            try:
                return list(await self._client.list_jobs(limit=100))
            except BatchError as exc:
                if not is_transient(exc) or attempt >= len(self._policy.upload_delays):
                    raise
                await asyncio.sleep(self._policy.upload_delays[attempt])
        raise AssertionError("unreachable")

    # ---- waiting ---------------------------------------------------------------------------
    async def _job_info(self, record: JobRecord, *, wait: int | None = None) -> Any:
        """Job details; transient failures are ridden out up to the policy's limit."""
        assert record.remote_id is not None
        failures = 0
        delay = self._policy.poll_min
        while True:
            try:
                return await self._client.get_job_info(record.remote_id, wait=wait)
            except BatchError as exc:
                if not is_transient(exc):
                    raise
                failures += 1
                if failures > self._policy.poll_failures:
                    raise
                self._report.note(record.id, retrying_message(exc, "Still trying."))
                await asyncio.sleep(delay)
                delay = min(delay * 2, self._policy.poll_max * 2)

    async def _wait(self, record: JobRecord) -> JobRecord:
        if record.phase not in (Phase.TRANSCRIBING, Phase.DOWNLOADING):
            record = await self._update(await self._db.set_phase(record.id, Phase.TRANSCRIBING))
        interval = self._policy.poll_min
        while True:
            try:
                # long-poll: the server answers as soon as the job finishes
                details = await self._job_info(record, wait=self._policy.long_poll or None)
            except JobExpiredError as exc:
                raise JobFailedError(self.lost_message) from exc
            except BatchJobError as exc:
                if exc.status_code in (404, 410):
                    raise JobFailedError(self.lost_message) from exc
                raise
            status = status_of(details)
            if status == "done":
                return record
            if status == "rejected":
                raise JobFailedError(rejection_reason(details))
            if status in GONE_STATUSES:
                raise JobFailedError(self.lost_message)
            self._report.note(record.id, "")
            await asyncio.sleep(interval)
            interval = min(interval * 1.6, self._policy.poll_max)

    # ---- download --------------------------------------------------------------------------
    async def _download(self, record: JobRecord) -> JobRecord:
        remote_id = record.remote_id
        assert remote_id is not None
        record = await self._update(await self._db.set_phase(record.id, Phase.DOWNLOADING))
        attempt = 0
        while True:
            try:
                transcript = await self._client.get_transcript(remote_id)
                break
            except JobExpiredError as exc:
                raise JobFailedError(self.lost_message) from exc
            except (TranscriptNotReadyError, BatchError) as exc:
                retryable = isinstance(exc, TranscriptNotReadyError) or is_transient(exc)
                attempt += 1
                if not retryable or attempt >= self._policy.download_attempts:
                    raise
                await asyncio.sleep(self._policy.poll_min * attempt)
        raw = getattr(transcript, "raw", None)
        if not isinstance(raw, dict):
            raise JobFailedError("Speechmatics sent a transcript smdesk could not read.")
        job_id = record.id
        saved = await self._db.save_result(job_id, raw)
        log.info("Job %d done", job_id)
        return await self._update(saved)

    async def _delete_remote_copy(self, record: JobRecord) -> JobRecord:
        if not self._delete_after or record.remote_id is None or record.remote_deleted:
            return record
        problem = await delete_server_job(self._client, record.remote_id)
        if problem:
            self._report.note(record.id, f"The copy on the server could not be deleted: {problem}")
            return record
        updated = await self._db.mark_remote_deleted(record.id)
        return await self._update(updated or record)
