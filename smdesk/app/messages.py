"""Exception -> one plain sentence for the person using the app. Every user-facing error text
for failures below the app layer is decided here, so wording stays consistent."""

from __future__ import annotations

from urllib.parse import urlsplit

import aiohttp

from smdesk import batch
from smdesk.failures import Advice, describe_failure, status_sentence
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


def _advice(url: str | None) -> Advice:
    return Advice(
        where=_host(url),
        key_rejected=KEY_REJECTED,
        reconnect="check your internet connection",
        slow_down="lower the number of parallel jobs in Settings",
        job_may_exist=(
            "The file reached Speechmatics but its reply was lost; smdesk looks for the job it "
            "created before uploading again, so it is not transcribed (and billed) twice."
        ),
        job_gone=SERVER_LOST_JOB,
        unexpected="the details are in the log file (Help → Open log folder)",
    )


def status_message(status: int, *, url: str | None = None) -> str:
    """Sentence for an HTTP status from the API."""
    return status_sentence(status, _advice(url))


def user_message(exc: BaseException, *, url: str | None = None) -> str:
    """One sentence saying what went wrong and what to do. Never includes secrets.

    The table is smdesk.failures (shared with the CLI); only the app's advice is here."""
    if isinstance(exc, SecretStoreUnavailable):
        return str(exc)
    if isinstance(exc, aiohttp.ClientError) and not isinstance(exc, batch.BatchError):
        return f"Could not reach {_host(url)}; check your internet connection and try again."
    return describe_failure(exc, _advice(url))


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
