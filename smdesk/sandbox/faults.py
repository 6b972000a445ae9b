"""Faults the sandbox injects on request, so tests can exercise every failure path of a client."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

FAULT_KINDS = ("submit", "list", "job", "delete", "transcript", "log", "mint", "any")
DEFAULT_REJECT_MESSAGE = (
    "Job rejected due to invalid audio: the sandbox was told to reject this job"
)


@dataclass(frozen=True)
class Failure:
    status: int
    retry_after: float | None = None


def _check_kind(kind: str) -> None:
    if kind not in FAULT_KINDS:
        raise ValueError(f"unknown fault kind {kind!r}; use one of {', '.join(FAULT_KINDS)}")


class FaultPlan:
    """Thread-safe queue of faults; the server consumes them as matching requests arrive."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, deque[Failure]] = {}
        self._latency: dict[str, float] = {}
        self._cuts: deque[int] = deque()
        self._rejections: deque[str] = deque()

    def fail_next(
        self, kind: str, count: int = 1, status: int = 503, retry_after: float | None = None
    ) -> None:
        """Answer the next `count` requests of `kind` with an API error of `status`."""
        _check_kind(kind)
        if not 400 <= status <= 599:
            raise ValueError("status must be an HTTP error code (400-599)")
        with self._lock:
            self._failures.setdefault(kind, deque()).extend([Failure(status, retry_after)] * count)

    def set_latency(self, seconds: float, kind: str = "any") -> None:
        """Delay every response of `kind` by `seconds` (0 removes the delay)."""
        _check_kind(kind)
        with self._lock:
            self._latency[kind] = max(0.0, seconds)

    def cut_next_upload(self, count: int = 1, after_bytes: int = 65536) -> None:
        """Drop the TCP connection of the next `count` uploads after `after_bytes` file bytes."""
        with self._lock:
            self._cuts.extend([max(0, after_bytes)] * count)

    def reject_next_jobs(self, count: int = 1, message: str = DEFAULT_REJECT_MESSAGE) -> None:
        """Accept the next `count` jobs, then move them to `rejected` with this error message."""
        with self._lock:
            self._rejections.extend([message] * count)

    def clear(self) -> None:
        with self._lock:
            self._failures.clear()
            self._latency.clear()
            self._cuts.clear()
            self._rejections.clear()

    # The server side -----------------------------------------------------------------------
    def take_failure(self, kind: str) -> Failure | None:
        with self._lock:
            for key in (kind, "any"):
                queue = self._failures.get(key)
                if queue:
                    return queue.popleft()
        return None

    def latency_for(self, kind: str) -> float:
        with self._lock:
            return self._latency.get(kind, self._latency.get("any", 0.0))

    def take_cut(self) -> int | None:
        with self._lock:
            return self._cuts.popleft() if self._cuts else None

    def put_back_cut(self, after_bytes: int) -> None:
        """A cut taken for a request that carried no file applies to the next upload instead."""
        with self._lock:
            self._cuts.appendleft(after_bytes)

    def take_rejection(self) -> str | None:
        with self._lock:
            return self._rejections.popleft() if self._rejections else None

    def pending(self) -> dict[str, int]:
        """How many faults are still queued, per kind (for tests and the CLI)."""
        with self._lock:
            counts = {k: len(q) for k, q in self._failures.items() if q}
            if self._cuts:
                counts["cut"] = len(self._cuts)
            if self._rejections:
                counts["reject"] = len(self._rejections)
            return counts
