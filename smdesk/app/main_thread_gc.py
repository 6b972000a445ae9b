"""Python's cyclic garbage collector runs only on the Qt thread, and its long passes wait for a
pause in the user's typing and dragging.

CPython starts a collection in whichever thread happens to allocate past the threshold: here the
history thread, the sandbox's thread or an executor worker. A Qt object caught in a reference
cycle is then destroyed on that thread, and the timers it owned stay registered with the Qt
thread's event dispatcher pointing at freed memory, which crashed the app (and the test suite,
seen as a segfault in QTimerInfoList::activateTimers) some time later. So automatic collection is
turned off and a timer on the Qt thread collects, with the same generation thresholds, instead.

With a 3-hour transcript open, a pass over the older generations takes 30-90 ms on the Qt
thread: a visible stall in the middle of a word being typed. So, as CPython does, the oldest
generation is collected only once it has grown by a quarter since its last collection (without
that rule every tenth middle pass was a full one), and the middle and full passes are held while
the user types, clicks or drags, until input has been still for ``QUIET_SECONDS``, but never
longer than ``LONGEST_HOLD_SECONDS``, so memory stays bounded through a long session of typing.
The young generation is collected when due, as before: it is small and quick.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

CHECK_INTERVAL_MS = 250  # cheap: it reads three counters, and collects only past a threshold
QUIET_SECONDS = 1.0
LONGEST_HOLD_SECONDS = 30.0
OLDEST_GROWTH = 0.25  # CPython's rule for a full collection (long_lived_pending > total / 4)

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
})

_collector: MainThreadCollector | None = None


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._last_input = -LONGEST_HOLD_SECONDS
        self._held_since: float | None = None
        self._oldest_size = len(gc.get_objects(generation=2))
        self._oldest_pending = 0  # survivors of middle passes since the last full one
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # Installed on the application: sees the Qt thread's events only (Qt 5 and later).
        if event.type() in _INPUT_EVENTS:
            self.note_input()
        return False

    def note_input(self) -> None:
        """The user just typed, clicked or dragged (what the event filter records)."""
        self._last_input = self._clock()

    def collect_if_due(self) -> int:
        """Collect the oldest generation whose threshold is passed, as CPython would, holding
        the middle and full passes while the user is busy; returns the objects freed."""
        counts = gc.get_count()
        generation = self._due(counts)
        if generation is None:
            return 0
        if generation > 0:
            if self._user_busy():
                if counts[0] <= self._thresholds[0]:
                    return 0
                generation = 0  # the young pass is quick: keep it
            else:
                self._held_since = None
        young = _young_objects() if generation == 1 else 0
        collected = gc.collect(generation)
        if generation == 1:  # the survivors moved into the oldest generation
            self._oldest_pending += max(young - collected, 0)
        elif generation == 2:
            self._oldest_size, self._oldest_pending = len(gc.get_objects(generation=2)), 0
        return collected

    def _due(self, counts: tuple[int, int, int]) -> int | None:
        if counts[2] > self._thresholds[2] and self._oldest_grew():
            return 2
        if counts[1] > self._thresholds[1]:
            return 1
        if counts[0] > self._thresholds[0]:
            return 0
        return None

    def _oldest_grew(self) -> bool:
        """The objects moved into the oldest generation since its last collection are more
        than a quarter of it (a full pass costs time in proportion to the whole heap, so it
        runs as often as the heap grows, not more)."""
        return self._oldest_pending > self._oldest_size * OLDEST_GROWTH

    def _user_busy(self) -> bool:
        now = self._clock()
        if now - self._last_input >= QUIET_SECONDS:
            return False
        if self._held_since is None:
            self._held_since = now
        return now - self._held_since < LONGEST_HOLD_SECONDS


def _young_objects() -> int:
    """Objects in the two younger generations (a middle pass moves its survivors on)."""
    return len(gc.get_objects(generation=0)) + len(gc.get_objects(generation=1))


def collect_on_the_qt_thread(app: QCoreApplication) -> MainThreadCollector:
    """Install once per process (idempotent); the collector lives as long as ``app``."""
    global _collector
    if _collector is None:
        _collector = MainThreadCollector(app)
        app.installEventFilter(_collector)
    return _collector
