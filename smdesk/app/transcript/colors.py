"""Speaker colours derived from the palette, readable on light and dark backgrounds.

Hues start at the palette's highlight hue and step by the golden angle, so neighbouring speakers
differ clearly; lightness is chosen against the base colour (dark text colours on a light base,
light ones on a dark base) instead of hard-coding a light-theme palette.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

GOLDEN_ANGLE = 137.508


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def speaker_color(palette: QPalette, index: int) -> QColor:
    """The colour of the ``index``-th speaker (0-based) for this palette."""
    base_hue = palette.color(QPalette.ColorRole.Highlight).hslHueF()
    if base_hue < 0:  # achromatic highlight (grey themes): start from blue
        base_hue = 0.6
    hue = (base_hue + index * GOLDEN_ANGLE / 360.0) % 1.0
    lightness = 0.72 if is_dark(palette) else 0.34
    return QColor.fromHslF(hue, 0.65, lightness)


def unknown_speaker_color(palette: QPalette) -> QColor:
    """'Unknown speaker' is shown in the muted placeholder colour, not as a real speaker."""
    return palette.color(QPalette.ColorRole.PlaceholderText)


def tint(palette: QPalette, role: QPalette.ColorRole, alpha: float) -> QColor:
    """A translucent version of a palette role, for highlights that keep the text readable."""
    color = QColor(palette.color(role))
    color.setAlphaF(alpha)
    return color
