"""In- and out-times: from the speech, within what the guides allow.

Times are worked in whole milliseconds (what SRT and WebVTT write), so the gap and the
durations the checker measures are the ones in the file. Each cue starts on its first word
(or up to ``max_lead`` earlier, into silence the previous cue left free, when it needs the time)
and ends on its last word, extended into the following silence for its minimum duration or its
reading time, by at most ``max_linger``; never closer than the minimum gap to the next cue,
never longer than ``max_duration``. A gap shorter than half a second is closed down to the
minimum gap, as subtitlers chain cues, so that cues do not flicker.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from smdesk.core.subtitles.rules import SubtitleRules

__all__ = ["Timed", "place_times"]

CHAIN_BELOW_MS = 500


@dataclass(frozen=True, slots=True)
class Timed:
    """What timing needs to know of a cue: its speech and the time it must be shown."""

    speech_start: float
    speech_end: float
    needed: float  # reading time, at least the minimum duration


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


def place_times(cues: list[Timed], rules: SubtitleRules) -> list[tuple[float, float]]:
    """(start, end) in seconds for each cue, in order, never overlapping."""
    gap = math.ceil(rules.min_gap * 1000 - 1e-6)
    lead = _ms(rules.max_lead)
    linger = _ms(rules.max_linger)
    longest = math.floor(rules.max_duration * 1000 + 1e-6)
    speech = [(_ms(c.speech_start), max(_ms(c.speech_end), _ms(c.speech_start))) for c in cues]
    needed = [math.ceil(c.needed * 1000 - 1e-6) for c in cues]
    shortest = math.ceil(rules.min_duration * 1000 - 1e-6)
    times: list[tuple[int, int]] = []
    previous_end = -gap
    for k, (speech_start, speech_end) in enumerate(speech):
        free_from = max(previous_end + gap, 0)
        start = max(speech_start, free_from)
        limit = speech[k + 1][0] - gap if k + 1 < len(speech) else None
        shortfall = needed[k] - (_latest_end(start, speech_end, linger, shortest, limit) - start)
        if shortfall > 0:  # lead in, into silence the previous cue left free
            start = max(min(start, speech_start - shortfall), speech_start - lead, free_from)
        latest = _latest_end(start, speech_end, linger, shortest, limit)
        end = min(max(speech_end, start + needed[k]), latest)
        if limit is not None and limit - end < CHAIN_BELOW_MS:
            end = limit
        end = min(end, start + longest)
        end = max(end, start + 1)  # never an empty cue, even for zero-length words
        times.append((start, end))
        previous_end = end
    return [(start / 1000, end / 1000) for start, end in times]


def _latest_end(start: int, speech_end: int, linger: int, shortest: int, limit: int | None) -> int:
    """The latest out-time: the linger allowance, or the minimum duration, which is the harder
    rule and may outlast it; never past the next cue's limit."""
    cap = max(speech_end + linger, start + shortest)
    return cap if limit is None else min(cap, limit)
