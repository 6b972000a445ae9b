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


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Passes:
    """The generations the collector passes over, as gc reports them."""

    def __init__(self) -> None:
        self.generations: list[int] = []

    def __enter__(self) -> Passes:
        gc.callbacks.append(self._seen)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self._seen)

    def _seen(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self.generations.append(info["generation"])


def make_young_due() -> None:
    """Allocate past the young generation's threshold: cycles, garbage until collected."""
    for _ in range(gc.get_threshold()[0] + 50):
        cycle: list[object] = []
        cycle.append(cycle)


def fresh_collector(qapp: Any, clock: Clock) -> Any:
    from smdesk.app.main_thread_gc import MainThreadCollector

    gc.collect()
    collector = MainThreadCollector(qapp, clock=clock)
    collector._timer.stop()  # the test calls it instead of the timer
    return collector


def test_a_full_pass_waits_until_the_oldest_generation_grew_by_a_quarter(qapp: Any) -> None:
    collector = fresh_collector(qapp, Clock())
    for _ in range(gc.get_threshold()[2] + 1):
        gc.collect(1)  # the oldest generation's own counter is past its threshold
    make_young_due()
    with Passes() as passes:
        collector.collect_if_due()
    # Before: every tenth middle pass was a full one, 30-90 ms with a 3-hour transcript open.
    assert passes.generations == [0]
    kept = [[] for _ in range(len(gc.get_objects(generation=2)))]  # the heap doubles
    for _ in range(gc.get_threshold()[1] + 1):
        gc.collect(0)
    make_young_due()
    with Passes() as passes:
        collector.collect_if_due()  # the middle pass moves ``kept`` into the oldest generation
        make_young_due()
        collector.collect_if_due()
    assert passes.generations == [1, 2]
    assert kept
    collector.deleteLater()


def test_middle_and_full_passes_wait_while_the_user_types(qapp: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    clock = Clock()
    collector = fresh_collector(qapp, clock)
    qapp.installEventFilter(collector)
    editor = QLineEdit()
    editor.show()
    try:
        QTest.keyClick(editor, Qt.Key.Key_A)  # the event filter notes the typing
        for _ in range(gc.get_threshold()[1] + 1):
            gc.collect(0)
        clock.now += 0.5
        with Passes() as passes:
            assert collector.collect_if_due() == 0  # a middle pass is due, but held
            make_young_due()
            collector.collect_if_due()  # the young pass is not held
        assert passes.generations == [0]
        clock.now += 1.0  # a second without input
        with Passes() as passes:
            collector.collect_if_due()
        assert passes.generations == [1]
        for _ in range(gc.get_threshold()[1] + 1):
            gc.collect(0)
        with Passes() as passes:
            for _ in range(130):  # half a minute of typing without a pause
                clock.now += 0.25
                collector.note_input()
                collector.collect_if_due()
        assert passes.generations == [1]  # held at most LONGEST_HOLD_SECONDS
    finally:
        qapp.removeEventFilter(collector)
        editor.close()
        collector.deleteLater()
