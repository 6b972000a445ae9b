"""The API key: real Secret Service (marked keyring), no backend at all, and failing backends."""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import null

from smdesk.store.secrets import (
    API_KEY_USERNAME,
    NO_KEYRING_MESSAGE,
    KeyringSecretStore,
    MemorySecretStore,
    SecretStore,
    SecretStoreUnavailable,
    keyring_available,
    resolve_api_key,
)

KEY = "smTESTkey0123456789abcdefABCDEF42"
SelectBackend = Callable[[keyring.backend.KeyringBackend], keyring.backend.KeyringBackend]


class ExplodingKeyring(keyring.backend.KeyringBackend):
    """A third-party backend failing the way D-Bus backends do, echoing what it was given."""

    priority = 1

    def __init__(self, error: Exception | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error or RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error or RuntimeError(f"D-Bus said no to {password}")

    def delete_password(self, service: str, username: str) -> None:
        raise self.error or RuntimeError("org.freedesktop.DBus.Error.NoReply")


class ForgetfulKeyring(keyring.backend.KeyringBackend):
    """Accepts every secret and keeps none (seen with misconfigured backends)."""

    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        return None

    def delete_password(self, service: str, username: str) -> None:
        return None


# keyring registers every backend subclass and chains them into the default keyring; keep these
# test backends out of that registry so the real Secret Service tests only see real backends.
for _fake in (ExplodingKeyring, ForgetfulKeyring):
    keyring.backend.KeyringBackend._classes.discard(_fake)


# -- memory store and resolution ------------------------------------------------------------------


def test_memory_store_holds_the_key_for_the_session_only() -> None:
    store = MemorySecretStore()
    assert isinstance(store, SecretStore) and store.get_api_key() is None
    store.set_api_key(KEY)
    assert store.get_api_key() == KEY
    assert KEY not in repr(store) and KEY not in str(store)
    store.delete_api_key()
    assert store.get_api_key() is None


@pytest.mark.parametrize("bad", ["", "   ", "two words", "abc123\n"])
def test_malformed_keys_are_refused_without_echoing_them(bad: str) -> None:
    with pytest.raises(ValueError) as caught:
        MemorySecretStore().set_api_key(bad)
    assert "API key" in str(caught.value)
    if bad.strip():
        assert bad.strip() not in str(caught.value)


def test_environment_wins_over_the_store() -> None:
    store = MemorySecretStore("stored-key")
    env = {"SPEECHMATICS_API_KEY": " env-key "}
    assert resolve_api_key(env, store) == ("env-key", "environment")
    assert resolve_api_key({"SPEECHMATICS_API_KEY": ""}, store) == ("stored-key", "session")
    assert resolve_api_key({}, MemorySecretStore()) == (None, "none")
    assert resolve_api_key({}, None) == (None, "none")


def test_failing_keyring_resolves_to_none_and_logs_no_key(
    use_backend: SelectBackend, caplog: pytest.LogCaptureFixture
) -> None:
    use_backend(ExplodingKeyring(RuntimeError(f"backend echoed {KEY}")))
    with caplog.at_level(logging.DEBUG):
        assert resolve_api_key({}, KeyringSecretStore()) == (None, "none")
    assert "keyring failed" in caplog.text and KEY not in caplog.text


# -- no backend at all ----------------------------------------------------------------------------


def test_no_backend_is_detected_and_explained(
    no_keyring: keyring.backend.KeyringBackend, caplog: pytest.LogCaptureFixture
) -> None:
    assert keyring_available() is False
    store = KeyringSecretStore()
    with caplog.at_level(logging.DEBUG):
        for call in (store.get_api_key, store.delete_api_key, lambda: store.set_api_key(KEY)):
            with pytest.raises(SecretStoreUnavailable) as caught:
                call()
            assert str(caught.value) == NO_KEYRING_MESSAGE
            assert KEY not in str(caught.value) and KEY not in repr(caught.value)
            error = caught.value  # no chained backend exception that could carry details
            assert error.__cause__ is None
            assert error.__context__ is None or error.__suppress_context__
    assert "this session only" in NO_KEYRING_MESSAGE
    assert resolve_api_key({}, store) == (None, "none")
    assert KEY not in caplog.text


def test_null_backend_counts_as_no_keyring(use_backend: SelectBackend) -> None:
    use_backend(null.Keyring())  # type: ignore[no-untyped-call]
    assert keyring_available() is False
    with pytest.raises(SecretStoreUnavailable):
        KeyringSecretStore().set_api_key(KEY)


def test_backend_that_drops_the_key_is_caught_by_reading_back(use_backend: SelectBackend) -> None:
    use_backend(ForgetfulKeyring())  # type: ignore[no-untyped-call]
    assert keyring_available() is True
    with pytest.raises(SecretStoreUnavailable, match="did not keep the API key"):
        KeyringSecretStore().set_api_key(KEY)


def test_backend_errors_become_plain_sentences_without_the_key(use_backend: SelectBackend) -> None:
    use_backend(ExplodingKeyring())
    store = KeyringSecretStore()
    with pytest.raises(SecretStoreUnavailable) as caught:
        store.set_api_key(KEY)
    assert "could not be saved" in str(caught.value)
    assert KEY not in str(caught.value) and KEY not in caught.value.detail
    assert "***" in caught.value.detail
    with pytest.raises(SecretStoreUnavailable, match="could not be read"):
        store.get_api_key()
    with pytest.raises(SecretStoreUnavailable, match="could not be removed"):
        store.delete_api_key()


def test_locked_keyring_says_so(use_backend: SelectBackend) -> None:
    use_backend(ExplodingKeyring(keyring.errors.KeyringLocked("Failed to unlock the collection!")))
    with pytest.raises(SecretStoreUnavailable, match="keyring is locked"):
        KeyringSecretStore().get_api_key()


def test_store_repr_names_service_not_key() -> None:
    store = KeyringSecretStore("smdesk-x")
    assert repr(store) == "KeyringSecretStore(service='smdesk-x', username='speechmatics-api-key')"
    assert KeyringSecretStore().service == "smdesk"


# -- the real Secret Service ----------------------------------------------------------------------


@pytest.mark.keyring
def test_real_secret_service_round_trip(keyring_service: str) -> None:
    assert keyring_available() is True
    store = KeyringSecretStore(keyring_service)
    assert "SecretService" in store.backend_name()
    assert store.get_api_key() is None
    store.delete_api_key()  # nothing stored: not an error
    store.set_api_key(KEY)
    assert store.get_api_key() == KEY
    assert KeyringSecretStore(keyring_service).get_api_key() == KEY  # a new instance, same key
    assert KeyringSecretStore(keyring_service + "-other").get_api_key() is None
    store.set_api_key(KEY + "2")
    assert store.get_api_key() == KEY + "2"
    assert resolve_api_key({}, store) == (KEY + "2", "keyring")
    assert resolve_api_key({"SPEECHMATICS_API_KEY": "env"}, store) == ("env", "environment")
    store.delete_api_key()
    assert store.get_api_key() is None


@pytest.mark.keyring
@pytest.mark.skipif(shutil.which("secret-tool") is None, reason="needs libsecret-tools")
def test_key_is_really_in_the_os_keyring(keyring_service: str) -> None:
    KeyringSecretStore(keyring_service).set_api_key(KEY)
    lookup = subprocess.run(
        ["secret-tool", "lookup", "service", keyring_service, "username", API_KEY_USERNAME],
        capture_output=True, text=True, check=False, timeout=30,
    )
    assert lookup.stdout.strip() == KEY
