"""Settings file: defaults, bad values, corrupt files, compatibility, and never a secret."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

import pytest

from smdesk.store.settings import (
    SETTINGS_VERSION,
    AppSettings,
    SettingsError,
    SettingsStore,
    is_valid_endpoint,
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "settings.json"


def written(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_missing_file_gives_defaults_without_creating_it(path: Path) -> None:
    assert SettingsStore(path).load() == AppSettings()
    assert not path.exists()


def test_round_trip_of_every_field(path: Path) -> None:
    settings = AppSettings(
        endpoint="https://asr.example.com/v2", concurrency=5, delete_after_download=True,
        privacy_notice_accepted=True, last_options_json='{"language": "de"}',
        window_geometry="AdnQywADAAA=", window_state="AAAA/wAAAAD9",
    )
    SettingsStore(path).save(settings)
    assert SettingsStore(path).load() == settings
    assert written(path)["version"] == SETTINGS_VERSION
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp files left


def test_each_invalid_value_falls_back_to_its_default_with_a_warning(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path.write_text(json.dumps({
        "version": 1, "endpoint": "ftp://nope", "concurrency": "three",
        "delete_after_download": "yes", "privacy_notice_accepted": True,
        "last_options_json": 5, "window_geometry": "keep-me", "window_state": ["x"],
    }))
    with caplog.at_level(logging.WARNING, logger="smdesk.store.settings"):
        settings = SettingsStore(path).load()
    assert settings == AppSettings(privacy_notice_accepted=True, window_geometry="keep-me")
    warned = caplog.text
    for field in ("endpoint", "concurrency", "delete_after_download", "last_options_json",
                  "window_state"):
        assert repr(field) in warned
    assert path.exists()  # a file with bad values is kept; only its bad values are ignored


@pytest.mark.parametrize("value", [0, 17, -1, True, 2.5, None])
def test_concurrency_out_of_range_is_ignored(path: Path, value: object) -> None:
    path.write_text(json.dumps({"version": 1, "concurrency": value}))
    assert SettingsStore(path).load().concurrency == AppSettings().concurrency


@pytest.mark.parametrize(
    "content",
    [
        b"{not json", b"[1, 2, 3]", b"\xff\xfe\x00garbage", b"", b'"just a string"',
        b"[" * 200_000 + b"]" * 200_000, b'{"pad": "' + b"x" * (5 * 1024 * 1024) + b'"}',
    ],
    ids=["syntax", "list", "binary", "empty", "string", "deep-nesting", "huge"],
)
def test_unusable_file_is_moved_aside_and_defaults_are_used(
    path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING):
        assert SettingsStore(path).load() == AppSettings()
    assert not path.exists()
    [moved] = list(path.parent.glob("settings.json.bad-*"))
    assert moved.read_bytes() == content
    assert str(moved) in caplog.text
    SettingsStore(path).save(AppSettings(concurrency=2))  # and life goes on
    assert SettingsStore(path).load().concurrency == 2


def test_unknown_keys_survive_a_save(path: Path) -> None:
    path.write_text(json.dumps({"version": 1, "concurrency": 4, "future_feature": {"on": True}}))
    store = SettingsStore(path)
    settings = store.load()
    settings.concurrency = 6
    store.save(settings)
    data = written(path)
    assert data["future_feature"] == {"on": True} and data["concurrency"] == 6


def test_save_without_load_still_keeps_unknown_keys(path: Path) -> None:
    path.write_text(json.dumps({"version": 1, "future_feature": [1, 2]}))
    SettingsStore(path).save(AppSettings(concurrency=7))
    data = written(path)
    assert data["future_feature"] == [1, 2] and data["concurrency"] == 7


def test_settings_path_that_is_a_folder_gives_defaults_and_a_clear_save_error(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "settings.json"
    folder.mkdir()
    store = SettingsStore(folder)
    assert store.load() == AppSettings()
    with pytest.raises(OSError, match="a folder with that name exists"):
        store.save(AppSettings())
    assert folder.is_dir()


def test_newer_file_keeps_its_version_and_extra_keys(path: Path) -> None:
    path.write_text(json.dumps({"version": 7, "endpoint": "us1", "theme": "dark"}))
    store = SettingsStore(path)
    settings = store.load()
    assert settings.endpoint == "us1"
    store.save(settings)
    data = written(path)
    assert data["version"] == 7 and data["theme"] == "dark"


def test_file_without_version_is_upgraded(path: Path) -> None:
    path.write_text(json.dumps({"endpoint": "eu2", "concurrency": 2}))
    store = SettingsStore(path)
    settings = store.load()
    assert (settings.endpoint, settings.concurrency) == ("eu2", 2)
    store.save(settings)
    assert written(path)["version"] == SETTINGS_VERSION


def test_secret_looking_keys_in_the_file_are_dropped(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "hand-edited-secret-value-123"
    path.write_text(json.dumps({"version": 1, "api_key": secret, "auth_token": secret}))
    store = SettingsStore(path)
    with caplog.at_level(logging.WARNING):
        settings = store.load()
    assert "api_key" in caplog.text and secret not in caplog.text
    store.save(settings)
    assert secret not in path.read_text()


@dataclasses.dataclass
class LeakySettings(AppSettings):
    speechmatics_api_key: str = "sk-should-never-be-written"


def test_save_refuses_a_field_that_looks_like_an_api_key(path: Path) -> None:
    path.write_text(json.dumps({"version": 1, "concurrency": 4}))
    before = path.read_text()
    with pytest.raises(SettingsError, match="speechmatics_api_key"):
        SettingsStore(path).save(LeakySettings())
    assert path.read_text() == before
    assert "sk-should-never-be-written" not in before


def test_save_refuses_invalid_values_and_keeps_the_old_file(path: Path) -> None:
    SettingsStore(path).save(AppSettings(concurrency=4))
    before = path.read_text()
    with pytest.raises(SettingsError, match="concurrency"):
        SettingsStore(path).save(AppSettings(concurrency=0))
    with pytest.raises(SettingsError, match="endpoint"):
        SettingsStore(path).save(AppSettings(endpoint="http://example.com/v2"))
    assert path.read_text() == before


def test_unwritable_location_raises_os_error_with_a_sentence(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "missing-folder" / "settings.json")
    with pytest.raises(OSError, match="does not exist"):
        store.save(AppSettings())


def test_default_store_lives_in_the_config_dir(smdesk_home: Path) -> None:
    store = SettingsStore.default()
    assert store.path == smdesk_home / "config" / "settings.json"
    store.save(AppSettings(concurrency=2))
    assert SettingsStore.default().load().concurrency == 2


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("default", True), ("eu1", True), ("us2", True),
        ("https://eu1.asr.api.speechmatics.com/v2", True),
        ("http://127.0.0.1:8123/v2", True), ("http://localhost:9/v2", True),
        ("http://[::1]:8000/v2", True), ("http://10.1.2.3:8082/v2", True),
        ("unknown-region", False), ("http://8.8.8.8/v2", False),
        ("http://example.com/v2", False), ("ftp://example.com", False), ("https://", False),
        ("", False), (" eu1", False), ("EU 1", False), ("https://a b.com", False), (3, False),
    ],
)
def test_endpoint_validation(value: object, ok: bool) -> None:
    assert is_valid_endpoint(value) is ok
