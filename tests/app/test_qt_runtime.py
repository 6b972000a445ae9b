"""Guards against a Qt binding that corrupts the interpreter (see the pin in pyproject.toml)."""

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_do_not_steal_references_to_none() -> None:
    # PySide6 6.12.0 dropped one reference to None per void call; on Python < 3.12 that aborts the
    # process after a few thousand calls, so the app would die while opening a long transcript.
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 10
