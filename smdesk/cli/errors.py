"""One plain sentence for every way a transcription can fail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from smdesk.cli.common import PORTAL_URL, URL_ENV
from smdesk.cli.outputs import OutputError
from smdesk.cli.recover import JobMayExistError

if TYPE_CHECKING:
    from smdesk.cli.transcribe import Endpoint

def describe_error(exc: BaseException, endpoint: Endpoint) -> str:
    """One sentence for the user: what went wrong and what to do (the table is shared with the
    app in smdesk.failures; only the command line's advice is here)."""
    from smdesk import batch
    from smdesk.failures import Advice, describe_failure

    if isinstance(exc, (OutputError, JobMayExistError)):
        return str(exc)
    if isinstance(exc, batch.AuthenticationError) and endpoint.sandbox:
        return "the sandbox did not accept its own key; this is a bug in smdesk."
    return describe_failure(exc, Advice(
        where=endpoint.url,
        key_rejected=(f"That API key was not accepted by Speechmatics. Check it at {PORTAL_URL} "
                      f"or set {endpoint.key_env}."),
        reconnect=f"check your internet connection (or {URL_ENV}/--url)",
        slow_down="use a lower --concurrency",
        job_may_exist=(f"the file was uploaded but Speechmatics' reply was lost, so it may be "
                       f"transcribing (and billed) already; check your jobs at {PORTAL_URL} "
                       "before running this file again, so it is not transcribed twice."),
        job_gone="Speechmatics no longer has this job (deleted, or older than 7 days).",
        unexpected="run again with SMDESK_DEBUG=1 for details",
    ))


def scrub(message: str, secret: str) -> str:
    """Defence in depth: a server echoing the key (in any form) must not get it printed."""
    from smdesk.batch.errors import redact_text

    return redact_text(message, (secret,))


# ---------------------------------------------------------------------------------------------
# Progress on stderr


