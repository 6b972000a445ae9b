"""Bearer-key checks and temporary keys (POST /v1/api_keys?type=batch)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class KeyRing:
    """The long-lived key plus the temporary keys minted from it (valid until their ttl)."""

    def __init__(self, api_key: str) -> None:
        self._api_key = api_key
        self._secret = secrets.token_bytes(32)
        self._minted: dict[str, float] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"KeyRing(temporary_keys={len(self._minted)})"

    def is_long_lived(self, token: str) -> bool:
        return hmac.compare_digest(token.encode(), self._api_key.encode())

    def is_valid(self, token: str) -> bool:
        if self.is_long_lived(token):
            return True
        with self._lock:
            expires = self._minted.get(token)
        return expires is not None and time.time() < expires

    def mint(self, ttl: int, key_type: str = "batch") -> str:
        """A JWT-shaped temporary key (signed so it looks real; only this sandbox checks it)."""
        now = time.time()
        header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        claims = {
            "type": key_type,
            "iat": int(now),
            "exp": int(now + ttl),
            "jti": secrets.token_hex(8),
        }
        payload = _b64(json.dumps(claims).encode())
        signed = f"{header}.{payload}".encode()
        signature = _b64(hmac.new(self._secret, signed, hashlib.sha256).digest())
        token = f"{header}.{payload}.{signature}"
        with self._lock:
            self._minted[token] = now + ttl
        return token


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, or None."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()
