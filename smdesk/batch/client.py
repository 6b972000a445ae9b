"""AsyncClient: the speechmatics.batch workflow (submit, poll, fetch) over our transport."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from datetime import datetime
from types import TracebackType
from typing import Any, Literal, Self, overload

import aiohttp

from smdesk.batch import errors
from smdesk.batch._transport import Transport
from smdesk.batch._upload import AudioSource, ProgressCallback, prepare_source
from smdesk.batch._wire import Endpoint, bool_param, decode_object, job_path
from smdesk.batch._workflow import (
    StatusCallback,
    check_callback,
    check_intervals,
    check_wait,
    embedded_transcript,
    parse_transcript,
    poll_until_done,
    timestamp,
    to_format,
)
from smdesk.batch.auth import AuthBase, StaticKeyAuth
from smdesk.batch.config import JobConfig, TranscriptionConfig
from smdesk.batch.connection import ConnectionConfig, resolve_url
from smdesk.batch.enums import FormatType, JobStatus
from smdesk.batch.errors import ConfigurationError, JobError, TransportError
from smdesk.batch.results import JobDetails, Transcript

__all__ = ["PROCESSING_DATA_HEADER", "AsyncClient"]

logger = logging.getLogger(__name__)

PROCESSING_DATA_HEADER = "X-SM-Processing-Data"
_PARSE_IN_THREAD_BYTES = 512 * 1024


class AsyncClient:
    """Async client for the Speechmatics Batch API v2 (``async with AsyncClient() as client``).

    The key comes from `auth`, else `api_key`, else `conn_config.api_key`, else
    $SPEECHMATICS_API_KEY; the URL from `url`, `conn_config.url`, $SPEECHMATICS_BATCH_URL or the
    default endpoint. Pass `session` to share an aiohttp session (it is not closed here).
    """

    def __init__(
        self,
        auth: AuthBase | str | None = None,
        *,
        api_key: str | None = None,
        url: str | None = None,
        conn_config: ConnectionConfig | None = None,
        session: aiohttp.ClientSession | None = None,
    ) -> None:
        if isinstance(auth, str):  # AsyncClient("key"), as the SDK's migration guide writes it
            auth, api_key = None, auth
        self._config = conn_config or ConnectionConfig()
        self._auth = auth or StaticKeyAuth(api_key if api_key else self._config.api_key)
        self.url = resolve_url(url, self._config.url)
        self._transport = Transport(self.url, self._auth, self._config, session)
        logger.debug("AsyncClient ready (url=%s)", self.url)

    def __repr__(self) -> str:
        return f"AsyncClient(url={self.url!r}, auth={self._auth!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the HTTP session if this client created it (safe to call twice)."""
        await self._transport.close()

    # Submitting -------------------------------------------------------------------------------
    async def submit_job(
        self,
        audio_file: AudioSource | None = None,
        *,
        config: JobConfig | Mapping[str, Any] | None = None,
        transcription_config: TranscriptionConfig | None = None,
        parallel_engines: int | None = None,
        user_id: str | None = None,
        wait: int | None = None,
        format_type: FormatType | str = FormatType.JSON,
        filename: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> JobDetails:
        """Upload `audio_file` (path, bytes or binary file object) with `config`; never retried.

        File problems raise FileNotFoundError / IsADirectoryError / PermissionError /
        ConfigurationError before anything is sent, including files of
        `ConnectionConfig.max_upload_bytes` or more. `progress(sent, total)` is called from the
        event loop as the upload advances (total is None for streams of unknown length).
        """
        job_config = self._job_config(config, transcription_config)
        fmt = to_format(format_type)
        check_wait(wait)
        check_callback("progress", progress)
        if audio_file is not None and job_config.fetch_data is not None:
            raise ConfigurationError("Pass either audio_file or config.fetch_data, not both.")
        if audio_file is None and job_config.fetch_data is None:
            raise ConfigurationError(
                "Nothing to transcribe: pass audio_file, or a JobConfig with fetch_data."
            )
        params: dict[str, str] = {}
        if wait is not None:
            params["wait"] = str(wait)
            if fmt is not FormatType.JSON:
                params["format"] = fmt.api_value
        processing = {"parallel_engines": parallel_engines, "user_id": user_id}
        processing = {k: v for k, v in processing.items() if v is not None}
        extra = {PROCESSING_DATA_HEADER: json.dumps(processing)} if processing else None
        source = (
            prepare_source(audio_file, filename, max_bytes=self._config.max_upload_bytes)
            if audio_file is not None
            else None
        )
        try:
            response = await self._transport.upload(
                "/jobs", config_json=json.dumps(job_config.to_dict()), source=source,
                params=params or None, extra_headers=extra, progress=progress,
                hold_seconds=wait or 0,
            )  # fmt: skip
        finally:
            if source is not None:
                source.close()
        data = decode_object(response, Endpoint.SUBMIT)
        job_id = data.get("id")
        if not isinstance(job_id, str) or not job_id:
            raise TransportError(
                "The server accepted the submission but sent no job id; check list_jobs().",
                status_code=response.status, request_id=response.request_id,
            )  # fmt: skip
        fetch = job_config.fetch_data
        name = source.filename if source else (fetch.url if fetch else "")
        details = JobDetails(
            id=job_id,
            status=JobStatus(str(data.get("status") or JobStatus.RUNNING.value)),
            created_at=str(data.get("created_at") or ""),
            data_name=name,
            config=job_config,
            transcript=embedded_transcript(data, fmt),
            raw=data,
        )
        logger.info(
            "Job submitted (job_id=%s, file=%s, bytes=%s, request_id=%s)",
            job_id, name, source.size if source else None, response.request_id,
        )  # fmt: skip
        return details

    def _job_config(
        self,
        config: JobConfig | Mapping[str, Any] | None,
        transcription_config: TranscriptionConfig | None,
    ) -> JobConfig:
        if isinstance(config, Mapping):
            config = JobConfig.from_dict(config)
        if config is None:
            config = JobConfig(transcription_config=transcription_config or TranscriptionConfig())
        elif not isinstance(config, JobConfig):
            raise ConfigurationError("config must be a JobConfig or a dict in the API's format.")
        config.validate()
        return config

    # Reading jobs -----------------------------------------------------------------------------
    async def get_job_info(self, job_id: str, *, wait: int | None = None) -> JobDetails:
        """Current state of a job; with `wait`, the server may hold the reply up to that long."""
        check_wait(wait)
        response = await self._transport.request(
            "GET", job_path(job_id), Endpoint.JOB, job_id=job_id,
            params={"wait": str(wait)} if wait is not None else None, hold_seconds=wait or 0,
        )  # fmt: skip
        data = decode_object(response, Endpoint.JOB, job_id=job_id)
        job = data.get("job")
        if not isinstance(job, Mapping):
            raise JobError(
                f"The server's reply for job {job_id} has no job details.",
                status_code=response.status, request_id=response.request_id,
            )  # fmt: skip
        return JobDetails.from_dict(job)

    async def list_jobs(
        self,
        *,
        limit: int | None = None,
        created_before: str | datetime | None = None,
        created_after: str | datetime | None = None,
        include_deleted: bool = False,
    ) -> list[JobDetails]:
        """Recent jobs, newest first (the API keeps them for 7 days)."""
        if limit is not None and not (isinstance(limit, int) and 1 <= limit <= 100):
            raise ConfigurationError("limit must be a whole number from 1 to 100.")
        params = {
            "limit": str(limit) if limit is not None else None,
            "created_before": timestamp(created_before),
            "created_after": timestamp(created_after),
            "include_deleted": bool_param(True) if include_deleted else None,
        }
        response = await self._transport.request(
            "GET", "/jobs", Endpoint.LIST, params={k: v for k, v in params.items() if v}
        )
        jobs = decode_object(response, Endpoint.LIST).get("jobs")
        if not isinstance(jobs, list):
            return []
        return [JobDetails.from_dict(j) for j in jobs if isinstance(j, Mapping)]

    async def delete_job(self, job_id: str, *, force: bool = False) -> JobDetails | None:
        """Delete a job and its data; a running job needs `force=True` (else JobError, 423)."""
        response = await self._transport.request(
            "DELETE", job_path(job_id), Endpoint.DELETE, job_id=job_id,
            params={"force": bool_param(True)} if force else None,
        )  # fmt: skip
        logger.info("Job deleted (job_id=%s, request_id=%s)", job_id, response.request_id)
        if not response.body.strip():
            return None
        job = decode_object(response, Endpoint.DELETE, job_id=job_id).get("job")
        return JobDetails.from_dict(job) if isinstance(job, Mapping) else None

    async def get_job_log(self, job_id: str) -> str:
        """The server's processing log of a job (plain text)."""
        response = await self._transport.request(
            "GET", job_path(job_id, "/log"), Endpoint.LOG, job_id=job_id
        )
        return response.text()

    @overload
    async def get_transcript(
        self, job_id: str, *, format_type: Literal[FormatType.JSON] = ..., wait: int | None = ...
    ) -> Transcript: ...

    @overload
    async def get_transcript(
        self,
        job_id: str,
        *,
        format_type: Literal[FormatType.TXT, FormatType.SRT],
        wait: int | None = ...,
    ) -> str: ...

    @overload
    async def get_transcript(
        self, job_id: str, *, format_type: FormatType | str, wait: int | None = ...
    ) -> Transcript | str: ...

    async def get_transcript(
        self,
        job_id: str,
        *,
        format_type: FormatType | str = FormatType.JSON,
        wait: int | None = None,
    ) -> Transcript | str:
        """The transcript: a Transcript for JSON, text for TXT/SRT.

        Raises TranscriptNotReadyError while the job is running, JobExpiredError once gone.
        """
        fmt = to_format(format_type)
        check_wait(wait)
        params = {"format": fmt.api_value} if fmt is not FormatType.JSON else {}
        if wait is not None:
            params["wait"] = str(wait)
        response = await self._transport.request(
            "GET", job_path(job_id, "/transcript"), Endpoint.TRANSCRIPT, job_id=job_id,
            params=params or None, hold_seconds=wait or 0,
        )  # fmt: skip
        if fmt is not FormatType.JSON:
            return response.text()
        if len(response.body) > _PARSE_IN_THREAD_BYTES:  # hours of speech: keep the GUI responsive
            return await asyncio.to_thread(parse_transcript, response)
        return parse_transcript(response)

    # Waiting ----------------------------------------------------------------------------------
    @overload
    async def wait_for_completion(
        self,
        job_id: str,
        *,
        format_type: Literal[FormatType.JSON] = ...,
        polling_interval: float = ...,
        min_polling_interval: float = ...,
        timeout: float | None = ...,  # noqa: ASYNC109
        on_status: StatusCallback | None = ...,
    ) -> Transcript: ...

    @overload
    async def wait_for_completion(
        self,
        job_id: str,
        *,
        format_type: Literal[FormatType.TXT, FormatType.SRT],
        polling_interval: float = ...,
        min_polling_interval: float = ...,
        timeout: float | None = ...,  # noqa: ASYNC109
        on_status: StatusCallback | None = ...,
    ) -> str: ...

    @overload
    async def wait_for_completion(
        self,
        job_id: str,
        *,
        format_type: FormatType | str,
        polling_interval: float = ...,
        min_polling_interval: float = ...,
        timeout: float | None = ...,  # noqa: ASYNC109
        on_status: StatusCallback | None = ...,
    ) -> Transcript | str: ...

    async def wait_for_completion(
        self,
        job_id: str,
        *,
        format_type: FormatType | str = FormatType.JSON,
        polling_interval: float = 5.0,
        min_polling_interval: float = 0.5,
        timeout: float | None = 3600.0,  # noqa: ASYNC109 - speechmatics.batch signature
        on_status: StatusCallback | None = None,
    ) -> Transcript | str:
        """Wait until the job is done, then return its transcript.

        Uses long polling (``GET /jobs/{id}?wait=N``), so completion is seen within about a
        second with few requests. If the server answers early, polls back off from
        `min_polling_interval` to `polling_interval`. `timeout` (None = no limit) covers the
        waiting, not the final download; on expiry TimeoutError is raised and the job keeps
        running on the server. `on_status(details)` is called after every poll.
        """
        fmt = to_format(format_type)
        check_intervals(polling_interval, min_polling_interval)
        check_callback("on_status", on_status)
        if timeout is not None and not timeout > 0:
            raise ConfigurationError("timeout must be a positive number of seconds (or None).")
        try:
            async with asyncio.timeout(timeout) as deadline:
                await poll_until_done(
                    self.get_job_info, job_id, max_interval=polling_interval,
                    min_interval=min_polling_interval, limit=timeout, on_status=on_status,
                    longest_hold=self._config.max_long_poll,
                    outage_tolerance=self._config.poll_outage_tolerance,
                )  # fmt: skip
        except TimeoutError:
            if deadline.expired():
                raise errors.TimeoutError(
                    f"Job {job_id} did not finish within {timeout:g} seconds; it may still "
                    "complete on the server."
                ) from None
            raise
        return await self.get_transcript(job_id, format_type=fmt)

    @overload
    async def transcribe(
        self,
        audio_file: AudioSource,
        *,
        config: JobConfig | Mapping[str, Any] | None = ...,
        transcription_config: TranscriptionConfig | None = ...,
        format_type: Literal[FormatType.JSON] = ...,
        polling_interval: float = ...,
        min_polling_interval: float = ...,
        timeout: float | None = ...,  # noqa: ASYNC109
        parallel_engines: int | None = ...,
        user_id: str | None = ...,
        filename: str | None = ...,
        progress: ProgressCallback | None = ...,
        on_status: StatusCallback | None = ...,
        wait: int | None = ...,
    ) -> Transcript: ...

    @overload
    async def transcribe(
        self,
        audio_file: AudioSource,
        *,
        config: JobConfig | Mapping[str, Any] | None = ...,
        transcription_config: TranscriptionConfig | None = ...,
        format_type: Literal[FormatType.TXT, FormatType.SRT],
        polling_interval: float = ...,
        min_polling_interval: float = ...,
        timeout: float | None = ...,  # noqa: ASYNC109
        parallel_engines: int | None = ...,
        user_id: str | None = ...,
        filename: str | None = ...,
        progress: ProgressCallback | None = ...,
        on_status: StatusCallback | None = ...,
        wait: int | None = ...,
    ) -> str: ...

    @overload
    async def transcribe(
        self,
        audio_file: AudioSource,
        *,
        config: JobConfig | Mapping[str, Any] | None = ...,
        transcription_config: TranscriptionConfig | None = ...,
        format_type: FormatType | str,
        polling_interval: float = ...,
        min_polling_interval: float = ...,
        timeout: float | None = ...,  # noqa: ASYNC109
        parallel_engines: int | None = ...,
        user_id: str | None = ...,
        filename: str | None = ...,
        progress: ProgressCallback | None = ...,
        on_status: StatusCallback | None = ...,
        wait: int | None = ...,
    ) -> Transcript | str: ...

    async def transcribe(
        self,
        audio_file: AudioSource,
        *,
        config: JobConfig | Mapping[str, Any] | None = None,
        transcription_config: TranscriptionConfig | None = None,
        format_type: FormatType | str = FormatType.JSON,
        polling_interval: float = 5.0,
        min_polling_interval: float = 0.5,
        timeout: float | None = 3600.0,  # noqa: ASYNC109 - speechmatics.batch signature
        parallel_engines: int | None = None,
        user_id: str | None = None,
        filename: str | None = None,
        progress: ProgressCallback | None = None,
        on_status: StatusCallback | None = None,
        wait: int | None = None,
    ) -> Transcript | str:
        """Submit `audio_file`, wait for the job and return its transcript.

        `timeout` bounds the wait for processing, not the upload (which fails on its own
        when it stalls).
        """
        fmt = to_format(format_type)
        check_intervals(polling_interval, min_polling_interval)
        check_callback("on_status", on_status)
        job = await self.submit_job(
            audio_file, config=config, transcription_config=transcription_config,
            filename=filename, progress=progress, wait=wait, format_type=fmt,
            parallel_engines=parallel_engines, user_id=user_id,
        )  # fmt: skip
        if job.status is JobStatus.DONE:
            if job.transcript is not None:
                return job.transcript
            return await self.get_transcript(job.id, format_type=fmt)
        return await self.wait_for_completion(
            job.id, format_type=fmt, polling_interval=polling_interval,
            min_polling_interval=min_polling_interval, timeout=timeout, on_status=on_status,
        )  # fmt: skip
