"""Work around a PySide6 6.12.0 reference-count bug on CPython < 3.12.

Measured in this environment (PySide6 6.12.0, CPython 3.11.7): every call of a Qt method that
returns ``void`` (``QLabel.setText``, ``QTextCursor.setPosition``, ``QWidget.setEnabled``…) drops
one reference to ``None`` without having taken it. ``sys.getrefcount(None)`` falls by exactly one
per call; after a few thousand calls it reaches zero and CPython aborts with "Fatal Python error:
none_dealloc: deallocating None". Since CPython 3.12 ``None`` is immortal, so the bug is harmless
there. The real fix is a PySide6 build without the bug (or Python >= 3.12); until then, giving
``None`` a very large reference count at start-up keeps the process alive (2**40 stolen
references would take years of calls).
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40


def none_refcount_is_leaking() -> bool:
    """True if void Qt calls steal references to None in this interpreter."""
    if sys.version_info >= (3, 12):
        return False  # None is immortal
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 50


def protect_none_refcount() -> bool:
    """Give None enough references to survive the leak; True if it was needed (idempotent)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value >= _HEADROOM // 2:
        return False  # already protected
    if not none_refcount_is_leaking():
        return False
    refcount.value += _HEADROOM
    return True
