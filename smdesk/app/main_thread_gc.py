"""Python's cyclic garbage collector runs only on the Qt thread.

CPython starts a collection in whichever thread happens to allocate past the threshold: here the
history thread, the sandbox's thread or an executor worker. A Qt object caught in a reference
cycle is then destroyed on that thread, and the timers it owned stay registered with the Qt
thread's event dispatcher pointing at freed memory, which crashed the app (and the test suite,
seen as a segfault in QTimerInfoList::activateTimers) some time later. So automatic collection is
turned off and a timer on the Qt thread collects, with the same generation thresholds, instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_INTERVAL_MS = 250  # cheap: it reads three counters, and collects only past a threshold

_collector: MainThreadCollector | None = None


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer.start()

    def collect_if_due(self) -> int:
        """Collect the oldest generation whose threshold is passed (as CPython would)."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                return gc.collect(generation)
        return 0


def collect_on_the_qt_thread(app: QCoreApplication) -> MainThreadCollector:
    """Install once per process (idempotent); the collector lives as long as ``app``."""
    global _collector
    if _collector is None:
        _collector = MainThreadCollector(app)
    return _collector
