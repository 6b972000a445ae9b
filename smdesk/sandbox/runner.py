"""Sandbox (async), SandboxThread (own loop in a daemon thread) and serve() (blocking CLI)."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Any, Self, TypeVar

from aiohttp import web

from smdesk.sandbox.app import create_app
from smdesk.sandbox.auth import KeyRing
from smdesk.sandbox.faults import DEFAULT_REJECT_MESSAGE, FaultPlan
from smdesk.sandbox.jobs import Job, JobStore
from smdesk.sandbox.options import SandboxOptions
from smdesk.sandbox.processing import Processor, complete, expire, reject

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    kind: str
    status: int  # 0 when the connection was cut on purpose


class SandboxStats:
    """Per-kind request counters and a request log; safe to read from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: Counter[str] = Counter()
        self.uploads = 0
        self.log: list[RequestRecord] = []

    def record(self, method: str, path: str, kind: str, status: int) -> None:
        with self._lock:
            self.requests[kind] += 1
            self.log.append(RequestRecord(method, path, kind, status))

    def count_upload(self) -> None:
        with self._lock:
            self.uploads += 1


class Sandbox:
    """A local server that answers like the Speechmatics Batch API v2. Use `async with`."""

    def __init__(self, options: SandboxOptions | None = None, **overrides: Any) -> None:
        self.options = dataclasses.replace(options or SandboxOptions(), **overrides)
        self.faults = FaultPlan()
        self.options.apply_startup_faults(self.faults)
        self.stats = SandboxStats()
        self.store = JobStore()
        self.keys = KeyRing(self.options.api_key)
        self.port = self.options.port
        self._tempdir: tempfile.TemporaryDirectory[str] | None = None
        self.spool_dir = Path(".")
        self.processor: Processor
        self._runner: web.AppRunner | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def __repr__(self) -> str:
        return f"Sandbox(url={self.url!r}, jobs={len(self.store)}, realism={self.options.realism})"

    @property
    def url(self) -> str:
        return f"{self.mp_url}/v2"

    @property
    def mp_url(self) -> str:
        host = self.options.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

    @property
    def jobs(self) -> Mapping[str, Job]:
        return MappingProxyType(self.store.by_id)

    async def start(self) -> None:
        if self.options.spool_dir is not None:
            self.spool_dir = Path(self.options.spool_dir)
            self.spool_dir.mkdir(parents=True, exist_ok=True)
        else:
            self._tempdir = tempfile.TemporaryDirectory(prefix="smdesk-sandbox-")
            self.spool_dir = Path(self._tempdir.name)
        self.processor = Processor(
            self.spool_dir,
            processing_factor=self.options.processing_factor,
            processing_seconds=self.options.processing_seconds,
            max_bytes=self.options.max_upload_bytes,
        )
        self._loop = asyncio.get_running_loop()
        self._runner = web.AppRunner(
            create_app(self), access_log=None, handle_signals=False, shutdown_timeout=0.25
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.options.host, self.options.port)
        try:
            await site.start()
        except OSError:
            await self.stop()
            raise
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        tasks = [j.task for j in self.store if j.task is not None and not j.task.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        for job in self.store:
            job.discard_spool()
        if self._tempdir is not None:
            with contextlib.suppress(OSError):
                self._tempdir.cleanup()
            self._tempdir = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # Controls for tests; callable from the sandbox loop or from any other thread. ---------
    def finish_job(self, job_id: str) -> None:
        """Complete a running job now (done, or rejected if it must be)."""
        self._on_loop(lambda: complete(self._job(job_id)))

    def reject_job(self, job_id: str, message: str = DEFAULT_REJECT_MESSAGE) -> None:
        def run() -> None:
            job = self._job(job_id)
            if job.task is not None and not job.task.done():
                job.task.cancel()
            job.transcript = None
            reject(job, message)

        self._on_loop(run)

    def expire_job(self, job_id: str) -> None:
        """As if the retention period elapsed: transcript gone (410), status expired."""
        self._on_loop(lambda: expire(self._job(job_id)))

    def job_status(self, job_id: str) -> str:
        return self._job(job_id).status

    def job(self, job_id: str) -> Job:
        return self._job(job_id)

    def _job(self, job_id: str) -> Job:
        job = self.store.get(job_id)
        if job is None:
            raise KeyError(f"no sandbox job {job_id!r}")
        return job

    def _on_loop(self, fn: Callable[[], T]) -> T:
        loop = self._loop
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if loop is None or running is loop or loop.is_closed():
            return fn()
        future: Future[T] = Future()

        def call() -> None:
            try:
                future.set_result(fn())
            except BaseException as e:  # handed back to the calling thread
                future.set_exception(e)

        loop.call_soon_threadsafe(call)
        return future.result(timeout=30)


class SandboxThread:
    """Runs a Sandbox on its own event loop in a daemon thread (GUI and CLI --sandbox)."""

    def __init__(self, options: SandboxOptions | None = None, **overrides: Any) -> None:
        self.sandbox = Sandbox(options, **overrides)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        return self.sandbox.url

    @property
    def mp_url(self) -> str:
        return self.sandbox.mp_url

    def start(self) -> Self:
        """Start and return once the server is listening (raises if it cannot listen)."""
        if self._thread is not None:
            return self
        self._thread = threading.Thread(target=self._main, name="smdesk-sandbox", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            self._thread.join()
            self._thread = None
            raise self._error
        return self

    def _main(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self.sandbox.start())
        except BaseException as e:
            self._error = e
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self.sandbox.stop())
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def stop(self) -> None:
        thread, loop = self._thread, self._loop
        if thread is None or loop is None:
            return
        if not loop.is_closed():
            loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=30)
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def serve(options: SandboxOptions) -> None:
    """Run until Ctrl-C, printing the URL and the key clients must use."""

    async def main() -> None:
        async with Sandbox(options) as sandbox:
            # The sandbox key is not a secret: the user must type it into the client.
            print(f"smdesk sandbox (stand-in for the Speechmatics Batch API) at {sandbox.url}")  # noqa: T201
            print(f"  API key:           {sandbox.options.api_key}")  # noqa: T201
            print(f"  temporary keys at: {sandbox.mp_url}/v1/api_keys?type=batch")  # noqa: T201
            print("  Press Ctrl-C to stop.", flush=True)  # noqa: T201
            await asyncio.Event().wait()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())
    print("sandbox stopped")  # noqa: T201
