"""What the cue search looks up: per-unit tables built once, so a candidate costs O(1).

Widths, characters and words of any run ``a..b`` come from prefix sums (``*_to[b] - *_from[a]``),
and how far a cue starting at a unit may reach (one line, ``max_lines`` lines, the next long pause
or speaker change) from two-pointer scans. Everything here is linear in the number of units.
"""

from __future__ import annotations

from itertools import accumulate, pairwise

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
        self.starts = [round(u.start * 1000) for u in units]  # timing.ms, written out
        self.ends = [round(u.end * 1000) for u in units]
        self._breaks(units, rules)
        self.stop = self._stops(n)
        self.last_sentence_end = self._last_sentence_ends(units)

    def _widths(self, units: list[Unit], texts: list[str], rules: SubtitleRules) -> None:
        spaces = rules.cps_counts_spaces
        separators = [u.separator for u in units]
        widths_of = {sep: display_width(sep) for sep in set(separators)}
        sep_widths = [widths_of[sep] for sep in separators]
        sep_chars = [len(sep) for sep in separators] if spaces else [0] * len(units)
        text_chars = (
            [len(text) for text in texts] if spaces else [len("".join(t.split())) for t in texts]
        )
        text_widths = [len(text) if text.isascii() else display_width(text) for text in texts]
        self.text_widths, self.sep_widths = text_widths, sep_widths
        self.width_to = _running([sep + w for sep, w in zip(sep_widths, text_widths, strict=True)])
        self.width_from = [to - w for to, w in zip(self.width_to, text_widths, strict=True)]
        self.chars_to = _running([sep + c for sep, c in zip(sep_chars, text_chars, strict=True)])
        self.chars_from = [to - c for to, c in zip(self.chars_to, text_chars, strict=True)]
        words = [len(text.split()) or 1 for text in texts]
        self.words_to = _running(words)
        self.words_from = [to - w for to, w in zip(self.words_to, words, strict=True)]

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
        silences = [
            following.start - unit.end for unit, following in pairwise(units)
        ] + [0.0] * min(n, 1)
        self.pause_after = [silence > rules.max_pause for silence in silences]
        # A silence over half of max_pause may sit inside a cue, at a price ("He / has." split
        # by it is worse than "He has." shown through it).
        half = rules.max_pause / 2
        self.pauses_to = [0, *accumulate(int(s > half) for s in silences)]
        speakers = [u.speaker for u in units]
        turns = [left != right for left, right in pairwise(speakers)]
        self.turn_after = turns + [False] * min(n, 1)

    def _stops(self, n: int) -> list[int]:
        stop = [0] * n
        cut = n - 1  # the next unit after which a cue must end (pause or speaker change)
        pause_after, turn_after, reach = self.pause_after, self.turn_after, self.reach
        for a in range(n - 1, -1, -1):
            if pause_after[a] or turn_after[a]:
                cut = a
            stop[a] = min(reach[a] - 1, cut)
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
