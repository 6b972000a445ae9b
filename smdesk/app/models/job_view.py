"""JobView: what the queue shows for one job (the stored record plus live, unsaved details).

A plain value that models/ and widgets/ render; controllers/job_view.py keeps them current."""

from __future__ import annotations

from dataclasses import dataclass

from smdesk.store.history import JobRecord


@dataclass(frozen=True)
class JobView:
    """What the queue shows for one job: the stored record plus live, unsaved details."""

    record: JobRecord
    sent: int = 0
    total: int | None = None
    note: str = ""
    phase_since: float = 0.0  # wall-clock time the current phase began
    estimate: float | None = None  # expected seconds at Speechmatics
    waiting: bool = False  # queued because its endpoint is not reachable now

    @property
    def id(self) -> int:
        return self.record.id
