"""The workflow around the HTTP calls: argument checks, reading replies, waiting for a job."""

from __future__ import annotations

import asyncio
import inspect
import logging
import math
import random
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from smdesk.batch._wire import Endpoint, RawResponse, decode_object
from smdesk.batch.enums import FormatType, JobStatus
from smdesk.batch.errors import ConfigurationError, JobError, JobExpiredError, TransportError
from smdesk.batch.results import JobDetails, Transcript

logger = logging.getLogger("smdesk.batch.client")

StatusCallback = Callable[[JobDetails], None]
GetJobInfo = Callable[..., Awaitable[JobDetails]]
_BACKOFF = 1.6  # growth of the pause between polls when the server does not hold requests
_HELD = 2.0  # a reply this late (or at `wait`) shows the server supports long polling


def to_format(format_type: FormatType | str) -> FormatType:
    if isinstance(format_type, FormatType):
        return format_type
    value = str(format_type).lower()
    try:
        return FormatType("json" if value in ("json-v2", "json_v2") else value)
    except ValueError:
        raise ConfigurationError(
            f"Unknown transcript format {format_type!r}; use FormatType.JSON, TXT or SRT."
        ) from None


def check_wait(wait: int | None) -> None:
    if wait is not None and (isinstance(wait, bool) or not isinstance(wait, int) or wait < 0):
        raise ConfigurationError("wait must be a whole, non-negative number of seconds.")


def check_callback(name: str, callback: object) -> None:
    if callback is not None and (
        not callable(callback) or inspect.iscoroutinefunction(callback)
    ):
        raise ConfigurationError(f"{name} must be a plain (not async) function or None.")


def check_intervals(polling_interval: float, min_polling_interval: float) -> None:
    if not polling_interval > 0 or not min_polling_interval > 0:
        raise ConfigurationError("polling_interval and min_polling_interval must be positive.")


def timestamp(value: str | datetime | None) -> str | None:
    if isinstance(value, datetime):
        value = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
        return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return value or None


def embedded_transcript(data: Mapping[str, Any], fmt: FormatType) -> Transcript | str | None:
    """The transcript a `POST /jobs?wait=N` reply may carry (best effort, per the API)."""
    value = data.get(fmt.api_value)
    if fmt is FormatType.JSON and isinstance(value, Mapping):
        return Transcript.from_dict(value)
    if fmt is not FormatType.JSON and isinstance(value, str):
        return value
    return None


def parse_transcript(response: RawResponse) -> Transcript:
    return Transcript.from_dict(decode_object(response, Endpoint.TRANSCRIPT))


def raise_if_failed(details: JobDetails) -> None:
    reasons = "; ".join(details.error_messages)
    because = f": {reasons}" if reasons else ""
    if details.status is JobStatus.REJECTED:
        raise JobError(f"Job {details.id} was rejected{because}.")
    if details.status is JobStatus.DELETED:
        raise JobError(f"Job {details.id} was deleted before it finished.")
    if details.status is JobStatus.EXPIRED:
        raise JobExpiredError(f"Job {details.id} has expired; its transcript is gone.")


async def poll_until_done(
    get_job_info: GetJobInfo,
    job_id: str,
    *,
    max_interval: float,
    min_interval: float,
    limit: float | None,
    on_status: StatusCallback | None,
    longest_hold: int,
    outage_tolerance: float = 0.0,
) -> JobDetails:
    """Poll until the job is done (or raise for rejected/deleted/expired).

    Each request asks the server to hold it (``?wait=N``, bounded by the time left), so a
    finished job is seen at once with few requests. A server that answers early gets polled
    with a pause growing from `min_interval` to `max_interval`. Transient failures (network,
    429, 5xx) are waited out for up to `outage_tolerance` seconds in a row.
    """
    loop = asyncio.get_running_loop()
    deadline = None if limit is None else loop.time() + limit
    pause = min(min_interval, max_interval)
    polls = 0
    failing_since: float | None = None
    logger.debug("Waiting for job %s (long polls <= %d s)", job_id, longest_hold)
    while True:
        hold = _hold_seconds(longest_hold, deadline, loop.time())
        started = loop.time()
        try:
            details = await get_job_info(job_id, wait=hold)
        except TransportError as error:
            failing_since = started if failing_since is None else failing_since
            if not error.transient or loop.time() - failing_since >= outage_tolerance:
                raise
            logger.warning("Status of job %s unavailable (%s); still waiting", job_id, error)
            await asyncio.sleep(max_interval * random.uniform(0.8, 1.2))
            continue
        failing_since = None
        polls += 1
        if on_status is not None:
            on_status(details)
        if details.status is JobStatus.DONE:
            logger.info("Job done (job_id=%s, polls=%d)", job_id, polls)
            return details
        raise_if_failed(details)
        if details.status is JobStatus.UNKNOWN:
            logger.warning("Job %s has unknown status %r; waiting", job_id, details.raw_status)
        elapsed = loop.time() - started
        if hold > 0 and elapsed >= min(hold, _HELD) * 0.8:
            continue  # the server holds requests (perhaps capping `wait`): ask again at once
        await asyncio.sleep(max(0.0, pause * random.uniform(0.8, 1.2) - elapsed))
        pause = min(pause * _BACKOFF, max_interval)


def _hold_seconds(longest: int, deadline: float | None, now: float) -> int:
    if deadline is None:
        return longest
    return max(0, min(longest, math.floor(deadline - now)))
