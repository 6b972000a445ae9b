"""Exceptions raised by smdesk.batch.

One root, :class:`BatchError`; every error carries ``status_code`` (the HTTP status, or ``None``
when there was no response) and ``request_id`` (the server's ``Request-Id`` header, else the
``X-Request-Id`` we sent).

Hierarchy::

    BatchError
    ├── AuthenticationError            401/403, failed temporary-key minting
    ├── ConfigurationError (ValueError) bad arguments, config the server rejected (400/422)
    ├── JobError                        job-level failures: not found, rejected, deleted, locked
    │   ├── JobExpiredError             410: the job or its transcript is gone
    │   └── TranscriptNotReadyError     404 on the transcript: still running (or unknown id)
    ├── TimeoutError (builtins.TimeoutError)   a job did not finish in time
    └── TransportError                  any other HTTP failure (429, 5xx, ...) or no response
        ├── ConnectionError (builtins.ConnectionError)   refused, reset, cut mid-upload
        │   └── CertificateError           the server's TLS certificate is not trusted
        └── RequestTimeoutError (TimeoutError)           one request got no answer in time

Files that cannot be read raise the builtin ``FileNotFoundError``/``IsADirectoryError``/
``PermissionError`` (not BatchError), so ``except FileNotFoundError`` works as the README shows.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

__all__ = [
    "AuthenticationError",
    "BatchError",
    "CertificateError",
    "ConfigurationError",
    "ConnectionError",
    "JobError",
    "JobExpiredError",
    "RequestTimeoutError",
    "TimeoutError",
    "TranscriptNotReadyError",
    "TransportError",
]

# Statuses worth retrying for idempotent requests: request timeout, rate limit, server trouble.
_TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


class BatchError(Exception):
    """Root of every smdesk.batch error."""

    # For a failed submit_job: True when the job may exist anyway (the file arrived, the reply
    # was lost: see smdesk.batch.recovery), False when it cannot; None for other requests.
    job_may_exist: bool | None = None

    def __init__(
        self,
        message: str = "",
        *args: object,
        status_code: int | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        # Same positional arguments as speechmatics.batch (BatchError(), JobError("a", "b")).
        super().__init__(message, *args)
        self.status_code = status_code
        self.request_id = request_id
        # Seconds the server asked us to wait (Retry-After), used by the retry loop.
        self.retry_after = retry_after
        # Set to False when an inner layer already retried (e.g. minting a temporary key).
        self.retryable: bool | None = None

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __str__(self) -> str:
        # Not OSError's "[Errno a] b" for ConnectionError("a", "b"): the official errors' text.
        return BaseException.__str__(self)

    @property
    def transient(self) -> bool:
        """True when repeating the same idempotent request may succeed."""
        return False

    def __repr__(self) -> str:
        extras = "".join(
            f", {name}={value!r}"
            for name, value in (("status_code", self.status_code), ("request_id", self.request_id))
            if value is not None
        )
        return f"{type(self).__name__}({self.message!r}{extras})"


class AuthenticationError(BatchError):
    """The API key (or temporary key) was refused: HTTP 401/403, or minting a JWT failed."""


class ConfigurationError(BatchError, ValueError):
    """Invalid arguments or job configuration (also raised for 400/422 replies)."""


class JobError(BatchError):
    """A job could not be found, was rejected or deleted, or cannot be changed right now."""


class JobExpiredError(JobError):
    """The job or its transcript has expired (HTTP 410, or status ``expired``)."""


class TranscriptNotReadyError(JobError):
    """The transcript is not available yet (HTTP 404 on the transcript endpoint)."""


class TimeoutError(BatchError, builtins.TimeoutError):
    """A job did not reach a final state within the given timeout."""


class TransportError(BatchError):
    """An HTTP request failed: an unexpected status, or no usable response at all."""

    @property
    def transient(self) -> bool:
        if self.retryable is not None:
            return self.retryable
        return self.status_code is None or self.status_code in _TRANSIENT_STATUSES


class ConnectionError(TransportError, builtins.ConnectionError):
    """The connection could not be made or was lost (e.g. cut in the middle of an upload)."""


class RequestTimeoutError(TransportError, TimeoutError):
    """A single HTTP request (or an upload that stopped moving) timed out."""


class CertificateError(ConnectionError):
    """The server's TLS certificate is not trusted (or not valid for its name). Never retried:
    trying again cannot make the certificate trusted."""

    @property
    def transient(self) -> bool:
        return False


REDACTED = "<redacted>"
# Whatever follows "Bearer" is a credential, whoever's it is (our key, a temporary key, a JWT).
_BEARER = re.compile(r"(?i)\b(bearer)(\s+|%20|\+)[^\s\"'<>,;&]{8,}")


def redact_text(text: str, secrets: Iterable[str | None] = ()) -> str:
    """`text` with every credential removed: any `Bearer <token>` and each of `secrets` in any
    form it may be echoed in (plain, URL-encoded). Redact BEFORE shortening a text: cutting first
    leaves a prefix of the key that no longer matches."""
    text = _BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    for secret in secrets:
        if not secret or len(secret) < 4:  # a tiny "secret" would mangle ordinary words
            continue
        for form in dict.fromkeys((secret, quote(secret, safe=""), quote_plus(secret))):
            text = text.replace(form, REDACTED)
    return text


def redact(error: BatchError, secret: str | None) -> BatchError:
    """Remove `secret` (and any bearer token) from the error's message in place."""
    cleaned = redact_text(error.message, (secret,))
    if cleaned != error.message:
        error.args = (cleaned, *error.args[1:])
    return error
