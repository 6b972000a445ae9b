"""Strong references to background tasks.

asyncio only keeps weak references to tasks, so a fire-and-forget task can be garbage-collected
mid-flight. Every task the app starts goes through a TaskRegistry: it is held until done,
cancellation is logged apart from failure, failures are logged with traceback and passed to
the app's error policy, and shutdown cancels and awaits everything in one place.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Hashable
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
FailureHandler = Callable[[BaseException], None]


class TaskRegistry:
    def __init__(self, on_failure: FailureHandler | None = None) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._named: dict[Hashable, asyncio.Task[Any]] = {}
        self._on_failure = on_failure

    def spawn(
        self, coro: Coroutine[Any, Any, T], *, name: str, key: Hashable | None = None
    ) -> asyncio.Task[T]:
        """Start ``coro``; with ``key``, a task already running under that key is cancelled."""
        if key is not None:
            previous = self._named.get(key)
            if previous is not None and not previous.done():
                previous.cancel()
        task = asyncio.get_event_loop().create_task(coro, name=name)
        self._tasks.add(task)
        if key is not None:
            self._named[key] = task
        task.add_done_callback(lambda t: self._finished(t, key))
        return task

    def get(self, key: Hashable) -> asyncio.Task[Any] | None:
        task = self._named.get(key)
        return task if task is not None and not task.done() else None

    def running(self) -> int:
        return sum(1 for task in self._tasks if not task.done())

    def _finished(self, task: asyncio.Task[Any], key: Hashable | None) -> None:
        self._tasks.discard(task)
        if key is not None and self._named.get(key) is task:
            del self._named[key]
        if task.cancelled():
            log.debug("Task %s cancelled", task.get_name())
            return
        exc = task.exception()
        if exc is None:
            return
        log.error("Task %s failed", task.get_name(), exc_info=(type(exc), exc, exc.__traceback__))
        if self._on_failure is not None:
            self._on_failure(exc)

    async def cancel_all(self) -> None:
        """Cancel every task and wait until they have all finished unwinding."""
        tasks = [task for task in self._tasks if not task.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
