"""SubtitlePreviewController: the export dialog's live subtitle preview, computed off the UI thread.

``request(job_id, choices, live)`` is called on every change of the rules; after 250 ms of quiet
the cues are laid out (``core.export.preview``, ~1 s on a 3-hour transcript) on a worker thread
of their own, so the dialog never freezes and an export never waits behind a preview. Only the
newest request counts: a newer one cancels the waiting coroutine, a queued worker call that is no
longer current returns at once, and a late result is dropped. The transcript is parsed once per
job and edit (``Transcript.revision``): of the open one the Qt thread takes ``Transcript.copy()``
(pointer copies, ~4 ms at 3 hours; later edits never reach it), which only the worker reads;
others come from the history.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal

from smdesk.app.controllers.db import HistoryAccess
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.core.export import ExportChoices
from smdesk.core.export.preview import SubtitlePreview, preview_subtitles
from smdesk.core.transcript import Transcript

log = logging.getLogger(__name__)

DEBOUNCE_MS = 250
_TASK_KEY = "subtitle-preview"
_SourceKey = tuple[int, int, int]  # job id, id() of the live transcript (0: stored), revision


class SubtitlePreviewController(QObject):
    updating = Signal()  # a request is waiting or being computed
    ready = Signal(int, object)  # job id, SubtitlePreview
    failed = Signal(str)  # one sentence

    def __init__(self, db: HistoryAccess, tasks: TaskRegistry, parent: QObject | None = None,
                 delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._db, self._tasks = db, tasks
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="smdesk-preview")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)
        self._generation = 0  # read by the worker: a queued call that is stale does nothing
        self._wanted: tuple[int, ExportChoices, Transcript | None] | None = None
        self._source_key: _SourceKey | None = None
        self._source: Transcript | None = None  # parsed copy, only read on the worker

    def request(self, job_id: int, choices: ExportChoices, live: Transcript | None = None) -> None:
        """Preview ``job_id`` under ``choices``; ``live``: the open transcript, as on screen."""
        self._generation += 1
        self._wanted = (job_id, choices, live)
        self.updating.emit()
        self._timer.start()

    def cancel(self) -> None:
        """Nothing to preview any more (the dialog closed, no subtitle format ticked)."""
        self._generation += 1
        self._wanted = None
        self._timer.stop()
        task = self._tasks.get(_TASK_KEY)
        if task is not None:
            task.cancel()

    def computing(self) -> bool:
        return self._timer.isActive() or self._tasks.get(_TASK_KEY) is not None

    def _start(self) -> None:
        if self._wanted is None:
            return
        job_id, choices, live = self._wanted
        key: _SourceKey = (job_id, id(live), live.revision) if live is not None else (job_id, 0, 0)
        copy = None
        if key != self._source_key and live is not None:
            copy = live.copy()  # on the Qt thread, where the editor changes it
        self._tasks.spawn(self._compute(self._generation, key, copy, choices),
                          name="subtitle preview", key=_TASK_KEY)

    async def _compute(self, generation: int, key: _SourceKey,
                       copy: Transcript | None, choices: ExportChoices) -> None:
        loop = asyncio.get_running_loop()
        source = self._source if key == self._source_key else copy
        if source is None:
            source = await self._db.load_parsed_transcript(key[0])
        if source is None:
            self.failed.emit("This job has no transcript to preview.")
            return
        self._source_key, self._source = key, source
        try:
            preview = await loop.run_in_executor(self._executor, self._layout, generation,
                                                 source, choices)
        except ValueError as exc:  # e.g. a translation this job does not have
            if generation == self._generation:
                self.failed.emit(str(exc))
            return
        if preview is not None and generation == self._generation:
            self.ready.emit(key[0], preview)

    def _layout(self, generation: int, source: Transcript,
                choices: ExportChoices) -> SubtitlePreview | None:
        """On the worker thread."""
        if generation != self._generation:
            return None  # a newer request came while this one waited in the queue
        return preview_subtitles(source, choices)

    def close(self) -> None:
        self.cancel()
        self._executor.shutdown(wait=True)
