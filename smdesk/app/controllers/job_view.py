"""LiveViews: keeps the JobView of every job current (the value itself is in models/job_view.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from smdesk.app.models.job_view import JobView
from smdesk.store.history import JobRecord

PROGRESS_INTERVAL = 0.1  # seconds between upload progress updates per job


class LiveViews:
    """The current JobView of every job; each change is passed to ``emit`` (the controller's
    ``job_changed`` signal). Also the pipeline's Reporter: records, upload bytes and notes."""

    def __init__(
        self,
        emit: Callable[[JobView], None],
        estimate: Callable[[JobRecord], float | None],
        waiting_note: Callable[[JobRecord], str],
    ) -> None:
        self._views: dict[int, JobView] = {}
        self._emit_signal = emit
        self._estimate = estimate
        self._waiting_note = waiting_note
        self._last_progress: dict[int, float] = {}

    def get(self, job_id: int) -> JobView | None:
        return self._views.get(job_id)

    def all(self) -> list[JobView]:
        return list(self._views.values())

    def load(self, view: JobView) -> None:
        """Add without emitting (startup, before anything is connected)."""
        self._views[view.id] = view

    def put(self, view: JobView) -> None:
        self._views[view.id] = view
        self._emit_signal(view)

    def pop(self, job_id: int) -> None:
        self._views.pop(job_id, None)
        self._last_progress.pop(job_id, None)

    def new(self, record: JobRecord) -> JobView:
        return JobView(record, phase_since=time.time(), estimate=self._estimate(record))

    def clear_live(self, job_id: int) -> None:
        """Forget upload bytes and notes (a retry starts from scratch)."""
        view = self._views.get(job_id)
        if view is not None:
            self._views[job_id] = replace(view, note="", sent=0, total=None)
        self._last_progress.pop(job_id, None)

    # Reporter ------------------------------------------------------------------------------
    def record(self, record: JobRecord) -> None:
        old = self._views.get(record.id)
        if old is None:
            self.put(self.new(record))
            return
        changes: dict[str, Any] = {"record": record, "estimate": self._estimate(record)}
        if old.record.phase is not record.phase:
            changes["phase_since"] = time.time()
            changes["note"] = ""
        self.put(replace(old, **changes))

    def upload_progress(self, job_id: int, sent: int, total: int | None) -> None:
        now = time.monotonic()
        done = total is not None and sent >= total
        if not done and now - self._last_progress.get(job_id, 0.0) < PROGRESS_INTERVAL:
            return
        self._last_progress[job_id] = now
        view = self._views.get(job_id)
        if view is not None:
            self.put(replace(view, sent=sent, total=total, note=""))

    def note(self, job_id: int, text: str) -> None:
        view = self._views.get(job_id)
        if view is not None and view.note != text:
            self.put(replace(view, note=text))

    def set_waiting(self, job_id: int, waiting: bool) -> None:
        view = self._views.get(job_id)
        if view is None or view.waiting == waiting:
            return
        note = self._waiting_note(view.record) if waiting else ""
        self.put(replace(view, waiting=waiting, note=note))
