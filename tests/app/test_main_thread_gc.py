"""Qt objects in reference cycles are freed on the Qt thread, never on a worker thread."""

from __future__ import annotations

import gc
import threading
import weakref
from typing import Any

from PySide6.QtCore import QObject, QTimer

from smdesk.app.main_thread_gc import collect_on_the_qt_thread


class Cyclic(QObject):
    """A Qt object with a running timer, kept alive only by a reference cycle."""

    def __init__(self) -> None:
        super().__init__()
        self.me = self
        self.timer = QTimer(self)
        self.timer.start(10_000)


def test_cycles_made_garbage_are_collected_on_the_qt_thread_only(qapp: Any) -> None:
    collector = collect_on_the_qt_thread(qapp)
    assert not gc.isenabled()  # no thread can start a collection by allocating
    victim = Cyclic()
    alive = weakref.ref(victim)
    del victim

    def allocate_a_lot() -> None:  # what the history thread does all day
        junk = [[] for _ in range(50_000)]
        for index in range(len(junk) - 1):
            junk[index].append(junk[index + 1])

    worker = threading.Thread(target=allocate_a_lot, name="worker")
    worker.start()
    worker.join()
    # Before: the worker collected it ("QObject::~QObject: Timers cannot be stopped from
    # another thread"), leaving its timer registered on the Qt thread.
    assert alive() is not None
    kept = [Cyclic() for _ in range(gc.get_threshold()[0] + 1)]  # past the first threshold
    del kept
    assert gc.get_count()[0] > gc.get_threshold()[0]
    assert collector.collect_if_due() > 0  # what the collector's timer does on the Qt thread
    gc.collect()
    assert alive() is None
    assert collect_on_the_qt_thread(qapp) is collector  # installed once per process
