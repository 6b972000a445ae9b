"""The PySide6 None-refcount guard keeps a process alive through many void Qt calls."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

from smdesk.app.qt_compat import none_refcount_is_leaking, protect_none_refcount


def test_many_void_calls_do_not_exhaust_none() -> None:
    protect_none_refcount()
    assert protect_none_refcount() is False  # idempotent: never adds headroom twice
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(20_000):  # more than None's natural reference count on Python 3.11
        probe.setObjectName("probe")
    if none_refcount_is_leaking():
        assert before > 1 << 39  # the headroom is there, so the loop above could not abort
    assert sys.getrefcount(None) > 0
