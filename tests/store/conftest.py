"""Fixtures for the store tests: real files in tmp_path, a real Secret Service when available."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest
from keyring.backends import fail

from smdesk.store.history import History


@pytest.fixture(autouse=True)
def _skip_without_secret_service(request: pytest.FixtureRequest) -> None:
    # tests/run.sh (via tests/with_keyring.sh) starts an unlocked gnome-keyring on a private D-Bus
    # session and sets SMDESK_SECRET_SERVICE=1; elsewhere the keyring tests cannot run.
    if request.node.get_closest_marker("keyring") and not os.environ.get("SMDESK_SECRET_SERVICE"):
        pytest.skip("needs a real Secret Service: run via tests/run.sh or tests/with_keyring.sh")


@pytest.fixture
def smdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "smdesk-home"
    monkeypatch.setenv("SMDESK_HOME", str(home))
    return home


@pytest.fixture
def history(tmp_path: Path) -> Iterator[History]:
    opened = History.open(tmp_path / "history.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def keyring_service() -> Iterator[str]:
    """A service name unique to this test, removed from the keyring afterwards."""
    service = f"smdesk-test-{uuid.uuid4().hex[:12]}"
    yield service
    with contextlib.suppress(Exception):  # already gone, or no keyring in this run
        keyring.delete_password(service, "speechmatics-api-key")


SelectBackend = Callable[[keyring.backend.KeyringBackend], keyring.backend.KeyringBackend]


@pytest.fixture
def use_backend() -> Iterator[SelectBackend]:
    """Select a keyring backend in-process for one test and restore the previous one."""
    previous = keyring.get_keyring()

    def select(backend: keyring.backend.KeyringBackend) -> keyring.backend.KeyringBackend:
        keyring.set_keyring(backend)
        return backend

    yield select
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring(use_backend: SelectBackend) -> keyring.backend.KeyringBackend:
    """keyring's own "no recommended backend" fallback, as on a Linux box without Secret Service."""
    return use_backend(fail.Keyring())  # type: ignore[no-untyped-call]
