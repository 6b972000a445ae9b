"""Human formatting of times, durations and sizes for the UI and exports."""

from __future__ import annotations

import math


def _whole_seconds(seconds: float) -> int:
    if not math.isfinite(seconds) or seconds < 0:
        return 0
    return int(seconds)


def format_timestamp(seconds: float, *, always_hours: bool = False) -> str:
    """ "02:03" below an hour, "01:02:03" from an hour on (or always with ``always_hours``)."""
    total = _whole_seconds(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours or always_hours:
        return f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def format_duration(seconds: float | None) -> str:
    """ "45 s", "3 min 05 s", "1 h 02 min"; "unknown" when there is no duration."""
    if seconds is None or not math.isfinite(seconds):
        return "unknown"
    total = round(max(seconds, 0.0))
    if total < 60:
        return f"{total} s"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {secs:02d} s"


_BYTE_UNITS = ("kB", "MB", "GB", "TB")


def format_bytes(n: int | float) -> str:
    """Decimal units, like the API's limits: "512 B", "1.5 MB", "1.0 GB"."""
    size = float(max(n, 0))
    if size < 1000:
        return f"{int(size)} B"
    for unit in _BYTE_UNITS:
        size /= 1000
        if size < 1000 or unit == _BYTE_UNITS[-1]:
            return f"{size:.1f} {unit}" if size < 100 else f"{size:.0f} {unit}"
    raise AssertionError("unreachable")


def format_eta(seconds: float | None) -> str:
    """Remaining time for a progress line: "about 5 min left", "less than a minute left"."""
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return "time left unknown"
    if seconds < 60:
        return "less than a minute left"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"about {minutes} min left"
    hours, minutes = divmod(minutes, 60)
    return f"about {hours} h {minutes:02d} min left"


def format_srt_time(seconds: float) -> str:
    """ "00:01:02,345" (SubRip)."""
    millis = round(max(seconds, 0.0) * 1000) if math.isfinite(seconds) else 0
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d},{ms:03d}"
