"""The cue search's shortcuts (window by bisect, seeded pruning) change nothing it finds.

A plain reference search, written here without any pruning, prices every candidate cue in full
with the same costs and keeps the cheapest (ties: the shortest, a dash cue only when cheaper);
the engine must choose exactly the same cues on the synthetic cases and a two-speaker interview.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from smdesk.core.subtitles import PRESETS, SubtitleRules
from smdesk.core.subtitles import segment as s
from smdesk.core.subtitles.lines import break_costs
from smdesk.core.subtitles.tables import Tables
from smdesk.core.subtitles.timing import Clock, cue_times
from smdesk.core.subtitles.units import Unit, display_width, transcript_units
from smdesk.core.transcript import Transcript

from .factories import make_json_v2
from .subtitle_cases import all_cases


def _needed(chars: int, words: int, rules: SubtitleRules) -> int:
    per_char = 1000 / rules.max_cps if rules.max_cps is not None else 0.0
    per_word = 60_000 / rules.max_wpm if rules.max_wpm is not None else 0.0
    return max(math.ceil(rules.min_duration * 1000 - 1e-6),
               math.ceil(chars * per_char - 1e-6), math.ceil(words * per_word - 1e-6))


_Span = tuple[int, int, int | None, int, int]  # first, last, split, start, end


def _reference(units: list[Unit], texts: list[str], rules: SubtitleRules) -> list[_Span]:
    """(first, last, split, start, end) of each cue, by an exhaustive shortest path."""
    costs, t, clock = break_costs(units), Tables(units, texts, rules), Clock.of(rules)
    n = len(units)
    boundary = [k == n - 1 or t.pause_after[k] or t.turn_after[k] for k in range(n)]
    ends_sentence = [units[k].sentence_end or boundary[k] for k in range(n)]
    best = [0.0] + [math.inf] * n
    chosen: list[_Span] = [(0, 0, None, 0, 0)] * (n + 1)
    dash_width = rules.max_chars_per_line - display_width(rules.dual_speaker_dash)
    for b in range(n):
        candidates: list[tuple[float, int, int | None]] = []  # (price, first, split), in order
        split: int | None = None
        for a in range(b, -1, -1):
            if a < b:
                if t.pause_after[a] or t.ends[b] - t.starts[a] > clock.longest:
                    break
                if t.turn_after[a]:
                    if split is not None or rules.max_lines < 2:
                        break
                    split = a + 1
            if split is None and t.reach[a] <= b and a < b:
                break
            if split is not None and (t.width(split, b) > dash_width
                                      or t.width(a, split - 1) > dash_width):
                break
            cost = s.CUE_COST + (0.0 if boundary[b] else s.END_WEIGHT * costs[b])
            cost += s.PAUSE_COST * (t.pauses_to[b] - t.pauses_to[a])
            if split is not None:
                cost += s.DUAL_COST
                if not (a == 0 or ends_sentence[a - 1]):
                    cost += s.DUAL_FRAGMENT_COST
                if not ends_sentence[b]:
                    cost += s.DUAL_FRAGMENT_COST
            if any(units[k].sentence_end for k in range(a, b)):
                if not ends_sentence[b]:
                    cost += s.FRAGMENT_COST
                one_line = t.width(a, b) <= rules.max_chars_per_line
                cost += s.JOIN_ONE_LINE if one_line else s.JOIN_TWO_LINES
            price = best[a] + cost
            if split is None and rules.max_lines == 2 and t.next_fit[a] <= b:
                breaks = range(max(t.first_fit[b], a + 1) - 1, t.next_fit[a])
                price += min((s.LINE_WEIGHT * costs[k] for k in breaks), default=0.0)
            candidates.append((price, a, split))
        for price, a, split in candidates:
            dash_chars = 0 if split is None else 2 * len(rules.dual_speaker_dash)
            needed = _needed(t.chars_to[b] - t.chars_from[a] + dash_chars,
                             t.words_to[b] - t.words_from[a], rules)
            previous_end = chosen[a][4] if a > 0 else None
            next_start = t.starts[b + 1] if b + 1 < n else None
            start, end = cue_times(clock, previous_end, t.starts[a], t.ends[b], needed,
                                   next_start)
            if needed > end - start:
                price += s.UNREADABLE_COST + s.UNREADABLE_WEIGHT * (needed - end + start) / needed
            if price < best[b + 1]:
                best[b + 1], chosen[b + 1] = price, (a, b, split, start, end)
    spans: list[_Span] = []
    position = n
    while position > 0:
        spans.append(chosen[position])
        position = chosen[position][0]
    return spans[::-1]


def _documents() -> list[tuple[str, Transcript]]:
    docs = [(case.name, Transcript.from_json_v2(case.doc)) for case in all_cases()]
    return [*docs, ("interview", Transcript.from_json_v2(make_json_v2(1500, seed=3)))]


@pytest.mark.parametrize("preset", ["netflix", "bbc", "vertical", "narrow three lines"])
def test_the_search_finds_what_an_exhaustive_search_finds(preset: str) -> None:
    rules = PRESETS.get(preset) or replace(PRESETS["bbc"], max_chars_per_line=20, max_lines=3)
    for name, transcript in _documents():
        units = transcript_units(transcript, rules.max_chars_per_line)
        texts = [u.text for u in units]
        found = [(c.first, c.last, c.split, c.start, c.end) for c in
                 s.choose_cues(units, Tables(units, texts, rules), break_costs(units), rules)]
        assert found == _reference(units, texts, rules), name
