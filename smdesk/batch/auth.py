"""Authentication strategies: a static API key, or short-lived keys (JWT) minted from it.

No key ever appears in a repr, log line or exception message.
"""

from __future__ import annotations

import abc
import asyncio
import concurrent.futures
import logging
import os
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import aiohttp

from smdesk.batch._http import USER_AGENT, exchange, new_request_id
from smdesk.batch._retry import RetryPolicy, call_with_retries
from smdesk.batch._tls import tls_connector
from smdesk.batch._wire import Endpoint, decode_object
from smdesk.batch.connection import DestinationGuard
from smdesk.batch.errors import AuthenticationError, BatchError, ConfigurationError, redact

__all__ = ["API_KEY_ENV", "MP_URL_ENV", "AuthBase", "JWTAuth", "StaticKeyAuth"]

logger = logging.getLogger(__name__)
T = TypeVar("T")

API_KEY_ENV = "SPEECHMATICS_API_KEY"
MP_URL_ENV = "SM_MANAGEMENT_PLATFORM_URL"
_REFRESH_MARGIN = 10.0  # seconds before expiry at which a temporary key is replaced
_MINT_TIMEOUT = aiohttp.ClientTimeout(total=15.0, connect=10.0)
# The long-lived key goes to the management platform: the same plain-http policy as the Batch URL.
_JWT_OPT_IN = "pass JWTAuth(allow_insecure_http=True)"


def _resolve_key(api_key: str | None) -> str:
    key = (api_key if api_key is not None else os.environ.get(API_KEY_ENV, "")).strip()
    if not key:
        raise ConfigurationError(
            f"No Speechmatics API key: pass api_key=... or set the {API_KEY_ENV} "
            "environment variable."
        )
    if not all(33 <= ord(c) <= 126 for c in key):
        # Never echo the key: a header error from aiohttp would print it.
        raise ConfigurationError(
            "The API key contains spaces, line breaks or non-ASCII characters; copy it again "
            "from the Speechmatics portal."
        )
    return key


def run_coroutine_blocking(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run `coroutine` to completion from sync code, whether or not a loop runs in this thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    # Called from inside a running loop: a private loop on a worker thread avoids nesting loops.
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="smdesk-auth") as pool:
        return pool.submit(asyncio.run, coroutine).result()


class AuthBase(abc.ABC):  # noqa: B024 - an ABC as in speechmatics.batch; neither method is abstract
    """Supplies the Authorization header for each request.

    Implement `get_auth_headers` (async), `get_auth_headers_sync` (blocking), or both: each one's
    default calls the other, so a subclass with only one works with AsyncClient and Client alike.
    """

    BASE_URL = "https://mp.speechmatics.com"

    async def get_auth_headers(self) -> dict[str, str]:
        """Headers to add to the next request (by default `get_auth_headers_sync` in a thread)."""
        if type(self).get_auth_headers_sync is AuthBase.get_auth_headers_sync:
            raise NotImplementedError(
                f"{type(self).__name__} implements neither get_auth_headers() nor "
                "get_auth_headers_sync()."
            )
        return await asyncio.to_thread(self.get_auth_headers_sync)

    def get_auth_headers_sync(self) -> dict[str, str]:
        """Headers for the next request, for callers without an event loop."""
        if type(self).get_auth_headers is AuthBase.get_auth_headers:
            raise NotImplementedError(
                f"{type(self).__name__} implements neither get_auth_headers() nor "
                "get_auth_headers_sync()."
            )
        return run_coroutine_blocking(self.get_auth_headers())

    def invalidate(self) -> bool:
        """Forget cached credentials after a 401; True if new ones can be obtained."""
        return False

    def secrets(self) -> tuple[str, ...]:
        """Values that must never be shown (used to scrub echoed error bodies)."""
        return ()


class StaticKeyAuth(AuthBase):
    """Sends the long-lived API key (argument, else $SPEECHMATICS_API_KEY) as a Bearer token."""

    def __init__(self, api_key: str | None = None) -> None:
        self._api_key = _resolve_key(api_key)

    def __repr__(self) -> str:
        return "StaticKeyAuth(api_key='<redacted>')"

    async def get_auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._api_key}"}

    def get_auth_headers_sync(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._api_key}"}

    def secrets(self) -> tuple[str, ...]:
        return (self._api_key,)


class JWTAuth(AuthBase):
    """Mints temporary keys (``POST {mp_url}/v1/api_keys?type=batch``), caches and renews them.

    A key is reused until `_REFRESH_MARGIN` seconds before its ttl runs out. Minting is
    retried on 408/429/5xx and connection errors; a refused long-lived key raises
    AuthenticationError.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        ttl: int = 60,
        region: str = "eu",  # eu | usa | au (Self-Service accounts: eu only)
        client_ref: str | None = None,
        mp_url: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
        allow_insecure_http: bool = False,
    ) -> None:
        if not isinstance(ttl, int) or not 60 <= ttl <= 86400:
            raise ConfigurationError("JWTAuth: ttl must be a whole number of seconds, 60..86400.")
        self._api_key = _resolve_key(api_key)
        self.ttl = ttl
        self.region = region
        self.client_ref = client_ref
        self.request_id = request_id  # sent as X-Request-Id when minting, for support requests
        self.mp_url = (mp_url or os.environ.get(MP_URL_ENV) or self.BASE_URL).rstrip("/")
        self.allow_insecure_http = allow_insecure_http
        self._destination = DestinationGuard(
            self.mp_url, allowed=allow_insecure_http, opt_in=_JWT_OPT_IN
        )
        self._retry = retry or RetryPolicy(max_retries=3)
        self._clock = clock
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock: asyncio.Lock | None = None
        self._lock_loop: asyncio.AbstractEventLoop | None = None
        self._sync_lock = threading.Lock()  # serialises minting from threads (sync Client)
        self.mint_count = 0  # how many keys were minted (diagnostics, tests)

    def __repr__(self) -> str:
        return f"JWTAuth(api_key='<redacted>', ttl={self.ttl}, mp_url={self.mp_url!r})"

    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self._api_key, self._token) if s)

    def invalidate(self) -> bool:
        had_token, self._token, self._expires_at = self._token is not None, None, 0.0
        return had_token

    async def get_auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {await self.get_token()}"}

    def get_auth_headers_sync(self) -> dict[str, str]:
        token = self._valid_token()
        if token is None:
            with self._sync_lock:
                token = self._valid_token() or run_coroutine_blocking(self.get_token())
        return {"Authorization": f"Bearer {token}"}

    async def get_token(self) -> str:
        token = self._valid_token()
        if token is not None:
            return token
        async with self._get_lock():
            token = self._valid_token()  # another task may have minted while we waited
            if token is None:
                await self._destination.check()
                token = await call_with_retries(self._mint, self._retry, what="JWT mint")
                self._token = token
                self._expires_at = self._clock() + self.ttl
                self.mint_count += 1
            return token

    def _valid_token(self) -> str | None:
        if self._token and self._clock() < self._expires_at - _REFRESH_MARGIN:
            return self._token
        return None

    def _get_lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self._lock is None or self._lock_loop is not loop:
            self._lock, self._lock_loop = asyncio.Lock(), loop
        return self._lock

    async def _mint(self) -> str:
        request_id = self.request_id or new_request_id()
        body: dict[str, Any] = {"ttl": self.ttl}
        if self.region:
            body["region"] = self.region
        if self.client_ref:
            body["client_ref"] = self.client_ref
        headers = {
            "Authorization": f"Bearer {self._api_key}",
            "User-Agent": USER_AGENT,
            "X-Request-Id": request_id,
        }
        try:
            session = aiohttp.ClientSession(timeout=_MINT_TIMEOUT, connector=tls_connector())
            async with session:
                response = await exchange(
                    session, "POST", f"{self.mp_url}/v1/api_keys", headers=headers,
                    request_id=request_id, params={"type": "batch"}, json_body=body,
                )  # fmt: skip
            data = decode_object(response, Endpoint.MINT)
        except BatchError as error:
            raise redact(error, self._api_key) from error.__cause__
        key = data.get("key_value")
        if not isinstance(key, str) or not key:
            raise AuthenticationError(
                "Creating a temporary key failed: the reply has no key_value.",
                status_code=response.status, request_id=response.request_id,
            )  # fmt: skip
        logger.debug("Minted a temporary key (ttl=%d s, request_id=%s)", self.ttl, request_id)
        return key
