"""Exception -> one plain sentence for the person using the app. Every user-facing error text
for failures below the app layer is decided here, so wording stays consistent."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

import aiohttp

from smdesk import batch
from smdesk.batch.errors import CertificateError
from smdesk.media import MediaError
from smdesk.store.secrets import SecretStoreUnavailable

KEY_REJECTED = (
    "That API key was not accepted by Speechmatics. Copy it again from the Speechmatics "
    "portal and paste it in Account → Change API key."
)
# The same news inside the API key dialog, where "Account → Change API key" is where you are.
KEY_REJECTED_HERE = (
    "Speechmatics did not accept that API key. Copy it again from the Speechmatics portal and "
    "paste it here."
)
SAVED_KEY_REJECTED = (
    "Speechmatics no longer accepts the saved API key. Paste a current key from the Speechmatics "
    "portal here, then choose Retry on the failed jobs."
)
SANDBOX_LOST_JOB = (
    "The sandbox was restarted and no longer has this job (sandbox jobs live only in memory). "
    "Choose Retry to upload the file again."
)
SERVER_LOST_JOB = (
    "Speechmatics no longer has this job (it was deleted or is older than 7 days). "
    "Choose Retry to upload the file again."
)
ENDPOINT_UNAVAILABLE = "Waiting for the connection this job was started on"
WAITING_TO_CONNECT = (
    "Waiting until you connect: Account → Change API key, or Account → Try without an account."
)
WAITING_FOR_CONSENT = "Waiting for you to agree to send the file to Speechmatics."


def _host(url: str | None) -> str:
    if not url:
        return "Speechmatics"
    return urlsplit(url).netloc or url


def status_message(status: int, *, url: str | None = None) -> str:
    """Sentence for an HTTP status from the API."""
    if status in (401, 403):
        return KEY_REJECTED
    if status == 404:
        return SERVER_LOST_JOB
    if status == 410:
        return SERVER_LOST_JOB
    if status == 413:
        return "The file is larger than Speechmatics accepts (1 GB); shorten or compress it."
    if status == 429:
        return (
            "Speechmatics is busy with too many of your jobs at once; "
            "try again in a minute or lower the number of parallel jobs in Settings."
        )
    if status >= 500:
        return f"Speechmatics had a server problem (HTTP {status}); try again in a few minutes."
    return f"Speechmatics refused the request (HTTP {status})."


def user_message(exc: BaseException, *, url: str | None = None) -> str:
    """One sentence saying what went wrong and what to do. Never includes secrets."""
    if isinstance(exc, batch.AuthenticationError):
        return KEY_REJECTED
    if isinstance(exc, batch.JobExpiredError):
        return SERVER_LOST_JOB
    if isinstance(exc, (MediaError, SecretStoreUnavailable)):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        name = exc.filename if exc.filename else str(exc)
        return f"{name}: the file is no longer there; it was moved or deleted."
    if isinstance(exc, PermissionError):
        return f"{exc.filename or 'A file'}: smdesk may not read this file; check its permissions."
    if isinstance(exc, CertificateError):  # says why, that nothing was sent, how to trust a CA
        return exc.message
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        return status_message(status, url=url)
    if isinstance(exc, (asyncio.TimeoutError, batch.TimeoutError)):
        return f"{_host(url)} did not answer in time; check your connection and try again."
    if isinstance(exc, (aiohttp.ClientError, batch.TransportError, ConnectionError, OSError)):
        return f"Could not reach {_host(url)}; check your internet connection and try again."
    if isinstance(exc, batch.BatchError):
        text = str(exc).strip()
        return text if text.endswith(".") else f"{text}."
    return (
        f"Something unexpected went wrong ({type(exc).__name__}); "
        "the details are in the log file (Help → Open log folder)."
    )


# Advice to try again yourself, which is wrong while the app is already retrying on its own.
_TRY_AGAIN_ADVICE = (
    " and try again.", "; try again in a few minutes.", "; try again in a minute or",
)


def retrying_message(exc: BaseException, then: str, *, url: str | None = None) -> str:
    """What went wrong, then what the app does about it ("Trying again in 2 s."), without
    telling the person to try again themselves."""
    text = user_message(exc, url=url)
    for advice in _TRY_AGAIN_ADVICE:
        cut = text.find(advice)
        if cut >= 0:
            text = text[:cut] + "."
            break
    return f"{text} {then}"
