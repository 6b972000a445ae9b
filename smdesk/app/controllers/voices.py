"""Known voices: remember a speaker's voice, rename, delete; the list new jobs may recognise.

Store calls run on the history's DB thread (HistoryAccess); the controller's intents are
synchronous and report back by signals, so widgets never wait for the disk.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal

from smdesk.app.controllers.db import HistoryAccess
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.app.models.voice_names import shared_voice_names
from smdesk.core.options import JobOptions
from smdesk.core.voices import KnownVoice
from smdesk.store.history import HistoryError
from smdesk.store.voices import VoiceError, VoiceRecord, VoiceStore

log = logging.getLogger(__name__)


async def known_voices_for(db: HistoryAccess, options: JobOptions) -> list[KnownVoice]:
    """Every known voice when `options` recognise any (read at submit time), else none."""
    if options.diarization != "speaker" or options.recognise_voices == "off":
        return []
    return await db.call(VoiceStore(db.history).known_voices)


class VoicesController(QObject):
    voices_changed = Signal(list)  # list[VoiceRecord], sorted by name
    remembered = Signal(str)  # the sentence to show ("Ana Ruiz is now a known voice…")
    failed = Signal(str)  # one sentence

    def __init__(self, db: HistoryAccess, tasks: TaskRegistry) -> None:
        super().__init__()
        self._db = db
        self._tasks = tasks
        self._store = VoiceStore(db.history)
        self.voices: list[VoiceRecord] = []

    # ---- intents ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._spawn(self._reload(), "voices-refresh")

    def remember(self, name: str, identifiers: list[str], job_id: int | None = None) -> None:
        self._spawn(self._remember(name, identifiers, job_id), "voices-remember")

    def rename(self, voice_id: int, name: str) -> None:
        self._spawn(self._rename(voice_id, name), "voices-rename")

    def delete(self, voice_id: int) -> None:
        self._spawn(self._change(self._store.delete, voice_id), "voices-delete")

    # ---- work ------------------------------------------------------------------------------
    def _spawn(self, coroutine: Coroutine[Any, Any, None], name: str) -> None:
        self._tasks.spawn(coroutine, name=name)

    async def _reload(self) -> None:
        self.voices = await self._db.call(self._store.list)
        shared_voice_names().set_names([v.name for v in self.voices])
        self.voices_changed.emit(list(self.voices))

    async def _remember(self, name: str, identifiers: list[str], job_id: int | None) -> None:
        try:
            record = await self._db.call(
                self._store.remember, name, identifiers, source_job_id=job_id
            )
        except (VoiceError, HistoryError) as exc:
            self.failed.emit(str(exc))
            return
        log.info("Known voice %d now has %d identifiers", record.id, len(record.identifiers))
        await self._reload()
        self.remembered.emit(
            f"{record.name} is now a known voice: new jobs that recognise known voices name "
            "this speaker."
        )

    async def _rename(self, voice_id: int, name: str) -> None:
        old = next((v.name for v in self.voices if v.id == voice_id), None)
        try:
            record = await self._db.call(self._store.rename, voice_id, name)
        except (VoiceError, HistoryError) as exc:
            self.failed.emit(str(exc))
        else:
            if old is not None and old != record.name:
                shared_voice_names().rename(old, record.name)  # open choices follow the name
        await self._reload()

    async def _change(self, fn: Any, *args: Any) -> None:
        try:
            await self._db.call(fn, *args)
        except (VoiceError, HistoryError) as exc:
            self.failed.emit(str(exc))
        await self._reload()
