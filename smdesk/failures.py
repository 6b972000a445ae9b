"""The one exception -> sentence table, for the app and the CLI (Qt-free).

What went wrong is decided once, here; only the advice differs per surface (a menu in the app,
an option or variable on the command line), and each surface passes its own `Advice`. Before
this table existed the CLI kept a copy that drifted: a lost submit reply there said "could not
connect… try again", and following that advice billed a second job.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from smdesk import batch
from smdesk.batch.errors import CertificateError
from smdesk.media import MediaError

__all__ = ["Advice", "describe_failure", "status_sentence"]


@dataclass(frozen=True)
class Advice:
    """The surface-specific half of each sentence."""

    where: str  # the server, as the person knows it ("Speechmatics", "https://…/v2")
    key_rejected: str  # the whole sentence for a refused key
    reconnect: str  # how to check the connection, e.g. "check your internet connection"
    slow_down: str  # what to do about 429, e.g. "lower the number of parallel jobs in Settings"
    job_may_exist: str  # a submit whose reply was lost: how to go on without paying twice
    job_gone: str  # the server no longer has the job (404/410/expired)
    unexpected: str  # where the details of an unexpected error are


def describe_failure(exc: BaseException, advice: Advice) -> str:
    """One sentence: what went wrong and what to do. Never includes secrets (the client redacts
    what a server echoes; the sentences here are built from our own words)."""
    known = _local_problem(exc)
    if known is not None:
        return known
    if isinstance(exc, batch.AuthenticationError):
        return advice.key_rejected
    if isinstance(exc, CertificateError):  # says why, that nothing was sent, how to trust a CA
        return exc.message
    if isinstance(exc, batch.BatchError) and exc.job_may_exist:
        return advice.job_may_exist
    if isinstance(exc, batch.BatchError) and exc.job_may_exist is False and exc.status_code is None:
        return _sentence(exc.message)  # how far the upload got; no job was created
    if isinstance(exc, batch.JobExpiredError):
        return advice.job_gone
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        return status_sentence(status, advice)
    if isinstance(exc, (asyncio.TimeoutError, batch.TimeoutError)):
        return f"{advice.where} did not answer in time; {advice.reconnect} and try again."
    if isinstance(exc, (batch.TransportError, ConnectionError)):
        return f"Could not reach {advice.where}; {advice.reconnect} and try again."
    if isinstance(exc, batch.BatchError):
        return _sentence(str(exc))
    return f"Something unexpected went wrong ({type(exc).__name__}); {advice.unexpected}."


def _local_problem(exc: BaseException) -> str | None:
    """Problems with the file on this computer: the same sentence everywhere."""
    if isinstance(exc, MediaError):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        name = exc.filename or str(exc)
        return f"{name}: the file is no longer there; it was moved or deleted."
    if isinstance(exc, PermissionError):
        return f"{exc.filename or 'A file'}: smdesk may not read this file; check its permissions."
    if isinstance(exc, UnicodeError):
        return (
            "A file name or text could not be handled as UTF-8 text; rename the file using "
            "ordinary characters and try again."
        )
    return None


def status_sentence(status: int, advice: Advice) -> str:
    """The sentence for an HTTP error status from the API."""
    if status in (401, 403):
        return advice.key_rejected
    if status in (404, 410):
        return advice.job_gone
    if status == 413:
        return "The file is larger than Speechmatics accepts (1 GB); shorten or compress it."
    if status == 429:
        return (
            "Speechmatics is busy with too many of your jobs at once; try again in a minute or "
            f"{advice.slow_down}."
        )
    if status >= 500:
        return f"Speechmatics had a server problem (HTTP {status}); try again in a few minutes."
    return f"Speechmatics refused the request (HTTP {status})."


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith(".") else f"{text}."
