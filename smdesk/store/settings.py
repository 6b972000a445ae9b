"""Typed application settings in ``settings.json`` (config_dir()), written atomically.

Never holds secrets: the API key lives only in the OS keyring (smdesk.store.secrets). ``save``
refuses any field whose name looks like a credential, and ``load`` drops such keys from a
hand-edited file.

Robustness: a missing file gives defaults; an unreadable or invalid value falls back to its
default with a logged warning naming the field; a file that is not JSON (or not an object) is
moved aside to ``settings.json.bad-<timestamp>`` and defaults are used. Loading never raises.

Compatibility: the file carries a schema ``version``. Older files are upgraded by the functions
in ``_UPGRADES``; keys this version does not know are kept and written back unchanged, so
switching between smdesk versions loses nothing.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smdesk.core.endpoints import resolve_endpoint
from smdesk.core.transcript import UNCERTAIN_THRESHOLD
from smdesk.store.atomic import atomic_write_text
from smdesk.store.paths import settings_path

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
MIN_CONCURRENCY, MAX_CONCURRENCY = 1, 16
MAX_SETTINGS_BYTES = 4 * 1024 * 1024  # real files are < 10 KiB; anything huge is not ours

_SECRET_NAME = re.compile(r"(api[_-]?key|secret|token|password|passwd|credential)", re.I)


class SettingsError(ValueError):
    """Settings that must not be saved (e.g. a field that looks like a secret)."""


@dataclass
class AppSettings:
    endpoint: str = "default"  # a smdesk.core.endpoints.REGIONS key or a custom https URL
    concurrency: int = 3
    delete_after_download: bool = False
    privacy_notice_accepted: bool = False
    start_without_account: bool = False  # "Try without an account" chosen: no key dialog at start
    ask_options_on_add: bool = True  # adding files opens "New transcription" (else last options)
    user_presets_json: str | None = None  # {"name": options JSON}, see smdesk.core.presets
    last_options_json: str | None = None
    window_geometry: str | None = None  # base64 of QMainWindow.saveGeometry()
    window_state: str | None = None  # base64 of QMainWindow.saveState()
    # the player: speed 0.5–2, volume 0–1 (as the slider shows it), rewind ~2 s when resuming
    playback_rate: float = 1.0
    playback_volume: float = 1.0
    rewind_on_resume: bool = True
    export_json: str | None = None  # the export dialog's choices (core.export.preferences)
    # reviewing: the words-to-check threshold and the find bar's options
    review_threshold: float = UNCERTAIN_THRESHOLD
    find_match_case: bool = False
    find_whole_word: bool = False


def _upgrade_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    # Files written before the version key existed already used the version-1 field names.
    return data


# _UPGRADES[n] turns a version-n dict into a version-(n+1) dict.
_UPGRADES: list[Callable[[dict[str, Any]], dict[str, Any]]] = [_upgrade_0_to_1]
assert len(_UPGRADES) == SETTINGS_VERSION


def is_valid_endpoint(value: object) -> bool:
    """A region key or a URL that core.endpoints accepts (https, or http on a local network)."""
    if not isinstance(value, str) or not value or value != value.strip() or " " in value:
        return False
    try:
        resolve_endpoint(value)
    except ValueError:
        return False
    return True


def _is_optional_str(value: object) -> bool:
    return value is None or isinstance(value, str)


def _is_number_in(value: object, low: float, high: float) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high


def _is_concurrency(value: object) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and MIN_CONCURRENCY <= value <= MAX_CONCURRENCY
    )


_VALIDATORS: dict[str, Callable[[object], bool]] = {
    "endpoint": is_valid_endpoint,
    "concurrency": _is_concurrency,
    "delete_after_download": lambda v: isinstance(v, bool),
    "privacy_notice_accepted": lambda v: isinstance(v, bool),
    "start_without_account": lambda v: isinstance(v, bool),
    "ask_options_on_add": lambda v: isinstance(v, bool),
    "user_presets_json": _is_optional_str,
    "last_options_json": _is_optional_str,
    "window_geometry": _is_optional_str,
    "window_state": _is_optional_str,
    "playback_rate": lambda v: _is_number_in(v, 0.5, 2.0),
    "playback_volume": lambda v: _is_number_in(v, 0.0, 1.0),
    "rewind_on_resume": lambda v: isinstance(v, bool),
    "export_json": _is_optional_str,
    "review_threshold": lambda v: _is_number_in(v, 0.05, 1.0),
    "find_match_case": lambda v: isinstance(v, bool),
    "find_whole_word": lambda v: isinstance(v, bool),
}
assert set(_VALIDATORS) == {f.name for f in dataclasses.fields(AppSettings)}


def looks_like_secret_field(name: str) -> bool:
    return bool(_SECRET_NAME.search(name))


class SettingsStore:
    """Loads and saves AppSettings at ``path``. Blocking file I/O (small and fast)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._unknown: dict[str, Any] = {}  # keys from a newer/other version, written back as-is
        self._file_version = SETTINGS_VERSION
        self._loaded = False

    @classmethod
    def default(cls) -> SettingsStore:
        """The store at the platform's config directory (or $SMDESK_HOME/config)."""
        return cls(settings_path())

    def __repr__(self) -> str:
        return f"SettingsStore({str(self.path)!r})"

    def load(self) -> AppSettings:
        """Read the settings; never raises (see the module docs)."""
        self._loaded = True
        data = self._read_object()
        if data is None:
            return AppSettings()
        data = self._upgrade(data)
        settings = AppSettings()
        known = set(_VALIDATORS)
        for name, value in data.items():
            if name == "version":
                continue
            if looks_like_secret_field(name):
                log.warning("Ignoring %r in %s: settings never keep secrets.", name, self.path)
            elif name not in known:
                self._unknown[name] = value
            elif _VALIDATORS[name](value):
                setattr(settings, name, value)
            else:
                log.warning(
                    "Setting %r in %s has an invalid value; using the default %r.",
                    name, self.path, getattr(settings, name),
                )
        return settings

    def save(self, settings: AppSettings) -> None:
        """Write atomically. Raises SettingsError (secret-like or invalid field) or OSError."""
        if not self._loaded:
            self.load()  # pick up keys from other versions so this save keeps them
        values = dataclasses.asdict(settings)
        for name, value in values.items():
            if looks_like_secret_field(name):
                raise SettingsError(f"Refusing to save {name!r}: secrets belong in the keyring.")
            validator = _VALIDATORS.get(name)
            if validator is not None and not validator(value):
                # The value is not echoed: a key pasted into the wrong field must not spread.
                raise SettingsError(f"The setting {name!r} has an invalid value; fix it and save.")
        data: dict[str, Any] = {"version": max(self._file_version, SETTINGS_VERSION)}
        data.update({k: v for k, v in self._unknown.items() if not looks_like_secret_field(k)})
        data.update(values)
        atomic_write_text(self.path, json.dumps(data, indent=2, sort_keys=True) + "\n")

    # -- reading ----------------------------------------------------------------------------------

    def _read_object(self) -> dict[str, Any] | None:
        self._unknown = {}
        self._file_version = SETTINGS_VERSION
        try:
            if self.path.stat().st_size > MAX_SETTINGS_BYTES:
                self._move_aside("it is far too large to be a settings file")
                return None
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("Cannot read %s (%s); using default settings.", self.path, exc.strerror)
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):  # also UnicodeDecodeError; absurdly deep nesting
            self._move_aside("it is not valid JSON")
            return None
        if not isinstance(data, dict):
            self._move_aside("it does not hold a JSON object")
            return None
        return data

    def _upgrade(self, data: dict[str, Any]) -> dict[str, Any]:
        version = data.get("version", 0)
        if not isinstance(version, int) or isinstance(version, bool) or version < 0:
            log.warning("Settings %s have an invalid version %r; reading as current.", self.path,
                        version)
            return data
        if version > SETTINGS_VERSION:
            log.warning("Settings %s come from a newer smdesk (version %d); unknown keys are kept.",
                        self.path, version)
            self._file_version = version
            return data
        for upgrade in _UPGRADES[version:]:
            data = upgrade(dict(data))
        return data

    def _move_aside(self, reason: str) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.bad-{stamp}")
        try:
            self.path.replace(target)
        except OSError as exc:
            log.warning("Settings %s are unusable (%s) and could not be moved aside (%s); "
                        "using defaults.", self.path, reason, exc.strerror)
            return
        log.warning("Settings %s are unusable (%s); moved to %s and using defaults.",
                    self.path, reason, target)
