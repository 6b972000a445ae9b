from __future__ import annotations

from pathlib import Path

import pytest

from smdesk.store import paths


def test_smdesk_home_puts_everything_under_one_root(smdesk_home: Path) -> None:
    assert paths.data_dir() == smdesk_home / "data"
    assert paths.config_dir() == smdesk_home / "config"
    assert paths.log_dir() == smdesk_home / "logs"
    assert paths.history_path() == smdesk_home / "data" / "history.sqlite3"
    assert paths.settings_path() == smdesk_home / "config" / "settings.json"
    for name in ("data", "config", "logs"):
        assert (smdesk_home / name).is_dir()


def test_platform_directories_are_used_without_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SMDESK_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    data, config, logs = paths.data_dir(), paths.config_dir(), paths.log_dir()
    assert data == tmp_path / "xdg-data" / "smdesk"
    assert config == tmp_path / "xdg-config" / "smdesk"
    assert tmp_path in logs.parents and logs.is_dir()
    assert data.is_dir() and config.is_dir()


def test_blank_smdesk_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMDESK_HOME", "  ")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    assert paths.data_dir() == tmp_path / "xdg-data" / "smdesk"
