"""The sans-I/O layer and retry policy, from plain bytes (no network needed)."""

from __future__ import annotations

import email.utils
import json
import time

import pytest

from smdesk.batch import (
    AuthenticationError,
    BatchError,
    ConfigurationError,
    JobError,
    JobExpiredError,
    RetryPolicy,
    TranscriptNotReadyError,
    TransportError,
    content_type_for,
)
from smdesk.batch._upload import sniff_extension
from smdesk.batch._wire import (
    Endpoint,
    RawResponse,
    decode,
    decode_object,
    error_for,
    job_path,
    parse_retry_after,
    server_message,
)
from smdesk.batch.connection import ConnectionConfig, resolve_url


def reply(
    status: int, body: object = b"", ctype: str = "application/json", **headers: str
) -> RawResponse:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    lowered = {k.replace("_", "-").lower(): v for k, v in headers.items()}
    lowered["content-type"] = ctype
    return RawResponse(status, lowered, raw, "ours-123")


@pytest.mark.parametrize(
    ("status", "endpoint", "expected"),
    [
        (401, Endpoint.SUBMIT, AuthenticationError), (403, Endpoint.LIST, AuthenticationError),
        (401, Endpoint.TRANSCRIPT, AuthenticationError), (401, Endpoint.MINT, AuthenticationError),
        (404, Endpoint.TRANSCRIPT, TranscriptNotReadyError), (404, Endpoint.JOB, JobError),
        (404, Endpoint.DELETE, JobError), (404, Endpoint.LIST, TransportError),
        (410, Endpoint.JOB, JobExpiredError), (410, Endpoint.TRANSCRIPT, JobExpiredError),
        (423, Endpoint.DELETE, JobError), (400, Endpoint.SUBMIT, ConfigurationError),
        (422, Endpoint.LIST, ConfigurationError), (429, Endpoint.SUBMIT, TransportError),
        (500, Endpoint.JOB, TransportError), (503, Endpoint.SUBMIT, TransportError),
        (418, Endpoint.JOB, TransportError),
    ],
)  # fmt: skip
def test_status_mapping(status: int, endpoint: Endpoint, expected: type[BatchError]) -> None:
    error = error_for(reply(status, {"code": status, "error": "Something"}), endpoint, job_id="j1")
    assert type(error) is expected
    assert error.status_code == status and error.request_id == "ours-123"
    assert "Something" in str(error)


def test_server_request_id_wins_and_transience() -> None:
    response = RawResponse(503, {"request-id": "srv-9"}, b"", "srv-9")
    error = error_for(response, Endpoint.JOB)
    assert error.request_id == "srv-9" and error.transient
    assert not error_for(reply(404), Endpoint.JOB).transient
    assert not error_for(reply(401), Endpoint.JOB).transient


def test_server_messages_are_short_and_plain() -> None:
    detail = {"code": 400, "error": "Job rejected", "detail": "Job config JSON is invalid"}
    assert server_message(reply(400, detail)) == "Job rejected: Job config JSON is invalid"
    html = b"<html><head><title>401 Authorization Required</title></head><body>nginx</body></html>"
    assert server_message(reply(401, html, "text/html")) == "401 Authorization Required"
    long = server_message(reply(500, b"x " * 1000, "text/plain"))
    assert len(long) <= 300 and long.endswith("…")


def test_decode_accepts_every_json_flavour_and_text() -> None:
    for ctype in ("application/json", "application/json; charset=utf-8",
                  "application/vnd.speechmatics.v2+json", "application/vnd.speechmatics.v2"):
        assert decode(reply(200, {"a": 1}, ctype), Endpoint.JOB) == {"a": 1}  # fmt: skip
    assert decode(reply(200, b"SPEAKER: S1\nHi", "text/plain"), Endpoint.TRANSCRIPT) == (
        "SPEAKER: S1\nHi"
    )
    latin = reply(200, "café".encode("latin-1"), "text/plain; charset=ISO-8859-1")
    assert decode(latin, Endpoint.TRANSCRIPT) == "café"
    # A JSON body under a wrong content type is still read where an object is required.
    assert decode_object(reply(200, {"id": "x"}, "text/plain"), Endpoint.SUBMIT) == {"id": "x"}
    with pytest.raises(TransportError, match="not valid JSON"):
        decode(reply(200, b"{oops", "application/json"), Endpoint.JOB)
    with pytest.raises(TransportError, match="not an object"):
        decode_object(reply(200, [1, 2]), Endpoint.JOB)


def test_retry_after_values() -> None:
    now = time.time()
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(" 0.5 ") == 0.5
    assert parse_retry_after("-4") == 0.0
    future = email.utils.formatdate(now + 30, usegmt=True)
    assert parse_retry_after(future, now=now) == pytest.approx(30, abs=1)
    assert parse_retry_after(email.utils.formatdate(now - 30, usegmt=True), now=now) == 0.0
    for bad in (None, "", "soon", "Mon, 99 Foo 2020"):
        assert parse_retry_after(bad) is None
    error = error_for(reply(429, {}, retry_after="7"), Endpoint.LIST)
    assert error.retry_after == 7.0


def test_retry_policy_backoff_is_capped_full_jitter() -> None:
    policy = RetryPolicy(max_retries=6, base_delay=0.5, max_delay=4.0, max_retry_after=60)
    transient = TransportError("x", status_code=503)
    for attempt in range(6):
        cap = min(4.0, 0.5 * 2**attempt)
        delays = [policy.delay_before_retry(attempt, transient) for _ in range(200)]
        assert all(d is not None and 0 <= d <= cap for d in delays)
        assert max(d for d in delays if d is not None) > cap / 2  # spread over the whole range
    assert policy.delay_before_retry(6, transient) is None  # out of retries
    assert policy.delay_before_retry(0, TransportError("x", status_code=400)) is None
    assert policy.delay_before_retry(0, JobError("x", status_code=404)) is None
    asked = TransportError("x", status_code=429, retry_after=12)
    assert policy.delay_before_retry(0, asked) == 12
    too_long = TransportError("x", status_code=429, retry_after=61)
    assert policy.delay_before_retry(0, too_long) is None
    assert policy.delay_before_retry(0, TransportError("no reply")) is not None  # status None


def test_job_ids_cannot_escape_the_path() -> None:
    assert job_path("abc123") == "/jobs/abc123"
    assert job_path("../usage", "/log") == "/jobs/..%2Fusage/log"
    with pytest.raises(ConfigurationError):
        job_path("  ")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("x.WAV", "audio/wav"), ("x.m4a", "audio/mp4"), ("x.mp3", "audio/mpeg"),
     ("x.amr", "audio/amr"), ("x.3gp", "video/3gpp"), ("x.unknownext", "application/octet-stream"),
     ("noext", "application/octet-stream")],
)  # fmt: skip
def test_content_types(name: str, expected: str) -> None:
    assert content_type_for(name) == expected


def test_unnamed_data_is_named_by_its_signature() -> None:
    assert sniff_extension(b"RIFF\x00\x00\x00\x00WAVEfmt ") == ".wav"
    assert sniff_extension(b"OggS\x00\x02") == ".ogg"
    assert sniff_extension(b"ID3\x04\x00") == ".mp3"
    assert sniff_extension(b"\x00\x00\x00\x20ftypM4A ") == ".m4a"
    assert sniff_extension(b"fLaC\x00") == ".flac"
    assert sniff_extension(b"hello") == ".bin"


def test_urls_and_limits_are_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPEECHMATICS_BATCH_URL", raising=False)
    assert resolve_url(None) == "https://asr.api.speechmatics.com/v2"
    assert resolve_url(" http://127.0.0.1:5/v2/ ") == "http://127.0.0.1:5/v2"
    monkeypatch.setenv("SPEECHMATICS_BATCH_URL", "https://eu1.asr.api.speechmatics.com/v2")
    assert resolve_url(None, None) == "https://eu1.asr.api.speechmatics.com/v2"
    for bad in ("ftp://x/v2", "asr.api.speechmatics.com/v2", "http://"):
        with pytest.raises(ConfigurationError, match="not valid"):
            resolve_url(bad)
    with pytest.raises(ConfigurationError, match="operation_timeout"):
        ConnectionConfig(operation_timeout=0)
    with pytest.raises(ConfigurationError, match="max_retries"):
        ConnectionConfig(max_retries=-1)
