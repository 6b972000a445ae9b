"""Size dialogs with word-wrapped text to fit their contents.

Top-level windows ignore height-for-width, so a dialog with a wrapped QLabel opens too short and
clips the last lines; asking the layout for its height at the actual width fixes that.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def fit_height(window: QWidget) -> None:
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    width = window.width() if window.isVisible() else max(
        window.minimumWidth(), layout.totalMinimumSize().width())
    height = layout.totalHeightForWidth(width)
    if height > 0:
        window.resize(width, max(height, layout.totalMinimumSize().height()))
