"""`transcribe` after a lost submit reply: find the job on the server instead of billing twice."""

from __future__ import annotations

import secrets
import time
from typing import Any

from smdesk.cli.common import PORTAL_URL

# How long to keep looking for the job of a lost reply (the API may list it a little late).
LOST_REPLY_PATIENCE = 20.0
LOST_REPLY_INTERVAL = 2.0


class JobMayExistError(Exception):
    """The upload may have created a job that cannot be found; str() is the user's sentence."""


def tagged(config: Any) -> tuple[Any, str]:
    """`config` with a tracking reference unique to this upload, and that reference."""
    from smdesk.batch import JobConfig
    from smdesk.batch.recovery import with_reference

    reference = f"smdesk-cli-{secrets.token_hex(8)}"
    return JobConfig.from_dict(with_reference(config.to_dict(), reference)), reference


async def find_lost_job(client: Any, error: BaseException, *, reference: str, filename: str,
                        since: float) -> str:
    """The id of the job a submission that ended with `error` created; raises `error` when
    no job can exist, JobMayExistError when one may exist but is not listed."""
    from smdesk.batch import BatchError
    from smdesk.batch.recovery import find_submitted_job, job_may_exist

    if not job_may_exist(error):
        raise error
    try:
        found = await find_submitted_job(
            lambda: client.list_jobs(limit=100), reference=reference, filename=filename,
            since=since, patience=LOST_REPLY_PATIENCE, interval=LOST_REPLY_INTERVAL)
    except BatchError:
        found = None
    if found is None:
        raise JobMayExistError(
            "the file was uploaded but Speechmatics' reply was lost, so it may be transcribing "
            f"(and billed) already; check your jobs at {PORTAL_URL} before running this file "
            "again, so it is not transcribed twice.") from error
    return found


def now() -> float:
    return time.time()
