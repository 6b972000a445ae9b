"""Connection settings: endpoint, key, timeouts and retry limits."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from smdesk.batch._retry import RetryPolicy
from smdesk.batch._upload import MAX_UPLOAD_BYTES as DEFAULT_MAX_UPLOAD_BYTES
from smdesk.batch.errors import ConfigurationError
from smdesk.batch.url_policy import check_resolved_host, insecure_http_reason, needs_resolution

__all__ = [
    "DEFAULT_URL",
    "ConnectionConfig",
    "DestinationGuard",
    "check_destination",
    "insecure_url_error",
    "resolve_url",
]

DEFAULT_URL = "https://asr.api.speechmatics.com/v2"
URL_ENV = "SPEECHMATICS_BATCH_URL"


@dataclass
class ConnectionConfig:
    """How to reach the Batch API.

    ``operation_timeout`` bounds each ordinary request; uploads are not bounded in total but fail
    when no bytes move for ``upload_idle_timeout`` seconds. Idempotent requests (GET, DELETE,
    key minting) are retried up to ``max_retries`` times on 408/429/5xx and connection errors;
    job submission never is.

    ``max_upload_bytes``: files of this size or more are refused before anything is sent. The
    SaaS API refuses uploads of 1 GB (1e9 bytes) or more; on-premises containers may accept
    more, so raise it only for a server that does.
    """

    connect_timeout: float = 30.0
    operation_timeout: float = 300.0
    # Ours, after the official fields so positional calls mean the same thing.
    url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    max_retries: int = 5
    retry_base_delay: float = 0.5
    retry_max_delay: float = 20.0
    max_retry_after: float = 120.0  # a longer Retry-After is reported as an error, not slept
    upload_idle_timeout: float = 120.0
    max_long_poll: int = 30  # seconds the server may hold a status request (the API's ?wait=N)
    # While waiting for a job, how long status requests may keep failing (network down, 5xx)
    # before wait_for_completion gives up; each request is also retried as above.
    poll_outage_tolerance: float = 300.0
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    # Plain http is refused unless the server is on this machine or a private network (the key
    # would cross the internet unencrypted). True accepts that risk for any http URL.
    allow_insecure_http: bool = False

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "operation_timeout", "upload_idle_timeout"):
            if not getattr(self, name) > 0:
                raise ConfigurationError(f"ConnectionConfig.{name} must be a positive number.")
        if self.max_retries < 0:
            raise ConfigurationError("ConnectionConfig.max_retries must be 0 or more.")
        limit = self.max_upload_bytes
        if isinstance(limit, bool) or not isinstance(limit, int) or limit <= 0:
            raise ConfigurationError(
                "ConnectionConfig.max_upload_bytes must be a positive whole number of bytes."
            )
        if not 0 <= self.max_long_poll <= 600:
            raise ConfigurationError("ConnectionConfig.max_long_poll must be 0..600 seconds.")

    def __repr__(self) -> str:
        key = "'<redacted>'" if self.api_key else "None"
        return (
            f"ConnectionConfig(url={self.url!r}, api_key={key}, "
            f"connect_timeout={self.connect_timeout}, operation_timeout={self.operation_timeout}, "
            f"max_retries={self.max_retries})"
        )

    @property
    def retry_policy(self) -> RetryPolicy:
        return RetryPolicy(
            max_retries=self.max_retries,
            base_delay=self.retry_base_delay,
            max_delay=self.retry_max_delay,
            max_retry_after=self.max_retry_after,
        )


def insecure_url_error(url: str, opt_in: str) -> ConfigurationError | None:
    """The refusal of plain http to a public address (None when `url` is acceptable).

    `opt_in` names the surface's explicit opt-in, e.g. "--allow-insecure-http".
    """
    reason = insecure_http_reason(url)
    return None if reason is None else _refusal(reason, opt_in)


def _refusal(reason: str, opt_in: str) -> ConfigurationError:
    return ConfigurationError(
        f"Refused: {reason}; use an https:// URL, or {opt_in} if you accept that risk."
    )


CONFIG_OPT_IN = "pass ConnectionConfig(allow_insecure_http=True)"


async def check_destination(url: str, opt_in: str = CONFIG_OPT_IN) -> None:
    """Resolve an http URL's host name and refuse it when any address is public."""
    host = needs_resolution(url)
    if host is None:
        return
    reason = await check_resolved_host(host, urlsplit(url).port)
    if reason is not None:
        raise _refusal(reason, opt_in)


def resolve_url(*candidates: str | None) -> str:
    """First non-empty candidate, else $SPEECHMATICS_BATCH_URL, else the default; validated."""
    url = next((c for c in candidates if c), None) or os.environ.get(URL_ENV) or DEFAULT_URL
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(
            f"The Batch API URL {url!r} is not valid; use e.g. {DEFAULT_URL}."
        )
    return url


class DestinationGuard:
    """The plain-http policy for one URL that receives a key: a literal public address is
    refused at once (here, raising ConfigurationError), a host name by what it resolves to, on
    the first :meth:`check`. ``allowed`` is the surface's explicit opt-in, named by `opt_in`."""

    def __init__(self, url: str, *, allowed: bool, opt_in: str = CONFIG_OPT_IN) -> None:
        self._url, self._opt_in = url, opt_in
        self._checked = allowed
        refused = None if allowed else insecure_url_error(url, opt_in)
        if refused is not None:
            raise refused

    async def check(self) -> None:
        """Resolve an http URL's host name (once) and refuse it when any address is public."""
        if not self._checked:
            await check_destination(self._url, self._opt_in)
            self._checked = True
