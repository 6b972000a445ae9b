"""What the cue search looks up: per-unit tables built once, so a candidate costs O(1).

Widths, characters and words of any run ``a..b`` come from prefix sums (``*_to[b] - *_from[a]``),
and how far a cue starting at a unit may reach (one line, ``max_lines`` lines, the next long pause
or speaker change) from two-pointer scans. Everything here is linear in the number of units.
"""

from __future__ import annotations

from itertools import accumulate
from operator import add, ne, sub

from smdesk.core.subtitles.rules import SubtitleRules
from smdesk.core.subtitles.units import Unit, display_width

__all__ = ["Tables"]


def _running(values: list[int]) -> list[int]:
    """[values[0], values[0] + values[1], ...]: the total up to and including each index."""
    return list(accumulate(values))


class Tables:
    """Per-unit lookups for the cue search over ``units`` (shown as ``texts``) under ``rules``.

    - ``text_widths``/``sep_widths``: each text's and separator's display width.
    - ``width_to[b] - width_from[a]``: columns of units a..b on one line (separators inside);
      ``chars_to``/``chars_from`` the same for reading-speed characters, ``words_to``/
      ``words_from`` for words.
    - ``next_fit[a]``: the first unit that no longer fits on a line starting at a (> a);
      ``first_fit[b]``: the first unit a such that a..b fit on one line (a <= b).
    - ``reach[a]``: the first unit that does not fit in ``max_lines`` lines starting at a.
    - ``pause_after[k]``/``turn_after[k]``: a long pause / a speaker change after unit k;
      ``stop[a]``: the last unit b such that a..b is one speaker's, crosses no long pause and
      fits ``max_lines`` lines (>= a).
    - ``pauses_to[k]``: silences over half of ``max_pause`` before unit k (inside a cue: a price).
    - ``last_sentence_end[b]``: the last unit before b that ends a sentence (-1 if none).
    """

    def __init__(self, units: list[Unit], texts: list[str], rules: SubtitleRules) -> None:
        n = len(units)
        self._widths(units, texts, rules)
        self.next_fit = self._next_fits(n, rules.max_chars_per_line)
        self.first_fit = self._first_fits(n, rules.max_chars_per_line)
        reach = list(range(n))
        for _ in range(rules.max_lines):
            reach = [self.next_fit[k] if k < n else n for k in reach]
        self.reach = reach
        self._breaks(units, rules)
        self.stop = self._stops(n)
        self.last_sentence_end = self._last_sentence_ends(units)

    def _widths(self, units: list[Unit], texts: list[str], rules: SubtitleRules) -> None:
        # map() with operator functions: these run over every unit, and a comprehension over
        # zip() costs about twice as much.
        separators = [u.separator for u in units]
        widths_of = {sep: display_width(sep) for sep in set(separators)}
        sep_widths = list(map(widths_of.__getitem__, separators))
        text_widths = [len(text) if text.isascii() else display_width(text) for text in texts]
        if rules.cps_counts_spaces:
            sep_chars, text_chars = list(map(len, separators)), list(map(len, texts))
        else:
            sep_chars = [0] * len(units)
            text_chars = [len("".join(t.split())) for t in texts]
        self.text_widths, self.sep_widths = text_widths, sep_widths
        self.width_to = _running(list(map(add, sep_widths, text_widths)))
        self.width_from: list[int] = list(map(sub, self.width_to, text_widths))
        self.chars_to = _running(list(map(add, sep_chars, text_chars)))
        self.chars_from: list[int] = list(map(sub, self.chars_to, text_chars))
        # isalpha() is a quick "one word" (no whitespace inside) for most texts.
        words = [1 if text.isalpha() else len(text.split()) or 1 for text in texts]
        self.words_to = _running(words)
        self.words_from: list[int] = list(map(sub, self.words_to, words))

    def width(self, a: int, b: int) -> int:
        """Columns of units a..b on one line."""
        return self.width_to[b] - self.width_from[a]

    def _next_fits(self, n: int, max_width: int) -> list[int]:
        width_to, width_from = self.width_to, self.width_from
        result = [0] * n
        b = 0
        for a in range(n):
            b = max(b, a + 1)
            while b < n and width_to[b] - width_from[a] <= max_width:
                b += 1
            result[a] = b
        return result

    def _first_fits(self, n: int, max_width: int) -> list[int]:
        width_to, width_from = self.width_to, self.width_from
        result = [0] * n
        a = 0
        for b in range(n):
            while a < b and width_to[b] - width_from[a] > max_width:
                a += 1
            result[b] = a
        return result

    def _breaks(self, units: list[Unit], rules: SubtitleRules) -> None:
        n = len(units)
        unit_starts = [u.start for u in units]
        unit_ends = [u.end for u in units]
        silences = list(map(sub, unit_starts[1:], unit_ends[:-1])) + [0.0] * min(n, 1)
        longest = rules.max_pause
        self.pause_after = [silence > longest for silence in silences]
        # A silence over half of max_pause may sit inside a cue, at a price ("He / has." split
        # by it is worse than "He has." shown through it).
        half = rules.max_pause / 2
        self.pauses_to = [0, *accumulate([1 if silence > half else 0 for silence in silences])]
        self.starts = [round(start * 1000) for start in unit_starts]  # timing.ms, written out
        self.ends = [round(end * 1000) for end in unit_ends]
        speakers = [u.speaker for u in units]
        turns: list[bool] = list(map(ne, speakers[:-1], speakers[1:]))
        self.turn_after = turns + [False] * min(n, 1)

    def _stops(self, n: int) -> list[int]:
        stop = [0] * n
        cut = n - 1  # the next unit after which a cue must end (pause or speaker change)
        pause_after, turn_after, reach = self.pause_after, self.turn_after, self.reach
        for a in range(n - 1, -1, -1):
            if pause_after[a] or turn_after[a]:
                cut = a
            last_fitting = reach[a] - 1
            stop[a] = last_fitting if last_fitting < cut else cut
        return stop

    @staticmethod
    def _last_sentence_ends(units: list[Unit]) -> list[int]:
        result = [0] * len(units)
        last = -1
        for k, unit in enumerate(units):
            result[k] = last
            if unit.sentence_end:
                last = k
        return result
