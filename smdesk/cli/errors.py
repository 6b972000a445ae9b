"""One plain sentence for every way a transcription can fail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from smdesk.cli.common import PORTAL_URL, URL_ENV
from smdesk.cli.outputs import OutputError
from smdesk.cli.recover import JobMayExistError

if TYPE_CHECKING:
    from smdesk.cli.transcribe import Endpoint

def describe_error(exc: BaseException, endpoint: Endpoint) -> str:
    """One sentence for the user: what went wrong and what to do."""
    from smdesk import batch
    from smdesk.batch.errors import CertificateError

    if isinstance(exc, (OutputError, JobMayExistError)):
        return str(exc)
    if isinstance(exc, batch.AuthenticationError):
        if endpoint.sandbox:
            return "the sandbox did not accept its own key; this is a bug in smdesk."
        return (f"That API key was not accepted by Speechmatics. Check it at {PORTAL_URL} "
                f"or set {endpoint.key_env}.")
    status = getattr(exc, "status_code", None)
    if isinstance(exc, CertificateError):  # already says why and how to trust a company CA
        return exc.message
    if isinstance(exc, batch.RequestTimeoutError):
        return (f"{endpoint.url} stopped answering; check your internet connection "
                "and try again.")
    if isinstance(exc, batch.TimeoutError):
        return "Speechmatics did not finish in time; the job may still complete, try again later."
    if isinstance(exc, batch.ConnectionError) or (
            isinstance(exc, batch.BatchError) and status is None and _caused_by_oserror(exc)):
        return (f"could not connect to {endpoint.url}; check your internet connection "
                f"(or {URL_ENV}/--url) and try again.")
    if status == 429:
        return "Speechmatics is limiting requests from this account (HTTP 429); " \
               "try again in a minute or use a lower --concurrency."
    if status is not None and status >= 500:
        return f"the Speechmatics service had an error (HTTP {status}); try again later."
    message = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, batch.BatchError):
        return message
    return f"unexpected error ({type(exc).__name__}: {message}); " \
           "run again with SMDESK_DEBUG=1 for details."


def _caused_by_oserror(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def scrub(message: str, secret: str) -> str:
    """Defence in depth: a server echoing the key (in any form) must not get it printed."""
    from smdesk.batch.errors import redact_text

    return redact_text(message, (secret,))


# ---------------------------------------------------------------------------------------------
# Progress on stderr


