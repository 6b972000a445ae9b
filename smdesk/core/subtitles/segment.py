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

A cue ending at a unit has ~13 candidate starts, so 30,000 words give ~400,000 candidates. What
keeps that fast: per-unit tables (``tables.Tables``: every width, character and word count of a
run is two lookups, the window of starts a bisect), and pruning that never changes the result
(``tests/core/test_subtitles_search.py`` checks it against an exhaustive search): the cue
starting where the previous unit's best cue starts is timed first (it wins 83% of the time), and
a candidate is timed only if its price without the reading-time check can still match the best.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise

from smdesk.core.subtitles.rules import SubtitleRules
from smdesk.core.subtitles.tables import Tables
from smdesk.core.subtitles.timing import Clock, cue_times
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


class _Search:
    """The shortest path over cue boundaries: ``best[k]`` is the cheapest division of the
    first k units into cues, ``chosen_*[k]`` the last cue of that division."""

    def __init__(
        self, units: list[Unit], tables: Tables, costs: list[float], rules: SubtitleRules
    ) -> None:
        n = len(units)
        self.units, self.rules, self.n = units, rules, n
        self.tables = tables
        self.line_costs = [LINE_WEIGHT * cost for cost in costs]
        pause_after, turn_after = self.tables.pause_after, self.tables.turn_after
        self.boundary = [pause_after[k] or turn_after[k] for k in range(n - 1)] + [True]
        self.end_cost = [0.0 if self.boundary[k] else END_WEIGHT * costs[k] for k in range(n)]
        self.sentence_end = [u.sentence_end for u in units]
        # The dash form's price for a cue from unit a: more when a starts inside a sentence.
        inside = DUAL_COST + DUAL_FRAGMENT_COST
        self.dash_start_cost = [DUAL_COST] + [
            DUAL_COST if self.sentence_end[k] or self.boundary[k] else inside for k in range(n - 1)
        ]
        self.clock = Clock.of(rules)
        # The dash form: each line within the width less the dash; the dashes are read too.
        self.dual_width = rules.max_chars_per_line - display_width(rules.dual_speaker_dash)
        self.dash_chars = 2 * len(rules.dual_speaker_dash)
        self.ms_per_char = 1000 / rules.max_cps if rules.max_cps is not None else 0.0
        self.ms_per_word = 60_000 / rules.max_wpm if rules.max_wpm is not None else 0.0
        starts = self.tables.starts
        self.starts_sorted = all(left <= right for left, right in pairwise(starts))
        self.best = [math.inf] * (n + 1)
        self.best[0] = 0.0
        self.chosen_first = [0] * (n + 1)
        self.chosen_split: list[int | None] = [None] * (n + 1)
        self.chosen_start = [0] * (n + 1)
        self.chosen_end: list[int | None] = [None] * (n + 1)  # the end of the cue before unit k

    def needed_ms(self, chars: int, words: int) -> int:
        """:func:`reading_time` in whole ms (written out in :meth:`single_speaker`)."""
        return max(self.clock.shortest, math.ceil(chars * self.ms_per_char - 1e-6),
                   math.ceil(words * self.ms_per_word - 1e-6))

    def run(self) -> list[CueSpan]:
        """Settle ``best[b + 1]`` for each unit b in order: first among the cues of one speaker
        ending at b, then among the dash cues whose second speaker starts inside them.

        Its inner loop runs ~400,000 times for 30,000 words and the outer one 30,000 times, so
        both work on local names bound once here. The window of starts is every a such that
        a..b fits the lines, crosses no long pause or speaker change and lasts at most
        ``max_duration``; longest cues first, ties to the shorter cue.
        """
        tables, rules, clock = self.tables, self.rules, self.clock
        starts, ends, stop, best = tables.starts, tables.ends, tables.stop, self.best
        width_to, width_from = tables.width_to, tables.width_from
        chars_to, chars_from = tables.chars_to, tables.chars_from
        words_to, words_from = tables.words_to, tables.words_from
        pauses_to, next_fit, first_fit = tables.pauses_to, tables.next_fit, tables.first_fit
        pause_after, turn_after = tables.pause_after, tables.turn_after
        last_sentence_ends, line_costs = tables.last_sentence_end, self.line_costs
        chosen_first, chosen_start = self.chosen_first, self.chosen_start
        chosen_end = self.chosen_end
        joins = [FRAGMENT_COST if not (e or k) else 0.0  # ending on a second sentence's start
                 for e, k in zip(self.sentence_end, self.boundary, strict=True)]
        line_width, two_lines = rules.max_chars_per_line, rules.max_lines == 2
        dual_allowed = rules.max_lines >= 2
        shortest, ms_per_char, ms_per_word = clock.shortest, self.ms_per_char, self.ms_per_word
        longest, ceil, sorted_starts, n = clock.longest, math.ceil, self.starts_sorted, self.n
        fits_from = 0  # stop[] never decreases, so the window's first fitting start only moves on
        for b in range(n):
            while stop[fits_from] < b:
                fits_from += 1
            earliest = ends[b] - longest  # the first unit must start no earlier
            if sorted_starts:
                first = bisect_left(starts, earliest, fits_from, b)
            else:
                first = b
                while first > fits_from and starts[first - 1] >= earliest:
                    first -= 1
            end_b, tail, join_base = ends[b], CUE_COST + self.end_cost[b], joins[b]
            next_start = starts[b + 1] if b + 1 < n else None
            last_sentence_end, second_from = last_sentence_ends[b], first_fit[b]
            width_b, chars_b, words_b = width_to[b], chars_to[b], words_to[b]
            pauses_b = pauses_to[b]
            best_here, best_first, best_start, best_end = math.inf, -1, 0, 0
            # Most often the best cue ending here starts where the best one ending at the unit
            # before does: timed first, its cost prunes most of the window.
            seed = chosen_first[b] if b > 0 else b
            for a in (seed, *range(first, b + 1)) if first <= seed < b else range(first, b + 1):
                if best[a] + tail > best_here:
                    continue  # every other price is >= 0
                cost = tail + PAUSE_COST * (pauses_b - pauses_to[a])
                if a <= last_sentence_end:  # a sentence ends inside the cue
                    one_line = width_b - width_from[a] <= line_width
                    cost += join_base + (JOIN_ONE_LINE if one_line else JOIN_TWO_LINES)
                base = best[a] + cost
                if base > best_here or (base == best_here and a <= best_first):
                    continue  # cannot win even if it is readable
                if two_lines and next_fit[a] <= b:
                    # Two lines: the best line break they allow.
                    low = second_from if second_from > a else a + 1
                    base += min(line_costs[low - 1 : next_fit[a]], default=0.0)
                    if base > best_here or (base == best_here and a <= best_first):
                        continue
                needed = max(shortest, ceil((chars_b - chars_from[a]) * ms_per_char - 1e-6),
                             ceil((words_b - words_from[a]) * ms_per_word - 1e-6))
                start, end = cue_times(clock, chosen_end[a], starts[a], end_b, needed,
                                       next_start)
                if needed > end - start:
                    base += UNREADABLE_COST + UNREADABLE_WEIGHT * (needed - end + start) / needed
                if base < best_here or (base == best_here and a > best_first):
                    best_here, best_first, best_start, best_end = base, a, start, end
            best[b + 1], chosen_first[b + 1] = best_here, best_first
            chosen_start[b + 1], chosen_end[b + 1] = best_start, best_end
            turn = first - 1  # the unit before the window: a dash cue's first speaker ends there?
            if (dual_allowed and turn >= 0 and turn_after[turn] and not pause_after[turn]
                    and end_b - starts[turn] <= longest):
                self.dual_speaker(b, turn)
        return self.spans()

    def dual_speaker(self, b: int, turn: int) -> None:
        """Try the dash cues ending at unit b whose second speaker starts after unit ``turn``:
        one speaker a line, each line within the width less the dash.

        The dash form is best when each part is a whole utterance; a part that is the end or
        the start of a longer sentence costs more, but less than a cue too short to read."""
        tables, best, longest = self.tables, self.best, self.clock.longest
        starts, end_b, split = tables.starts, tables.ends[b], turn + 1
        width_to, width_from = tables.width_to, tables.width_from
        pause_after, turn_after, pauses_to = tables.pause_after, tables.turn_after, tables.pauses_to
        dual_width, dash_start_cost = self.dual_width, self.dash_start_cost
        if width_to[b] - width_from[split] > dual_width:
            return
        ends_whole = self.sentence_end[b] or self.boundary[b]
        tail = CUE_COST + self.end_cost[b] + (0.0 if ends_whole else DUAL_FRAGMENT_COST)
        pauses_b = pauses_to[b]
        joined = FRAGMENT_COST if not ends_whole else 0.0
        one_line_from = tables.first_fit[b]  # a..b fits on one line from here on
        last_sentence_end = tables.last_sentence_end[b]
        best_here = best[b + 1]
        found: tuple[float, int, int, int] | None = None
        for a in range(turn, -1, -1):
            if a < turn and (pause_after[a] or end_b - starts[a] > longest or turn_after[a]):
                break
            if width_to[turn] - width_from[a] > dual_width:
                break
            cost = tail + PAUSE_COST * (pauses_b - pauses_to[a]) + dash_start_cost[a]
            if a <= last_sentence_end:  # a sentence ends inside the cue
                cost += joined + (JOIN_ONE_LINE if a >= one_line_from else JOIN_TWO_LINES)
            base = best[a] + cost
            if base < best_here:  # could win if readable
                timed = self.timed_dual(a, b, base)
                if timed[0] < best_here:
                    best_here, found = timed[0], timed
        if found is not None:
            self.settle(b, found[0], found[1], split, found[2], found[3])

    def timed_dual(self, a: int, b: int, base: float) -> tuple[float, int, int, int]:
        """The dash cue a..b timed: (its price with the reading-time check, a, start, end)."""
        tables = self.tables
        chars = tables.chars_to[b] - tables.chars_from[a] + self.dash_chars
        needed = self.needed_ms(chars, tables.words_to[b] - tables.words_from[a])
        next_start = tables.starts[b + 1] if b + 1 < self.n else None
        start, end = cue_times(self.clock, self.chosen_end[a], tables.starts[a], tables.ends[b],
                               needed, next_start)
        if needed > end - start:
            base += UNREADABLE_COST + UNREADABLE_WEIGHT * (needed - end + start) / needed
        return base, a, start, end

    def settle(
        self, b: int, cost: float, first: int, split: int | None, start: int, end: int
    ) -> None:
        """The cheapest division of units 0..b so far ends with the cue first..b."""
        if cost == math.inf:
            return
        self.best[b + 1] = cost
        self.chosen_first[b + 1], self.chosen_split[b + 1] = first, split
        self.chosen_start[b + 1], self.chosen_end[b + 1] = start, end

    def spans(self) -> list[CueSpan]:
        spans: list[CueSpan] = []
        position = self.n
        while position > 0:
            end = self.chosen_end[position]
            assert end is not None
            first = self.chosen_first[position]
            spans.append(
                CueSpan(first, position - 1, self.chosen_split[position],
                        self.chosen_start[position], end)
            )
            position = first
        spans.reverse()
        return spans


def choose_cues(
    units: list[Unit], tables: Tables, costs: list[float], rules: SubtitleRules
) -> list[CueSpan]:
    """The cheapest division of ``units`` into cues. ``tables`` are built from the units'
    texts as shown (with speaker labels where they go), ``costs`` are their
    :func:`lines.break_costs`."""
    if not units:
        return []
    return _Search(units, tables, costs, rules).run()
