"""The Speechmatics API key: OS keyring (``keyring``), or memory for "this session only".

The key is never written to settings, the database or a log, never appears in an exception message
or a ``repr``. ``SPEECHMATICS_API_KEY`` in the environment overrides the stored key for the session.

Every keyring call may block (D-Bus round trips, an unlock prompt): callers on an event loop must
run ``keyring_available``, ``resolve_api_key`` and the store methods in an executor.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Mapping
from typing import Protocol, TypeVar, runtime_checkable

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import chainer, fail

log = logging.getLogger(__name__)

SERVICE_NAME = "smdesk"
API_KEY_USERNAME = "speechmatics-api-key"
API_KEY_ENV_VAR = "SPEECHMATICS_API_KEY"

NO_KEYRING_MESSAGE = (
    "No system keyring is available to store the API key (on Linux, a Secret Service such as "
    "GNOME Keyring or KWallet must be running); smdesk can use the key for this session only."
)

T = TypeVar("T")

# Speechmatics keys are 32 letters/digits; D-Bus names and paths have shorter dotted segments.
_TOKEN_LIKE = re.compile(r"[A-Za-z0-9_+-]{20,}")


class SecretStoreUnavailable(RuntimeError):  # noqa: N818 - contracted name
    """The keyring is missing, locked or failing. ``str(e)`` is a plain sentence, never the key.

    ``detail`` holds the backend's own (scrubbed) explanation for the log.
    """

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


@runtime_checkable
class SecretStore(Protocol):
    def get_api_key(self) -> str | None: ...
    def set_api_key(self, key: str) -> None: ...
    def delete_api_key(self) -> None: ...


def _backend_is_usable(backend: keyring.backend.KeyringBackend) -> bool:
    if isinstance(backend, fail.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return bool(backend.backends)  # an empty chain silently drops what it is given
    # keyring.backends.null.Keyring (priority < 0) also silently drops secrets.
    try:
        return float(backend.priority) > 0
    except Exception:  # a backend whose priority check fails is not usable
        return False


def keyring_available() -> bool:
    """True when a real keyring backend is configured (blocking: first call probes D-Bus)."""
    try:
        return _backend_is_usable(keyring.get_keyring())
    except Exception as exc:
        log.warning("Keyring backend detection failed: %s", type(exc).__name__)
        return False


def _scrub(text: str, secret: str | None) -> str:
    """Backend messages are logged; hide the key and anything shaped like one."""
    if secret:
        text = text.replace(secret, "***")
    return _TOKEN_LIKE.sub("***", text)[:300]


def _validate_key(key: str) -> str:
    if not isinstance(key, str) or not key.strip():
        raise ValueError("The API key is empty; paste the key from the Speechmatics portal.")
    if key != key.strip() or any(ch.isspace() for ch in key):
        raise ValueError("The API key contains spaces or line breaks; paste it again.")
    return key


class KeyringSecretStore:
    """The API key in the OS keyring under ``service`` / ``username``."""

    source = "keyring"

    def __init__(self, service: str = SERVICE_NAME, username: str = API_KEY_USERNAME) -> None:
        self.service = service
        self.username = username

    def __repr__(self) -> str:
        return f"KeyringSecretStore(service={self.service!r}, username={self.username!r})"

    def backend_name(self) -> str:
        """Human name of the keyring backend (e.g. "SecretService Keyring"), for the UI."""
        try:
            backend = keyring.get_keyring()
            chain = backend.backends if isinstance(backend, chainer.ChainerBackend) else [backend]
            return ", ".join(str(getattr(b, "name", type(b).__name__)) for b in chain) or "none"
        except Exception:  # only a label: never let it break the settings dialog
            return "unknown"

    def _call(self, action: str, operation: Callable[[], T], secret: str | None = None) -> T:
        """Run a keyring call; any failure becomes SecretStoreUnavailable without the key."""
        if not keyring_available():
            raise SecretStoreUnavailable(NO_KEYRING_MESSAGE)
        try:
            return operation()
        except keyring.errors.KeyringLocked:
            raise SecretStoreUnavailable(
                f"The system keyring is locked, so the API key could not be {action}; unlock it "
                "and try again, or use the key for this session only."
            ) from None
        except keyring.errors.NoKeyringError:
            raise SecretStoreUnavailable(NO_KEYRING_MESSAGE) from None
        except Exception as exc:  # D-Bus and backend errors come in many types
            raise SecretStoreUnavailable(
                f"The system keyring failed, so the API key could not be {action}; "
                "you can use the key for this session only.",
                detail=_scrub(f"{type(exc).__name__}: {exc}", secret),
            ) from None

    def get_api_key(self) -> str | None:
        key = self._call("read", lambda: keyring.get_password(self.service, self.username))
        return key or None

    def set_api_key(self, key: str) -> None:
        key = _validate_key(key)
        self._call("saved", lambda: keyring.set_password(self.service, self.username, key), key)
        # Read back: some backends accept a secret and silently drop it.
        stored = self._call("saved", lambda: keyring.get_password(self.service, self.username), key)
        if stored != key:
            raise SecretStoreUnavailable(
                "The system keyring did not keep the API key; you can use it for this session only."
            )

    def delete_api_key(self) -> None:
        def delete() -> None:
            # Nothing stored is already the state we want.
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                keyring.delete_password(self.service, self.username)

        self._call("removed", delete)


class MemorySecretStore:
    """The API key held in memory only ("this session only"); also handy for tests."""

    source = "session"

    def __init__(self, key: str | None = None) -> None:
        self._key = _validate_key(key) if key is not None else None

    def __repr__(self) -> str:
        return f"MemorySecretStore(has_key={self._key is not None})"

    def get_api_key(self) -> str | None:
        return self._key

    def set_api_key(self, key: str) -> None:
        self._key = _validate_key(key)

    def delete_api_key(self) -> None:
        self._key = None


def resolve_api_key(
    environ: Mapping[str, str], store: SecretStore | None
) -> tuple[str | None, str]:
    """The key to use and where it came from: "environment", "keyring", "session" or "none".

    ``SPEECHMATICS_API_KEY`` (non-empty) wins. A failing keyring is logged (without the key) and
    reported as "none": the app then asks for the key, and saving it raises
    SecretStoreUnavailable, which is where it offers "this session only". Blocking.
    """
    env_key = environ.get(API_KEY_ENV_VAR, "").strip()
    if env_key:
        return env_key, "environment"
    if store is None:
        return None, "none"
    try:
        key = store.get_api_key()
    except SecretStoreUnavailable as exc:
        log.warning("Could not read the API key: %s %s", exc, exc.detail)
        return None, "none"
    if not key:
        return None, "none"
    return key, str(getattr(store, "source", "keyring"))
