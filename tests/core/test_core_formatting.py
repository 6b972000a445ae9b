"""Human formatting of times and sizes."""

from __future__ import annotations

import pytest

from smdesk.core.formatting import (
    format_bytes,
    format_duration,
    format_eta,
    format_srt_time,
    format_timestamp,
)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "00:00"),
        (123.9, "02:03"),
        (3723, "01:02:03"),
        (36000, "10:00:00"),
        (-5, "00:00"),
        (float("nan"), "00:00"),
        (float("inf"), "00:00"),
    ],
)
def test_format_timestamp(seconds: float, text: str) -> None:
    assert format_timestamp(seconds) == text


def test_format_timestamp_always_hours() -> None:
    assert format_timestamp(83, always_hours=True) == "00:01:23"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (45, "45 s"),
        (0.4, "0 s"),
        (59.6, "1 min 00 s"),
        (185, "3 min 05 s"),
        (3720, "1 h 02 min"),
        (10 * 3600, "10 h 00 min"),
        (None, "unknown"),
        (float("nan"), "unknown"),
        (-3, "0 s"),
    ],
)
def test_format_duration(seconds: float | None, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (1000, "1.0 kB"),
        (1_500_000, "1.5 MB"),
        (999_000_000, "999 MB"),
        (1_000_000_000, "1.0 GB"),
        (123_456_789_012, "123 GB"),
        (5_000_000_000_000_000, "5000 TB"),
        (-1, "0 B"),
    ],
)
def test_format_bytes(n: int, text: str) -> None:
    assert format_bytes(n) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, "time left unknown"),
        (-1, "time left unknown"),
        (30, "less than a minute left"),
        (300, "about 5 min left"),
        (3900, "about 1 h 05 min left"),
    ],
)
def test_format_eta(seconds: float | None, text: str) -> None:
    assert format_eta(seconds) == text


def test_format_srt_time() -> None:
    assert format_srt_time(3723.4567) == "01:02:03,457"
    assert format_srt_time(-1) == "00:00:00,000"
