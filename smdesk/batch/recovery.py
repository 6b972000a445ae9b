"""Finding the job an upload created when its reply never arrived, so it is not billed twice.

The submission carries a tracking reference (``tracking.reference``) unique to the attempt; the
API echoes job configs, so the reference identifies the job. Only for a server that echoes no
references at all, a job with the same (canonical) file name created after the upload began is
taken. Speechmatics may list a job a few seconds after its upload arrived, so the search is
repeated for a bounded time before the caller concludes there is no job.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from datetime import datetime
from typing import Any

from smdesk.batch.errors import BatchError
from smdesk.batch.names import upload_filename

__all__ = [
    "CLOCK_SLACK_SECONDS",
    "find_submitted_job",
    "match_submitted_job",
    "reference_of",
    "with_reference",
]

logger = logging.getLogger(__name__)

CLOCK_SLACK_SECONDS = 60.0  # local vs server clock difference tolerated when matching by time
_GONE = frozenset({"deleted", "expired"})
ListJobs = Callable[[], Awaitable[Iterable[Any]]]


def with_reference(config: Mapping[str, Any], reference: str) -> dict[str, Any]:
    """`config` (a job config dict) tagged with this upload attempt's tracking reference."""
    tracking = dict(config.get("tracking") or {})
    tracking["reference"] = reference
    return {**config, "tracking": tracking}


def reference_of(job: Any) -> str | None:
    """The tracking reference the server echoes for `job` (JobDetails or a raw dict), if any."""
    tracking = getattr(getattr(job, "config", None), "tracking", None)
    reference = getattr(tracking, "reference", None)
    if reference is None:
        raw = job if isinstance(job, Mapping) else (getattr(job, "raw", None) or {})
        raw_config = raw.get("config") or {}
        reference = (raw_config.get("tracking") or {}).get("reference")
    return str(reference) if reference else None


def _status(job: Any) -> str:
    status = getattr(job, "status", "")
    return str(getattr(status, "value", status)).lower()


def _created(job: Any) -> float | None:
    text = getattr(job, "created_at", None)
    if isinstance(text, datetime):
        return text.timestamp()
    if not text:
        return None
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def match_submitted_job(
    jobs: Iterable[Any],
    *,
    reference: str,
    filename: str,
    since: float,
    exclude: Collection[str] = (),
) -> str | None:
    """The id of the job our upload (tagged `reference`, of local file `filename`, begun at
    `since`, a Unix time) created, among `jobs`; ids in `exclude` are already someone's."""
    jobs = list(jobs)
    wanted = upload_filename(filename)  # what the client really sent: the server's data_name
    echoes_references = any(reference_of(job) for job in jobs)
    by_time: list[tuple[float, str]] = []
    for job in jobs:
        job_id = str(getattr(job, "id", ""))
        if not job_id or job_id in exclude or _status(job) in _GONE:
            continue
        if reference_of(job) == reference:
            return job_id
        name = getattr(job, "data_name", None)
        if echoes_references or name is None or upload_filename(str(name)) != wanted:
            continue
        created = _created(job)
        if created is not None and created >= since - CLOCK_SLACK_SECONDS:
            by_time.append((created, job_id))
    return min(by_time)[1] if by_time else None


async def find_submitted_job(
    list_jobs: ListJobs,
    *,
    reference: str,
    filename: str,
    since: float,
    exclude: Collection[str] = (),
    patience: float = 0.0,
    interval: float = 2.0,
) -> str | None:
    """Search the job list for our upload's job, again every `interval` s for up to
    `patience` s (a job may be listed a little after its upload arrived). Errors listing the
    jobs propagate: without the list nobody can say the job does not exist."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    while True:
        jobs = await list_jobs()
        found = match_submitted_job(
            jobs, reference=reference, filename=filename, since=since, exclude=exclude
        )
        if found is not None or loop.time() >= deadline:
            return found
        logger.info("No server job for %s yet; looking again in %.1f s", reference, interval)
        await asyncio.sleep(min(interval, max(0.0, deadline - loop.time())))


def job_may_exist(error: BaseException) -> bool:
    """True when `error` ended a submission whose job may nevertheless have been created."""
    return isinstance(error, BatchError) and error.job_may_exist is True
