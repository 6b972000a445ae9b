"""PreferencesController: the one AppSettings instance and its file.

Changes are applied in memory at once and written (atomically) off the Qt thread, on one worker
so an older snapshot can never overwrite a newer one; the final save at shutdown is awaited.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from smdesk.store.settings import AppSettings, SettingsStore

log = logging.getLogger(__name__)


class PreferencesController(QObject):
    changed = Signal(object)  # AppSettings

    def __init__(self, store: SettingsStore, settings: AppSettings | None = None) -> None:
        super().__init__()
        self._store = store
        self.settings = settings if settings is not None else store.load()
        self._saving: asyncio.Future[None] | None = None
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="smdesk-settings")

    def update(self, **changes: Any) -> None:
        self.replace(dataclasses.replace(self.settings, **changes))

    def replace(self, settings: AppSettings) -> None:
        if settings == self.settings:
            return
        self.settings = settings
        self.changed.emit(settings)
        self._schedule_save()

    def _schedule_save(self) -> None:
        snapshot = dataclasses.replace(self.settings)
        loop = asyncio.get_event_loop()
        self._saving = loop.run_in_executor(self._writer, self._save, snapshot)

    def _save(self, settings: AppSettings) -> None:
        try:
            self._store.save(settings)
        except Exception:
            log.exception("Could not save the settings")

    async def flush(self) -> None:
        """Write the current settings and wait until they are on disk."""
        snapshot = dataclasses.replace(self.settings)
        await asyncio.get_running_loop().run_in_executor(self._writer, self._save, snapshot)

    async def close(self) -> None:
        await self.flush()
        self._writer.shutdown(wait=True)
