"""One HTTP exchange over aiohttp: send, read the whole reply, translate aiohttp's exceptions.

Returns a `RawResponse` for every status; `_wire.decode` decides what a status means.
"""

from __future__ import annotations

import platform
import sys
import uuid
from collections.abc import Mapping
from typing import Any

import aiohttp

from smdesk import __version__ as smdesk_version
from smdesk.batch._wire import RawResponse, server_request_id
from smdesk.batch.errors import CertificateError, ConnectionError, RequestTimeoutError

USER_AGENT = (
    f"smdesk/{smdesk_version} aiohttp/{aiohttp.__version__} python/{platform.python_version()}"
)


def new_request_id() -> str:
    return str(uuid.uuid4())


async def exchange(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    *,
    headers: Mapping[str, str],
    request_id: str,
    params: Mapping[str, str] | None = None,
    json_body: Any = None,
    data: Any = None,
    client_timeout: aiohttp.ClientTimeout | None = None,
    allow_redirects: bool = True,
) -> RawResponse:
    """Send one request and read the full reply. Raises ConnectionError/RequestTimeoutError."""
    what = f"{method} {url.split('?')[0]}"
    options: dict[str, Any] = {
        "headers": dict(headers), "params": params, "allow_redirects": allow_redirects
    }
    if json_body is not None:
        options["json"] = json_body
    if data is not None:
        options["data"] = data
    if client_timeout is not None:
        options["timeout"] = client_timeout
    try:
        async with session.request(method, url, **options) as response:
            body = await response.read()
            lowered = {k.lower(): v for k, v in response.headers.items()}
            return RawResponse(
                response.status, lowered, body, server_request_id(lowered, request_id)
            )
    except TimeoutError as exc:  # aiohttp's ServerTimeoutError is one too
        raise RequestTimeoutError(
            f"{what} got no answer in time (request_id={request_id}).", request_id=request_id
        ) from exc
    except aiohttp.ClientConnectorCertificateError as exc:
        raise CertificateError(
            certificate_sentence(exc.host, exc.certificate_error), request_id=request_id
        ) from exc
    except aiohttp.ClientError as exc:
        raise ConnectionError(
            f"{what} failed: {describe_client_error(exc)} (request_id={request_id}).",
            request_id=request_id,
        ) from exc


def describe_client_error(exc: BaseException) -> str:
    """A short reason for an aiohttp/OS error (no headers, no secrets)."""
    if isinstance(exc, aiohttp.ClientConnectorError):
        return f"cannot connect to {exc.host}:{exc.port} ({exc.os_error.strerror or exc.os_error})"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "the server closed the connection"
    if isinstance(exc, aiohttp.ClientPayloadError):
        return "the reply was cut off"
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def trust_advice(platform: str = sys.platform) -> str:
    """How to trust a company CA where smdesk looks for trust (the OS store, see _tls)."""
    where = {
        "win32": "Windows' certificate store (Trusted Root Certification Authorities)",
        "darwin": "the macOS Keychain, marked as trusted",
    }.get(platform)
    if where is None:  # Linux: OpenSSL's paths, which SSL_CERT_FILE overrides
        where = ("the system's CA certificates (update-ca-certificates or update-ca-trust), "
                 "or set SSL_CERT_FILE to a PEM file containing it")
    return f"if your organisation uses its own certificate authority, add it to {where}"


def certificate_sentence(host: str, problem: BaseException) -> str:
    """Why the connection was refused, and how to trust a company CA. Nothing was sent."""
    reason = getattr(problem, "verify_message", None) or str(problem) or type(problem).__name__
    return (
        f"The certificate of {host} is not trusted ({reason}), so nothing was sent; "
        f"{trust_advice()}."
    )
