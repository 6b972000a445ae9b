"""Sans-I/O protocol layer: paths, headers, reply decoding and the status -> exception mapping.

Nothing here touches the network, so every mapping is testable from plain bytes.
"""

from __future__ import annotations

import email.utils
import json
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import quote

from smdesk.batch.errors import (
    AuthenticationError,
    BatchError,
    ConfigurationError,
    JobError,
    JobExpiredError,
    TranscriptNotReadyError,
    TransportError,
    redact_text,
)

JSON_CONTENT_TYPES = ("application/json", "application/vnd.speechmatics.v2")
_MAX_MESSAGE = 300
_TITLE = re.compile(r"<title>(.*?)</title>", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>")


class Endpoint(Enum):
    SUBMIT = "submit a job"
    LIST = "list jobs"
    JOB = "get job details"
    DELETE = "delete the job"
    TRANSCRIPT = "get the transcript"
    LOG = "get the job log"
    MINT = "create a temporary key"


@dataclass(frozen=True)
class RawResponse:
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes
    request_id: str  # the server's Request-Id when it sent one, else ours

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str:
        match = re.search(r"charset=([\w.-]+)", self.headers.get("content-type", ""), re.I)
        return match.group(1) if match else "utf-8"

    def text(self) -> str:
        try:
            return self.body.decode(self.charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def server_request_id(headers: Mapping[str, str], ours: str) -> str:
    return headers.get("request-id") or headers.get("x-request-id") or ours


def job_path(job_id: str, suffix: str = "") -> str:
    if not isinstance(job_id, str) or not job_id.strip():
        raise ConfigurationError("job_id must be a non-empty string (the id submit_job returned).")
    return f"/jobs/{quote(job_id.strip(), safe='')}{suffix}"


def bool_param(value: bool) -> str:
    return "true" if value else "false"


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date); None if absent/invalid."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


# Reply bodies --------------------------------------------------------------------------------
def is_json(response: RawResponse) -> bool:
    ctype = response.content_type
    return ctype.startswith(JSON_CONTENT_TYPES) or ctype.endswith("+json")


def decode_json(response: RawResponse, endpoint: Endpoint) -> Any:
    try:
        return json.loads(response.text())
    except ValueError:
        raise TransportError(
            f"Could not {endpoint.value}: the server's reply (HTTP {response.status}, "
            f"{response.content_type or 'no content type'}) is not valid JSON.",
            status_code=response.status,
            request_id=response.request_id,
        ) from None


def decode(response: RawResponse, endpoint: Endpoint, *, job_id: str | None = None) -> Any:
    """The reply's content (JSON value or text) for a 2xx status; else raise the mapped error."""
    if not 200 <= response.status < 300:
        raise error_for(response, endpoint, job_id=job_id)
    if is_json(response):
        return decode_json(response, endpoint)
    return response.text()


def decode_object(
    response: RawResponse, endpoint: Endpoint, *, job_id: str | None = None
) -> dict[str, Any]:
    """Like decode(), but the reply must be a JSON object."""
    data = decode(response, endpoint, job_id=job_id)
    if isinstance(data, str):
        data = decode_json(response, endpoint)
    if not isinstance(data, dict):
        raise TransportError(
            f"Could not {endpoint.value}: the server replied with JSON that is not an object.",
            status_code=response.status,
            request_id=response.request_id,
        )
    return data


def server_message(response: RawResponse, secrets: Iterable[str | None] = ()) -> str:
    """What the server said, in one short line: `error: detail`, an HTML title, or text.

    Credentials are removed before shortening, so an echoed key cannot survive half-cut."""
    text = redact_text(response.text(), secrets).strip()
    if is_json(response) or text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            parts = [str(data[k]) for k in ("error", "detail") if data.get(k)]
            if parts:
                return _shorten(": ".join(parts))
    title = _TITLE.search(text)
    if title:
        return _shorten(title.group(1))
    return _shorten(_TAGS.sub(" ", text))


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


# The one status -> exception mapping ---------------------------------------------------------
def error_for(
    response: RawResponse,
    endpoint: Endpoint,
    *,
    job_id: str | None = None,
    secrets: Iterable[str | None] = (),
) -> BatchError:
    status = response.status
    said = server_message(response, secrets)
    reason = f"HTTP {status}: {said}" if said else f"HTTP {status}"
    job = f"Job {job_id}" if job_id else "The job"
    kwargs: dict[str, Any] = {"status_code": status, "request_id": response.request_id}
    if status == 401:
        return AuthenticationError(
            f"The API key was not accepted ({reason}); check the key.", **kwargs
        )
    if status == 403:
        return AuthenticationError(
            f"The API key is not allowed to {endpoint.value} ({reason}).", **kwargs
        )
    if status == 404 and endpoint is Endpoint.TRANSCRIPT:
        return TranscriptNotReadyError(
            f"The transcript of job {job_id} is not available yet ({reason}); the job may still "
            "be running (or the id may be wrong): use wait_for_completion().",
            **kwargs,
        )
    if status == 404 and endpoint in (Endpoint.JOB, Endpoint.DELETE, Endpoint.LOG):
        return JobError(f"{job} was not found ({reason}); check the job id.", **kwargs)
    if status == 410:
        return JobExpiredError(
            f"{job} has expired and its data is no longer available ({reason}).", **kwargs
        )
    if status == 423 and endpoint is Endpoint.DELETE:
        return JobError(
            f"{job} is still running; pass force=True to delete it ({reason}).", **kwargs
        )
    if status in (400, 413, 415, 422):
        return ConfigurationError(f"The server refused to {endpoint.value} ({reason}).", **kwargs)
    if status == 429:
        return TransportError(
            f"The server is rate limiting requests ({reason}); try again later.",
            retry_after=parse_retry_after(response.headers.get("retry-after")),
            **kwargs,
        )
    if status >= 500:
        return TransportError(
            f"The server failed to {endpoint.value} ({reason}); try again later.",
            retry_after=parse_retry_after(response.headers.get("retry-after")),
            **kwargs,
        )
    return TransportError(f"Could not {endpoint.value} ({reason}).", **kwargs)
