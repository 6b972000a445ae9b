"""Jobs and their store: running -> done | rejected, deleted on request, expired on request."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import string
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RUNNING, DONE, REJECTED, DELETED, EXPIRED = "running", "done", "rejected", "deleted", "expired"
_ID_ALPHABET = string.ascii_lowercase + string.digits


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso_ms(moment: datetime) -> str:
    """The API's timestamp style: millisecond precision, UTC, trailing Z."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def new_job_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(10))


@dataclass
class Job:
    """One submitted job. Mutated only on the sandbox's event loop."""

    id: str
    config: dict[str, Any]
    created_at: datetime
    data_name: str
    spool_path: Path | None = None
    owns_spool: bool = True  # False for file:// fetches: never delete the user's file
    upload_content_type: str | None = None  # Content-Type of the received data_file part
    upload_filename: str | None = None
    size: int = 0
    sha256: str | None = None
    fetch_url: str | None = None
    status: str = RUNNING
    duration: float | None = None
    channels: int | None = None
    errors: list[dict[str, str]] = field(default_factory=list)
    transcript: dict[str, Any] | None = None
    log_lines: list[str] = field(default_factory=list)
    forced_rejection: str | None = None  # from FaultPlan.reject_next_jobs
    voice_generation: int = 1  # of the speaker identifiers this job returns
    finished_at: datetime | None = None
    # Set when the job leaves `running` (wait= requests block on it).
    left_running: asyncio.Event = field(default_factory=asyncio.Event, repr=False)
    # Set to end processing early (Sandbox.finish_job).
    finish_now: asyncio.Event = field(default_factory=asyncio.Event, repr=False)
    task: asyncio.Task[None] | None = field(default=None, repr=False)
    # Until this time.monotonic() the API does not show the job yet (FaultPlan late registration).
    visible_from: float = 0.0

    @property
    def registered(self) -> bool:
        return time.monotonic() >= self.visible_from

    def log(self, message: str, level: str = "INFO") -> None:
        stamp = utc_now().strftime("%Y-%m-%d %H:%M:%S,%f")[:-3]
        self.log_lines.append(f"{stamp} {level:<7} sandbox.orchestrator {message}")

    def add_error(self, message: str) -> None:
        self.errors.append({"timestamp": iso_ms(utc_now()), "message": message})

    def leave_running(self, status: str) -> None:
        self.status = status
        self.finished_at = utc_now()
        self.left_running.set()
        self.discard_spool()

    def discard_spool(self) -> None:
        """The audio is not needed once processing ended (keeps 1 GB uploads from piling up)."""
        if self.spool_path is not None and self.owns_spool:
            with contextlib.suppress(OSError):
                self.spool_path.unlink()
        self.spool_path = None

    async def wait_until_not_running(self, seconds: float) -> None:
        """Hold the caller until the job leaves `running` or `seconds` elapse."""
        if self.status != RUNNING or seconds <= 0:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.left_running.wait(), seconds)


class JobStore:
    """Jobs by id in submission order."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}

    def __len__(self) -> int:
        return len(self._jobs)

    def __iter__(self) -> Iterator[Job]:
        return iter(list(self._jobs.values()))

    @property
    def by_id(self) -> dict[str, Job]:
        return self._jobs

    def add(self, job: Job) -> Job:
        while job.id in self._jobs:
            job.id = new_job_id()
        self._jobs[job.id] = job
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def newest_first(self) -> list[Job]:
        return sorted(self._jobs.values(), key=lambda j: j.created_at, reverse=True)
