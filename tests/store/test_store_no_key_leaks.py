"""The API key never lands in the database, the settings file or the logs."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest

from smdesk.store import paths
from smdesk.store.history import History, Phase
from smdesk.store.secrets import (
    KeyringSecretStore,
    MemorySecretStore,
    SecretStore,
    resolve_api_key,
)
from smdesk.store.settings import AppSettings, SettingsError, SettingsStore

KEY = "zzLEAKCHECKkey0123456789abcdefXY"


def exercise_store(home: Path, secrets: SecretStore, caplog: pytest.LogCaptureFixture) -> None:
    """A session's worth of store use, with everything logged at DEBUG to a file and caplog."""
    log_file = paths.log_dir() / "smdesk.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with caplog.at_level(logging.DEBUG):
            secrets.set_api_key(KEY)
            key, source = resolve_api_key({}, secrets)
            assert key == KEY and source in ("keyring", "session")
            logging.getLogger("smdesk.test").info("store in use: %r", secrets)
            with History.open(paths.history_path()) as history:
                job = history.add(source_path="/a/talk.mp3", size=10, fingerprint="fp",
                                  duration=None, options_json="{}", endpoint="default")
                history.begin_upload(job.id)
                history.set_remote_id(job.id, "srv-1")
                history.set_phase(job.id, Phase.FAILED, error="Authentication failed (401).")
            store = SettingsStore.default()
            store.save(AppSettings(concurrency=2, last_options_json='{"language": "en"}'))
            store.load()
    finally:
        root.removeHandler(handler)
        handler.close()


def assert_no_key_anywhere(home: Path, caplog: pytest.LogCaptureFixture) -> None:
    files = [p for p in home.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"history.sqlite3", "settings.json", "smdesk.log"} <= names
    for file in files:  # includes history.sqlite3-wal
        assert KEY.encode() not in file.read_bytes(), file
    assert KEY not in caplog.text


def test_session_only_key_leaves_no_trace(
    smdesk_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    exercise_store(smdesk_home, MemorySecretStore(), caplog)
    assert_no_key_anywhere(smdesk_home, caplog)


@pytest.mark.keyring
def test_keyring_key_leaves_no_trace(
    smdesk_home: Path, keyring_service: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = KeyringSecretStore(keyring_service)
    exercise_store(smdesk_home, store, caplog)
    assert store.get_api_key() == KEY
    assert_no_key_anywhere(smdesk_home, caplog)


def test_key_pasted_into_the_endpoint_field_is_not_echoed(smdesk_home: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        SettingsStore.default().save(AppSettings(endpoint=f"http://{KEY}.example.com"))
    assert KEY not in str(caught.value) and "endpoint" in str(caught.value)


def test_settings_guard_blocks_a_key_smuggled_into_a_settings_subclass(smdesk_home: Path) -> None:
    @dataclasses.dataclass
    class WithToken(AppSettings):
        access_token: str = KEY

    with pytest.raises(SettingsError) as caught:
        SettingsStore.default().save(WithToken())
    assert KEY not in str(caught.value)
    assert not paths.settings_path().exists()
