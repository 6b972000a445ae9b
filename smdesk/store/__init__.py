"""smdesk.store: persistence (job history, settings) and secrets. No Qt, no aiohttp.

Everything here blocks (disk, D-Bus): call it from an executor when on the event loop.
"""

from smdesk.store.atomic import AtomicWriteError, atomic_write_bytes, atomic_write_text
from smdesk.store.history import (
    History,
    HistoryCorruptError,
    HistoryError,
    HistoryTooNewError,
    JobRecord,
    Phase,
    PhaseError,
    UnknownJobError,
)
from smdesk.store.history_errors import move_aside
from smdesk.store.paths import config_dir, data_dir, history_path, log_dir, settings_path
from smdesk.store.secrets import (
    KeyringSecretStore,
    MemorySecretStore,
    SecretStore,
    SecretStoreUnavailable,
    keyring_available,
    resolve_api_key,
)
from smdesk.store.settings import AppSettings, SettingsError, SettingsStore

__all__ = [
    "AppSettings",
    "AtomicWriteError",
    "History",
    "HistoryCorruptError",
    "HistoryError",
    "HistoryTooNewError",
    "JobRecord",
    "KeyringSecretStore",
    "MemorySecretStore",
    "Phase",
    "PhaseError",
    "SecretStore",
    "SecretStoreUnavailable",
    "SettingsError",
    "SettingsStore",
    "UnknownJobError",
    "atomic_write_bytes",
    "atomic_write_text",
    "config_dir",
    "data_dir",
    "history_path",
    "keyring_available",
    "log_dir",
    "move_aside",
    "resolve_api_key",
    "settings_path",
]
