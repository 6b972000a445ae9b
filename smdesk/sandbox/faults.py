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
    # Echo the request (with its Authorization header) in the error body, after `echo_prefix`,
    # as some proxies and badly configured servers do.
    echo_request: bool = False
    echo_prefix: str = ""


@dataclass(frozen=True)
class Stall:
    after_bytes: int  # stop reading the upload once this many file bytes have arrived
    seconds: float  # for this long (a short stall is a slow line, a long one a dead one)


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
        self._stalls: deque[Stall] = deque()
        self._lost_replies = 0
        self._late: deque[float] = deque()

    def fail_next(
        self,
        kind: str,
        count: int = 1,
        status: int = 503,
        retry_after: float | None = None,
        *,
        echo_request: bool = False,
        echo_prefix: str = "",
    ) -> None:
        """Answer the next `count` requests of `kind` with an API error of `status`.

        `echo_request`: the error body repeats the request line and headers (Authorization
        included) after `echo_prefix`, like a misconfigured proxy's error page.
        """
        _check_kind(kind)
        if not 400 <= status <= 599:
            raise ValueError("status must be an HTTP error code (400-599)")
        failure = Failure(status, retry_after, echo_request, echo_prefix)
        with self._lock:
            self._failures.setdefault(kind, deque()).extend([failure] * count)

    def stall_next_upload(self, after_bytes: int = 65536, seconds: float = 3600.0) -> None:
        """Stop reading the next upload after `after_bytes` file bytes, for `seconds`."""
        if seconds <= 0:
            raise ValueError("seconds must be positive")
        with self._lock:
            self._stalls.append(Stall(max(0, after_bytes), seconds))

    def lose_next_replies(self, count: int = 1) -> None:
        """Create the next `count` submitted jobs, then drop the connection instead of replying."""
        with self._lock:
            self._lost_replies += max(0, count)

    def register_next_jobs_late(self, seconds: float, count: int = 1) -> None:
        """The next `count` jobs exist but are invisible (list, status) for `seconds` after
        their upload arrived, as when the API registers a job a few seconds late."""
        with self._lock:
            self._late.extend([max(0.0, seconds)] * count)

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
            self._stalls.clear()
            self._lost_replies = 0
            self._late.clear()

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

    def take_stall(self) -> Stall | None:
        with self._lock:
            return self._stalls.popleft() if self._stalls else None

    def take_lost_reply(self) -> bool:
        with self._lock:
            if self._lost_replies <= 0:
                return False
            self._lost_replies -= 1
            return True

    def take_late_registration(self) -> float:
        with self._lock:
            return self._late.popleft() if self._late else 0.0

    def pending(self) -> dict[str, int]:
        """How many faults are still queued, per kind (for tests and the CLI)."""
        with self._lock:
            counts = {k: len(q) for k, q in self._failures.items() if q}
            if self._cuts:
                counts["cut"] = len(self._cuts)
            if self._rejections:
                counts["reject"] = len(self._rejections)
            if self._stalls:
                counts["stall"] = len(self._stalls)
            if self._lost_replies:
                counts["lost_reply"] = self._lost_replies
            if self._late:
                counts["late"] = len(self._late)
            return counts
