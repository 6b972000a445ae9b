"""Client: the blocking counterpart of AsyncClient, for code that runs no event loop.

It is AsyncClient itself, driven on a private event loop in a daemon thread, so both clients share
one HTTP stack (streamed uploads, retries, long polling, error mapping). Every method blocks the
calling thread until the request finishes; any thread may call it, including one whose own event
loop is running. ``progress`` and ``on_status`` callbacks run on the client's loop thread.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Mapping
from datetime import datetime
from types import TracebackType
from typing import Any, Self, TypeVar

from smdesk.batch._upload import AudioSource, ProgressCallback
from smdesk.batch._workflow import StatusCallback
from smdesk.batch.auth import AuthBase
from smdesk.batch.client import AsyncClient
from smdesk.batch.config import JobConfig, TranscriptionConfig
from smdesk.batch.connection import ConnectionConfig
from smdesk.batch.enums import FormatType
from smdesk.batch.errors import BatchError
from smdesk.batch.results import JobDetails, Transcript

__all__ = ["Client"]

T = TypeVar("T")


class _LoopThread:
    """An event loop running forever on its own daemon thread until `stop`."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self.loop.run_forever, name="smdesk-batch-client", daemon=True
        )
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        if threading.current_thread() is self._thread:
            coroutine.close()
            raise BatchError("Client methods cannot be called from its own callbacks.")
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        try:
            return future.result()
        except BaseException:
            future.cancel()  # e.g. KeyboardInterrupt: stop the request rather than orphan it
            raise

    def stop(self) -> None:
        if self.loop.is_closed():
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()


class Client:
    """Blocking client for the Speechmatics Batch API v2 (``with Client() as client``).

    Same arguments, methods and results as :class:`AsyncClient`, without ``await``.
    """

    def __init__(
        self,
        auth: AuthBase | str | None = None,
        *,
        api_key: str | None = None,
        url: str | None = None,
        conn_config: ConnectionConfig | None = None,
    ) -> None:
        # Built here so a missing key or bad URL raises in the caller, before any thread starts.
        self._async = AsyncClient(auth, api_key=api_key, url=url, conn_config=conn_config)
        self._runner: _LoopThread | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return self._async.url

    def __repr__(self) -> str:
        return f"Client(url={self.url!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        self.close()

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        with self._lock:
            if self._runner is None:
                self._runner = _LoopThread()
            runner = self._runner
        return runner.run(coroutine)

    def close(self) -> None:
        """Close the HTTP session and stop the loop thread (safe to call twice)."""
        with self._lock:
            runner, self._runner = self._runner, None
        if runner is not None:
            try:
                runner.run(self._async.close())
            finally:
                runner.stop()

    def submit_job(
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
        """See :meth:`AsyncClient.submit_job`; never retried."""
        return self._run(self._async.submit_job(
            audio_file, config=config, transcription_config=transcription_config,
            parallel_engines=parallel_engines, user_id=user_id, wait=wait,
            format_type=format_type, filename=filename, progress=progress,
        ))  # fmt: skip

    def get_job_info(self, job_id: str, *, wait: int | None = None) -> JobDetails:
        return self._run(self._async.get_job_info(job_id, wait=wait))

    def list_jobs(
        self,
        *,
        limit: int | None = None,
        created_before: str | datetime | None = None,
        created_after: str | datetime | None = None,
        include_deleted: bool = False,
    ) -> list[JobDetails]:
        return self._run(self._async.list_jobs(
            limit=limit, created_before=created_before, created_after=created_after,
            include_deleted=include_deleted,
        ))  # fmt: skip

    def delete_job(self, job_id: str, *, force: bool = False) -> JobDetails | None:
        return self._run(self._async.delete_job(job_id, force=force))

    def get_job_log(self, job_id: str) -> str:
        return self._run(self._async.get_job_log(job_id))

    def get_transcript(
        self,
        job_id: str,
        *,
        format_type: FormatType | str = FormatType.JSON,
        wait: int | None = None,
    ) -> Transcript | str:
        return self._run(
            self._async.get_transcript(job_id, format_type=format_type, wait=wait)
        )

    def wait_for_completion(
        self,
        job_id: str,
        *,
        format_type: FormatType | str = FormatType.JSON,
        polling_interval: float = 5.0,
        min_polling_interval: float = 0.5,
        timeout: float | None = 3600.0,
        on_status: StatusCallback | None = None,
    ) -> Transcript | str:
        return self._run(self._async.wait_for_completion(
            job_id, format_type=format_type, polling_interval=polling_interval,
            min_polling_interval=min_polling_interval, timeout=timeout, on_status=on_status,
        ))  # fmt: skip

    def transcribe(
        self,
        audio_file: AudioSource,
        *,
        config: JobConfig | Mapping[str, Any] | None = None,
        transcription_config: TranscriptionConfig | None = None,
        format_type: FormatType | str = FormatType.JSON,
        polling_interval: float = 5.0,
        min_polling_interval: float = 0.5,
        timeout: float | None = 3600.0,
        parallel_engines: int | None = None,
        user_id: str | None = None,
        filename: str | None = None,
        progress: ProgressCallback | None = None,
        on_status: StatusCallback | None = None,
        wait: int | None = None,
    ) -> Transcript | str:
        """Submit `audio_file`, wait for the job and return its transcript (blocking)."""
        return self._run(self._async.transcribe(
            audio_file, config=config, transcription_config=transcription_config,
            format_type=format_type, polling_interval=polling_interval,
            min_polling_interval=min_polling_interval, timeout=timeout,
            parallel_engines=parallel_engines, user_id=user_id, filename=filename,
            progress=progress, on_status=on_status, wait=wait,
        ))  # fmt: skip
