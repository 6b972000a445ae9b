"""Which units go into which cue: a shortest-path search over cue boundaries.

Every candidate cue (a run of units that fits the lines, lasts at most ``max_duration`` and does
not cross a long pause) gets a cost: a fixed price per cue (fewer, fuller cues), the break
demerit where it ends (a cue should end where a sentence or clause does), a price for ending on
the fragment of a second sentence, and a heavy price when the time it gets (timed as
:func:`timing.cue_times` will time it, after the cheapest cues before it) is shorter than its
minimum duration or its reading time. The cheapest sequence of cues wins, so a short "year." is
not left alone when the cue before can take it, and short sentences of one speaker are joined
when they fit on one line or when joining them makes them readable.

Two speakers share a cue only in the dash form, one speaker a line, each part a whole sentence or
turn if it can be (the end or the start of a longer sentence if not): that is how a backchannel
("Yes.") too short to stand alone gets on screen.

The search looks at about 15 candidates per unit, 30,000 words give ~400,000: the inner loop
works on precomputed lists and local names, because that is what keeps it well under a second.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from smdesk.core.subtitles.rules import SubtitleRules
from smdesk.core.subtitles.timing import Clock, cue_times, ms
from smdesk.core.subtitles.units import Unit, display_width

__all__ = ["CueSpan", "choose_cues", "reading_time"]

CUE_COST = 2.0
END_WEIGHT = 2.0
FRAGMENT_COST = 3.0
JOIN_ONE_LINE = 1.0
JOIN_TWO_LINES = 2.5
DUAL_COST = 3.0
DUAL_FRAGMENT_COST = 6.0
UNREADABLE_COST = 60.0  # above a cue's usual style demerits: the rules come first
UNREADABLE_WEIGHT = 60.0
PAUSE_COST = 4.0
LINE_WEIGHT = 2.0  # a two-line cue's best line break counts as much as where it ends


@dataclass(slots=True)
class CueSpan:
    """``units[first..last]``; ``split`` is the first unit of the second speaker (dash form);
    ``start``/``end`` the cue's times in ms, as :func:`cue_times` gives them."""

    first: int
    last: int
    split: int | None
    start: int
    end: int


def reading_time(chars: int, words: int, rules: SubtitleRules) -> float:
    """Seconds a cue must stay on screen to be read (and its minimum duration)."""
    needed = rules.min_duration
    if rules.max_cps is not None:
        needed = max(needed, chars / rules.max_cps)
    if rules.max_wpm is not None:
        needed = max(needed, words * 60.0 / rules.max_wpm)
    return needed


def _prefix(values: list[int]) -> list[int]:
    out = [0]
    for value in values:
        out.append(out[-1] + value)
    return out


class _Measures:
    """Prefix sums over the units so any run's width, characters and words cost O(1)."""

    def __init__(self, texts: list[str], units: list[Unit], rules: SubtitleRules) -> None:
        spaces = rules.cps_counts_spaces
        self.sep_widths = [display_width(u.separator) for u in units]
        self.sep_chars = [len(u.separator) if spaces else 0 for u in units]
        self.prefix_width = _prefix(
            [sep + display_width(text) for sep, text in zip(self.sep_widths, texts, strict=True)]
        )
        self.prefix_chars = _prefix(
            [
                sep + (len(text) if spaces else len("".join(text.split())))
                for sep, text in zip(self.sep_chars, texts, strict=True)
            ]
        )
        self.prefix_words = _prefix([max(1, len(text.split())) for text in texts])
        self.prefix_sentence_ends = _prefix([int(u.sentence_end) for u in units])

    def width(self, a: int, b: int) -> int:
        return self.prefix_width[b + 1] - self.prefix_width[a] - self.sep_widths[a]


def _first_fits(measures: _Measures, n: int, max_width: int) -> list[int]:
    """For each unit b, the first unit a such that units a..b fit on one line (a <= b)."""
    result = [0] * n
    a = 0
    for b in range(n):
        while a < b and measures.width(a, b) > max_width:
            a += 1
        result[b] = a
    return result


def _next_fits(measures: _Measures, n: int, max_width: int) -> list[int]:
    """For each unit a, the first unit that no longer fits on a line starting at a (> a)."""
    result = [0] * n
    b = 0
    for a in range(n):
        b = max(b, a + 1)
        while b < n and measures.width(a, b) <= max_width:
            b += 1
        result[a] = b
    return result


class _Search:
    def __init__(
        self, units: list[Unit], texts: list[str], costs: list[float], rules: SubtitleRules
    ) -> None:
        n = len(units)
        self.units, self.rules, self.n = units, rules, n
        self.measures = _Measures(texts, units, rules)
        self.next_fit = _next_fits(self.measures, n, rules.max_chars_per_line)
        self.first_fit = _first_fits(self.measures, n, rules.max_chars_per_line)
        self.line_costs = [LINE_WEIGHT * cost for cost in costs]
        # reach[a]: the first unit that does not fit in max_lines lines starting at unit a.
        self.reach = list(range(n))
        for _ in range(rules.max_lines):
            self.reach = [self.next_fit[k] if k < n else n for k in self.reach]
        # After unit k: a long pause (a cue never spans it), a speaker change.
        silences = [units[k + 1].start - units[k].end if k + 1 < n else 0.0 for k in range(n)]
        self.pause_after = [silence > rules.max_pause for silence in silences]
        # A silence over half of max_pause may sit inside a cue, at a price ("He / has." split
        # by it is worse than "He has." shown through it).
        self.prefix_pauses = _prefix([int(s > rules.max_pause / 2) for s in silences])
        self.turn_after = [k + 1 < n and units[k + 1].speaker != units[k].speaker for k in range(n)]
        self.boundary = [
            k == n - 1 or self.pause_after[k] or self.turn_after[k] for k in range(n)
        ]
        self.end_cost = [0.0 if self.boundary[k] else END_WEIGHT * costs[k] for k in range(n)]
        self.dash_width = display_width(rules.dual_speaker_dash)
        self.clock = Clock.of(rules)
        self.starts = [ms(u.start) for u in units]
        self.ends = [ms(u.end) for u in units]

    def sentence_start(self, a: int) -> bool:
        return a == 0 or self.units[a - 1].sentence_end or self.boundary[a - 1]

    def dual_extra(self, a: int, b: int) -> float:
        """The dash form is best when each part is a whole utterance; a part that is the end or
        the start of a longer sentence costs more, but less than a cue too short to read."""
        cost = DUAL_COST
        if not self.sentence_start(a):
            cost += DUAL_FRAGMENT_COST
        if not (self.units[b].sentence_end or self.boundary[b]):
            cost += DUAL_FRAGMENT_COST
        return cost

    def run(self) -> list[CueSpan]:
        n, units, rules, measures, clock = self.n, self.units, self.rules, self.measures, self.clock
        starts, ends = self.starts, self.ends
        pause_after, turn_after, reach = self.pause_after, self.turn_after, self.reach
        prefix_pauses = self.prefix_pauses
        next_fit, first_fit, line_costs = self.next_fit, self.first_fit, self.line_costs
        two_lines = rules.max_lines == 2
        # reading_time in ms, unrolled: ms per character and per word, and the minimum
        shortest = math.ceil(rules.min_duration * 1000 - 1e-6)
        ms_per_char = 1000 / rules.max_cps if rules.max_cps is not None else 0.0
        ms_per_word = 60_000 / rules.max_wpm if rules.max_wpm is not None else 0.0
        prefix_chars, sep_chars = measures.prefix_chars, measures.sep_chars
        prefix_words, prefix_eos = measures.prefix_words, measures.prefix_sentence_ends
        width = measures.width
        line_width = rules.max_chars_per_line
        dual_width = line_width - self.dash_width
        dash_chars = 2 * len(rules.dual_speaker_dash)
        longest = clock.longest
        dual_allowed = rules.max_lines >= 2
        prefix_width, sep_widths = measures.prefix_width, measures.sep_widths
        boundary = self.boundary
        best = [math.inf] * (n + 1)
        best[0] = 0.0
        chosen: list[CueSpan | None] = [None] * (n + 1)
        chosen_end: list[int | None] = [None] * (n + 1)  # the end of the cue before unit k
        for b in range(n):
            end_b = ends[b]
            next_start = starts[b + 1] if b + 1 < n else None
            fragment = not units[b].sentence_end and not boundary[b]
            tail = CUE_COST + self.end_cost[b]
            chars_b, words_b, eos_b = prefix_chars[b + 1], prefix_words[b + 1], prefix_eos[b]
            width_b = prefix_width[b + 1]
            second_from = first_fit[b]  # the second line can start no earlier
            best_here = math.inf
            split: int | None = None
            for a in range(b, -1, -1):
                if a < b:
                    if pause_after[a] or end_b - starts[a] > longest:
                        break
                    if turn_after[a]:
                        if split is not None or not dual_allowed:
                            break
                        split = a + 1
                cost = tail + PAUSE_COST * (prefix_pauses[b] - prefix_pauses[a])
                chars = chars_b - prefix_chars[a] - sep_chars[a]
                if split is None:
                    if reach[a] <= b and a < b:
                        break
                else:
                    if width(split, b) > dual_width or width(a, split - 1) > dual_width:
                        break
                    cost += self.dual_extra(a, b)
                    chars += dash_chars
                if eos_b - prefix_eos[a] > 0:  # a sentence ends inside the cue
                    if fragment:
                        cost += FRAGMENT_COST
                    one_line = width_b - prefix_width[a] - sep_widths[a] <= line_width
                    cost += JOIN_ONE_LINE if one_line else JOIN_TWO_LINES
                base = best[a] + cost
                if base >= best_here:
                    continue  # cannot win even if it is readable
                if split is None and two_lines and next_fit[a] <= b:
                    # Two lines: the best line break they allow.
                    low = second_from if second_from > a else a + 1
                    base += min(line_costs[low - 1 : next_fit[a]], default=0.0)
                    if base >= best_here:
                        continue
                words = words_b - prefix_words[a]
                needed = max(shortest, math.ceil(chars * ms_per_char - 1e-6),
                             math.ceil(words * ms_per_word - 1e-6))
                start, end = cue_times(clock, chosen_end[a], starts[a], end_b, needed, next_start)
                if needed > end - start:
                    base += UNREADABLE_COST + UNREADABLE_WEIGHT * (needed - end + start) / needed
                if base < best_here:
                    best_here = base
                    chosen[b + 1] = CueSpan(a, b, split, start, end)
            best[b + 1] = best_here
            span = chosen[b + 1]
            chosen_end[b + 1] = span.end if span is not None else None
        spans: list[CueSpan] = []
        position = n
        while position > 0:
            span = chosen[position]
            assert span is not None
            spans.append(span)
            position = span.first
        spans.reverse()
        return spans


def choose_cues(
    units: list[Unit], texts: list[str], costs: list[float], rules: SubtitleRules
) -> list[CueSpan]:
    """The cheapest division of ``units`` into cues. ``texts`` are the units' texts as shown
    (with speaker labels where they go), ``costs`` their :func:`lines.break_costs`."""
    if not units:
        return []
    return _Search(units, texts, costs, rules).run()
