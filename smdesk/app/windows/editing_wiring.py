"""Wiring of transcript editing: one TranscriptSession per shown transcript, bound to the pane and
the Edit menu's Undo/Redo. Connections only; the work is in controllers/transcript_session.py
(undo stack, autosave) and app/transcript/ (the view).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from smdesk.app.controllers.db import HistoryAccess
from smdesk.app.controllers.jobs import JobsController
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.app.controllers.transcript_session import TranscriptSession
from smdesk.core.transcript import Transcript


class EditingWiring(QObject):
    """Swaps sessions as transcripts are shown; the previous one saves what is left and goes."""

    def __init__(self, window: Any, db: HistoryAccess, tasks: TaskRegistry,
                 jobs: JobsController, on_edit: Callable[[], None] | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._db = db
        self._tasks = tasks
        self._jobs = jobs
        self._on_edit = on_edit
        self.session: TranscriptSession | None = None
        jobs.transcript_ready.connect(self._shown)
        jobs.job_removed.connect(self._removed)

    def _shown(self, job_id: int, transcript: Transcript) -> None:
        pane = self._window.pane
        if pane.transcript() is not transcript:  # the window did not show it (stale load)
            return
        view = self._jobs.view(job_id)
        record = view.record if view is not None else None
        session = TranscriptSession(
            job_id, transcript, self._db, self._tasks,
            media_path=record.source_path if record is not None else None,
            edited=bool(record is not None and record.is_edited), parent=self)
        self._swap(session)

    def _removed(self, job_id: int) -> None:
        if self.session is not None and self.session.job_id == job_id:
            self._swap(None)

    def _swap(self, session: TranscriptSession | None) -> None:
        old, self.session = self.session, session
        pane = self._window.pane
        if old is not None:
            old.undo_stack.indexChanged.disconnect(self._window.update_undo)
            old.close()  # saves anything unsaved, then deletes itself
        pane.set_session(session)
        if session is not None:
            session.undo_stack.indexChanged.connect(self._window.update_undo)
            session.refused.connect(pane.show_refusal)
            session.failed.connect(pane.show_save_problem)
            session.saved.connect(lambda record: self._jobs.record_changed(record))
            if self._on_edit is not None:
                on_edit = self._on_edit
                session.changed.connect(lambda _change: on_edit())
        self._window.update_undo()

    async def flush(self) -> None:
        """Save now (the app is closing)."""
        if self.session is not None:
            await self.session.flush()
