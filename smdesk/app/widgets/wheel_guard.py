"""Wheel events over an unfocused value control scroll the page instead of changing the value.

Qt hands a wheel event to whatever control is under the pointer, so scrolling down a long options
column silently changed the subtitle preset, the accuracy or a spin box on the way. Controls that
hold a value now need focus (a click or Tab) before the wheel changes them; until then the wheel
scrolls the surrounding scroll area, as in browsers and native settings panes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QSlider,
    QWidget,
)

# QSlider, not QAbstractSlider: scroll bars are sliders too and must keep scrolling.
GUARDED_TYPES = (QComboBox, QAbstractSpinBox, QSlider)


class WheelGuard(QObject):
    """Event filter: an unfocused guarded control passes the wheel to its scroll area."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        if watched.hasFocus():
            return False
        area = _scroll_area_of(watched)
        if area is not None:
            QApplication.sendEvent(area.viewport(), event)
        return True  # the value never changes without focus


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, GUARDED_TYPES):
            return parent
        parent = parent.parentWidget()
    return None


def guard_wheel(root: QWidget) -> WheelGuard:
    """Guard every value control under ``root`` (call after building it); returns the filter."""
    guard = WheelGuard(root)
    for control in root.findChildren(QWidget):
        if isinstance(control, GUARDED_TYPES) and not isinstance(control, QAbstractScrollArea):
            control.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel alone never focuses
            control.installEventFilter(guard)
    return guard
