"""Async access to the job history.

Every History commit is fsynced (synchronous=FULL), so even a one-row write can take tens of
milliseconds on a slow disk, and transcripts are megabytes. All calls therefore run on ONE
dedicated worker thread: the Qt thread never waits for the disk, and writes keep their order.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from smdesk.core import word_cache
from smdesk.core.json_text import DocumentSnapshot
from smdesk.core.snapshot_read import read_snapshot
from smdesk.core.transcript import Transcript
from smdesk.core.transcript_read import read_json_text
from smdesk.store.history import History, HistoryError, JobRecord, Phase
from smdesk.store.transcript_cache import EDITED, ORIGINAL, StoredCopy

log = logging.getLogger(__name__)

# When parsed forms are kept: after an open parsed the text (or a result arrived), once the page
# is painted; after an autosave, once saving pauses.
KEEP_AFTER_OPEN_S = 0.5
KEEP_AFTER_SAVE_S = 2.0

T = TypeVar("T")


class HistoryAccess:
    def __init__(self, history: History) -> None:
        self.history = history
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="smdesk-history")
        self._pending_keeps: dict[tuple[int, bool], asyncio.TimerHandle] = {}

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))

    async def get(self, job_id: int) -> JobRecord | None:
        return await self.call(self.history.get, job_id)

    async def set_phase(self, job_id: int, phase: Phase, *, error: str | None = None) -> JobRecord:
        return await self.call(self.history.set_phase, job_id, phase, error=error)

    async def begin_upload(self, job_id: int) -> JobRecord:
        return await self.call(self.history.begin_upload, job_id)

    async def set_remote_id(self, job_id: int, remote_id: str) -> JobRecord:
        return await self.call(self.history.set_remote_id, job_id, remote_id)

    async def save_transcript(self, job_id: int, json_text: str) -> JobRecord:
        return await self.call(self.history.save_transcript, job_id, json_text)

    async def save_result(self, job_id: int, raw: Mapping[str, Any]) -> JobRecord:
        """Store the server's json-v2 document (the job is then DONE) as text; its parsed form
        is kept a moment later on the DB thread, so that even the first open skips the parse."""
        texts: list[str] = []

        def save() -> JobRecord:
            texts.append(json.dumps(raw, ensure_ascii=False))
            return self.history.save_transcript(job_id, texts[0])

        record = await self.call(save)
        stored = StoredCopy(ORIGINAL, 0, texts[0], None)

        def keep() -> None:
            form = word_cache.encode(read_json_text(texts[0]))  # exactly what an open reads
            self.history.keep_parsed(job_id, stored, form)

        self._keep_later((job_id, False), functools.partial(self._keep_parsed, job_id, keep),
                         KEEP_AFTER_OPEN_S)
        return record

    async def load_transcript(self, job_id: int, original: bool = False) -> str | None:
        return await self.call(self.history.load_transcript, job_id, original)

    async def load_parsed_transcript(
        self, job_id: int, original: bool = False
    ) -> Transcript | None:
        """The stored transcript (with the user's edits unless ``original``), parsed on the DB
        thread (megabytes of JSON), from its kept parsed form when there is one; when there is
        not, that form is kept a moment later (once the transcript is on screen), for the next
        open."""
        opened = await self.call(self.history.open_transcript, job_id, original)
        if opened is None:
            return None
        if opened.keep is not None:
            keep = functools.partial(self._keep_parsed, job_id, opened.keep)
            self._keep_later((job_id, original), keep, KEEP_AFTER_OPEN_S)
        return opened.transcript

    async def settled(self) -> None:
        """Until the parsed forms scheduled to be kept are kept (tests, benchmarks)."""
        while self._pending_keeps:  # noqa: ASYNC110 (timer handles have no "done" event)
            await asyncio.sleep(0.01)
        await self.call(lambda: None)

    @staticmethod
    def _keep_parsed(job_id: int, keep: Callable[[], None]) -> None:
        """Run ``keep``; a failure is logged and nothing else: it is only a shortcut, the next
        open parses the text again."""
        try:
            keep()
        except HistoryError as exc:
            log.warning("The parsed form of job %d was not kept: %s", job_id, exc)
        except Exception:  # a bug here must not cost the user anything either
            log.exception("Keeping the parsed form of job %d failed", job_id)

    async def save_edits(
        self, job_id: int, render: Callable[[], str], revision: int,
        snapshot: DocumentSnapshot | None = None,
    ) -> JobRecord:
        """Store an edited transcript; ``render`` (e.g. ``snapshot.to_json_text``) runs on the
        DB thread, so the Qt thread only takes the snapshot. With ``snapshot``, its parsed form
        is kept too once saving pauses (the next open of the job then skips the parse)."""
        texts: list[str] = []

        def save() -> JobRecord:
            texts.append(render())
            return self.history.save_edits(job_id, texts[0], revision)

        record = await self.call(save)
        if snapshot is not None:
            stored = StoredCopy(EDITED, revision, texts[0], None)
            keep = functools.partial(self._keep_saved, job_id, stored, snapshot)
            self._keep_later((job_id, False), keep, KEEP_AFTER_SAVE_S)
        return record

    def _keep_later(self, key: tuple[int, bool], keep: Callable[[], None], delay: float) -> None:
        """Run ``keep`` on the DB thread ``delay`` seconds from now unless another keep of the
        same copy (job id, original?) replaces it first: about 0.1 s of Python at 3 hours that
        would slow the pane being built meanwhile, and is not worth doing for every autosave
        while someone types."""
        pending = self._pending_keeps.pop(key, None)
        if pending is not None:
            pending.cancel()

        def start() -> None:
            self._pending_keeps.pop(key, None)
            self._executor.submit(keep)

        self._pending_keeps[key] = asyncio.get_running_loop().call_later(delay, start)

    def _keep_saved(self, job_id: int, stored: StoredCopy, snapshot: DocumentSnapshot) -> None:
        def keep() -> None:  # the text was just saved: what it would read as, from the snapshot
            parsed = read_snapshot(snapshot)
            if parsed is not None:  # else the next open parses the text and keeps it then
                self.history.keep_parsed(job_id, stored, word_cache.encode(parsed))

        self._keep_parsed(job_id, keep)

    async def edit_revision(self, job_id: int) -> int:
        return await self.call(self.history.edit_revision, job_id)

    async def revert_to_original(self, job_id: int, revision: int) -> JobRecord:
        return await self.call(self.history.revert_to_original, job_id, revision)

    async def mark_remote_deleted(self, job_id: int) -> JobRecord | None:
        await self.call(self.history.mark_remote_deleted, job_id)
        return await self.get(job_id)

    async def known_remote_ids(self) -> set[str]:
        records = await self.call(self.history.list)
        return {r.remote_id for r in records if r.remote_id}

    def close(self) -> None:
        """Finish pending writes, then close the database."""
        for pending in self._pending_keeps.values():
            pending.cancel()  # only shortcuts: the next open parses the text instead
        self._pending_keeps.clear()
        self._executor.shutdown(wait=True)
        self.history.close()
