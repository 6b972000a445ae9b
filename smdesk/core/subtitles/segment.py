"""Which units go into which cue: a shortest-path search over cue boundaries.

Every candidate cue (a run of units that fits the lines, lasts at most ``max_duration`` and does
not cross a long pause) gets a cost: a fixed price per cue (fewer, fuller cues), the break
demerit where it ends (a cue should end where a sentence or clause does), a price for ending on
the fragment of a second sentence, and a heavy price when the time it can be shown is shorter
than its minimum duration or its reading time. The cheapest sequence of cues wins, so a short
"year." is not left alone when the cue before can take it, and short sentences of one speaker
are joined when they fit on one line or when joining them makes them readable.

Two speakers share a cue only in the dash form, one speaker a line, each part a whole sentence or
turn: that is how a backchannel ("Yes.") too short to stand alone gets on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from smdesk.core.subtitles.lines import break_costs
from smdesk.core.subtitles.rules import SubtitleRules
from smdesk.core.subtitles.units import Unit, display_width

__all__ = ["CueSpan", "choose_cues", "reading_time"]

CUE_COST = 2.0
END_WEIGHT = 2.0
FRAGMENT_COST = 3.0
JOIN_ONE_LINE = 1.0
JOIN_TWO_LINES = 2.5
DUAL_COST = 3.0
UNREADABLE_COST = 30.0
UNREADABLE_WEIGHT = 60.0


@dataclass(frozen=True, slots=True)
class CueSpan:
    """``units[first..last]``; ``split`` is the first unit of the second speaker (dash form)."""

    first: int
    last: int
    split: int | None = None


def reading_time(chars: int, words: int, rules: SubtitleRules) -> float:
    """Seconds a cue must stay on screen to be read (and its minimum duration)."""
    needed = rules.min_duration
    if rules.max_cps is not None:
        needed = max(needed, chars / rules.max_cps)
    if rules.max_wpm is not None:
        needed = max(needed, words * 60.0 / rules.max_wpm)
    return needed


class _Measures:
    """Prefix sums over the units so any run's width, characters and words cost O(1)."""

    def __init__(self, texts: list[str], units: list[Unit], rules: SubtitleRules) -> None:
        self.sep_widths = [display_width(u.separator) for u in units]
        spaces = rules.cps_counts_spaces
        self.sep_chars = [len(u.separator) if spaces else 0 for u in units]
        self.prefix_width = [0]
        self.prefix_chars = [0]
        self.prefix_words = [0]
        for k, text in enumerate(texts):
            chars = len(text) if spaces else len("".join(text.split()))
            width = self.sep_widths[k] + display_width(text)
            self.prefix_width.append(self.prefix_width[-1] + width)
            self.prefix_chars.append(self.prefix_chars[-1] + self.sep_chars[k] + chars)
            self.prefix_words.append(self.prefix_words[-1] + max(1, len(text.split())))

    def width(self, a: int, b: int) -> int:
        return self.prefix_width[b + 1] - self.prefix_width[a] - self.sep_widths[a]

    def chars(self, a: int, b: int) -> int:
        return self.prefix_chars[b + 1] - self.prefix_chars[a] - self.sep_chars[a]

    def words(self, a: int, b: int) -> int:
        return self.prefix_words[b + 1] - self.prefix_words[a]


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
    def __init__(self, units: list[Unit], texts: list[str], rules: SubtitleRules) -> None:
        self.units = units
        self.rules = rules
        self.n = len(units)
        self.measures = _Measures(texts, units, rules)
        self.next_fit = _next_fits(self.measures, self.n, rules.max_chars_per_line)
        self.costs = break_costs(units)
        n = self.n
        # A hard boundary after unit k: a long pause. A turn boundary: the speaker changes.
        self.pause_after = [
            k + 1 < n and units[k + 1].start - units[k].end > rules.max_pause for k in range(n)
        ]
        self.turn_after = [k + 1 < n and units[k + 1].speaker != units[k].speaker for k in range(n)]
        self.dash_width = display_width(rules.dual_speaker_dash)

    def fits(self, a: int, b: int, lines: int) -> bool:
        for _ in range(lines):
            a = self.next_fit[a]
            if a > b:
                return True
        return False

    def boundary(self, k: int) -> bool:
        """A cue must or may naturally end after unit k (end, pause, speaker change)."""
        return k == self.n - 1 or self.pause_after[k] or self.turn_after[k]

    def sentence_start(self, a: int) -> bool:
        return a == 0 or self.units[a - 1].sentence_end or self.boundary(a - 1)

    def cost(self, a: int, b: int) -> float:
        units, rules, measures = self.units, self.rules, self.measures
        cost = CUE_COST
        if not self.boundary(b):
            cost += END_WEIGHT * self.costs[b]
        inner_end = any(units[k].sentence_end for k in range(a, b))
        if inner_end:
            if not units[b].sentence_end and not self.boundary(b):
                cost += FRAGMENT_COST
            one_line = measures.width(a, b) <= rules.max_chars_per_line
            cost += JOIN_ONE_LINE if one_line else JOIN_TWO_LINES
        shown = self.showable(a, b)
        needed = reading_time(measures.chars(a, b), measures.words(a, b), rules)
        if needed > shown + 1e-9:
            cost += UNREADABLE_COST + UNREADABLE_WEIGHT * (needed - shown) / needed
        return cost

    def showable(self, a: int, b: int) -> float:
        """How long the cue could stay on screen at most (an estimate before timing)."""
        units, rules = self.units, self.rules
        start = units[a].start - rules.max_lead
        if a > 0:
            start = max(start, units[a - 1].end + rules.min_gap)
        start = min(start, units[a].start)
        end = units[b].end + rules.max_linger
        if b + 1 < self.n:
            end = min(end, units[b + 1].start - rules.min_gap)
        end = max(end, units[b].end)
        return min(end - start, rules.max_duration)

    def dual_cost(self, a: int, split: int, b: int) -> float | None:
        """The dash-form cue units[a..split-1] / units[split..b], or None when not allowed."""
        rules, measures = self.rules, self.measures
        if rules.max_lines < 2 or not self.sentence_start(a):
            return None
        limit = rules.max_chars_per_line - self.dash_width
        if measures.width(a, split - 1) > limit or measures.width(split, b) > limit:
            return None
        return self.cost(a, b) + DUAL_COST

    def run(self) -> list[CueSpan]:
        n, units, rules = self.n, self.units, self.rules
        inf = float("inf")
        best = [inf] * (n + 1)
        best[0] = 0.0
        choice: list[CueSpan | None] = [None] * (n + 1)
        for b in range(n):
            split: int | None = None
            for a in range(b, -1, -1):
                if a < b:
                    if self.pause_after[a]:
                        break
                    if units[b].end - units[a].start > rules.max_duration:
                        break
                    if self.turn_after[a]:
                        if split is not None:
                            break
                        split = a + 1
                if best[a] == inf:
                    continue
                if split is None:
                    if a < b and not self.fits(a, b, rules.max_lines):
                        break
                    cost: float | None = self.cost(a, b)
                else:
                    if not (units[b].sentence_end or self.boundary(b)):
                        break
                    limit = rules.max_chars_per_line - self.dash_width
                    if self.measures.width(split, b) > limit:
                        break
                    if self.measures.width(a, split - 1) > limit:
                        break
                    cost = self.dual_cost(a, split, b)
                if cost is not None and best[a] + cost < best[b + 1]:
                    best[b + 1] = best[a] + cost
                    choice[b + 1] = CueSpan(a, b, split)
        spans: list[CueSpan] = []
        position = n
        while position > 0:
            span = choice[position]
            assert span is not None
            spans.append(span)
            position = span.first
        spans.reverse()
        return spans


def choose_cues(units: list[Unit], texts: list[str], rules: SubtitleRules) -> list[CueSpan]:
    """The cheapest division of ``units`` into cues. ``texts`` are the units' texts as shown
    (with speaker labels where they go)."""
    if not units:
        return []
    return _Search(units, texts, rules).run()
