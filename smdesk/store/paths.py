"""Where smdesk keeps its files.

The platform's per-user directories (platformdirs) by default. ``SMDESK_HOME`` moves everything
under one root (``data/``, ``config/``, ``logs/``) for tests and portable installs. Each function
creates its directory on demand, private to the user where we create it (transcripts are personal
content).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "smdesk"
HOME_ENV_VAR = "SMDESK_HOME"
HISTORY_FILE_NAME = "history.sqlite3"
SETTINGS_FILE_NAME = "settings.json"


def _home_override() -> Path | None:
    value = os.environ.get(HOME_ENV_VAR, "").strip()
    return Path(value).expanduser() if value else None


def _ensure(directory: Path) -> Path:
    # mode applies to the leaf only; parents we create get the default mode.
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def data_dir() -> Path:
    """Directory for the job history database."""
    home = _home_override()
    if home is not None:
        return _ensure(home / "data")
    return _ensure(Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)))


def config_dir() -> Path:
    """Directory for settings.json."""
    home = _home_override()
    if home is not None:
        return _ensure(home / "config")
    return _ensure(Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False)))


def log_dir() -> Path:
    """Directory for log files."""
    home = _home_override()
    if home is not None:
        return _ensure(home / "logs")
    return _ensure(platformdirs.user_log_path(APP_DIR_NAME, appauthor=False))


def history_path() -> Path:
    """The default job history database file."""
    return data_dir() / HISTORY_FILE_NAME


def settings_path() -> Path:
    """The default settings file."""
    return config_dir() / SETTINGS_FILE_NAME
