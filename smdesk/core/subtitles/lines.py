"""Where lines break: demerits for each break point, and balanced line layout.

Netflix's guide breaks a line "after punctuation marks, before conjunctions, before
prepositions" (costs in that order) and never between an article and its noun, a subject pronoun
and its verb, a verb and its auxiliary, a first name and a last name. The costs below rank break
points that way (lower is better); the layout then picks, among the layouts with the fewest
lines, the one whose lines are most even plus the cheapest breaks, preferring a longer bottom
line (the "pyramid").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from itertools import accumulate, pairwise

from smdesk.core.subtitles.units import Unit, display_width

__all__ = ["break_costs", "layout_lines"]

_SENTENCE_END = ".?!…。？！"
_CLAUSE_END = ",;:—–、，；："


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_CONJUNCTIONS = _word_set(
    "and but or nor so yet because although though while whereas unless until if when whether "
    "which who whom whose where after before since than that"
)
# Words a line should not end on: they belong with the word after them.
_BINDS_FORWARD = _word_set(
    "a an the my your his her its our their this these those of to in on at by for with from "
    "into onto upon about over under between through during without within as i we you he she "
    "they it's i'm i've i'll i'd we're we've we'll they're you're he's she's not no very"
)
_TITLES = _word_set("mr mrs ms dr prof st sir")
_PREPOSITIONS = _word_set(
    "of to in on at by for with from into onto upon about over under between through during "
    "without within across against among around behind beyond near towards"
)
_CONJUNCTIONS_AT_END = _CONJUNCTIONS - {"that", "than", "so", "after", "before", "since", "when"}

BEST, CLAUSE, CONJUNCTION, PREPOSITION, PLAIN, NUMBER, NAME, BAD = (
    0.0, 1.0, 1.5, 2.0, 4.0, 7.0, 10.0, 15.0
)


def _bare(text: str) -> str:
    return text.strip("\"'“”‘’()[]").lower()


# What a unit's text says about a break after it / before it, computed once per distinct text.
_Ending = tuple[bool, float | None, bool, bool, bool]  # title, punctuation cost, binds, digit, name
_Opening = tuple[bool, float | None, bool]  # closing mark, conjunction/preposition cost, name


def _ending(text: str) -> _Ending:
    stripped = text.rstrip("\"'”’)]")
    punctuation = None
    if stripped and stripped[-1] in _SENTENCE_END:
        punctuation = BEST
    elif stripped and stripped[-1] in _CLAUSE_END:
        punctuation = CLAUSE
    last_word = _bare(text)
    return (
        _bare(stripped).rstrip(".") in _TITLES,
        punctuation,
        last_word in _BINDS_FORWARD or last_word in _CONJUNCTIONS_AT_END,
        last_word[:1].isdigit(),
        _is_name(text),
    )


def _opening(text: str) -> _Opening:
    word = _bare(text)
    kind = CONJUNCTION if word in _CONJUNCTIONS else PREPOSITION if word in _PREPOSITIONS else None
    return _is_closing(text[:1]), kind, _is_name(text)


def _after_cost(unit: Unit, ending: _Ending, following: Unit, opening: _Opening) -> float:
    title, punctuation, binds, digit, name = ending
    if title:
        return BAD  # "Mr." ends no sentence: it belongs with the name after it
    if unit.sentence_end:
        return BEST
    if punctuation is not None:
        return punctuation
    closing, kind, following_name = opening
    if following.separator == "" and closing:
        return BAD  # never start a line with a closing mark (CJK)
    if binds:
        return BAD
    if kind is not None:
        return kind
    if digit:
        return NUMBER  # "10 / percent", "0800 / 123 4567"
    if name and following_name:
        return NAME  # "Sir Alex / Ferguson": a name stays together
    return PLAIN


def _is_name(text: str) -> bool:
    word = text.rstrip(".,;:!?\"'”’)").replace("'", "").replace("’", "").replace("-", "")
    return word[:1].isupper() and word.isalpha() and word != "I"


def _is_closing(ch: str) -> bool:
    return bool(ch) and unicodedata.category(ch) in ("Pe", "Pf", "Po")


def break_costs(units: Sequence[Unit]) -> list[float]:
    """The cost of breaking (a line or a cue) after each unit; 0 after the last."""
    endings: dict[str, _Ending] = {}
    openings: dict[str, _Opening] = {}
    for unit in units:
        if unit.text not in endings:
            endings[unit.text] = _ending(unit.text)
            openings[unit.text] = _opening(unit.text)
    costs = [
        _after_cost(unit, endings[unit.text], following, openings[following.text])
        for unit, following in pairwise(units)
    ]
    costs.append(BEST)
    return costs


def _line_text(texts: Sequence[str], separators: Sequence[str], a: int, b: int) -> str:
    return texts[a] + "".join(separators[k] + texts[k] for k in range(a + 1, b + 1))


def layout_lines(
    texts: Sequence[str],
    separators: Sequence[str],
    costs: Sequence[float],
    max_width: int,
    max_lines: int,
    *,
    widths: Sequence[int] | None = None,
    separator_widths: Sequence[int] | None = None,
) -> list[str]:
    """Lines for one cue: the fewest lines that fit, then the most even and best-broken.

    ``costs[k]`` is the cost of a break after ``texts[k]``. A text wider than a line stands on a
    line of its own; if the text cannot fit ``max_lines`` lines at all it takes more (the checker
    reports it) rather than losing words. ``widths`` and ``separator_widths`` are the texts' and
    separators' display widths when the caller has them.
    """
    n = len(texts)
    if widths is None:
        widths = [display_width(t) for t in texts]
    sep_widths = (
        [display_width(s) for s in separators] if separator_widths is None else separator_widths
    )
    prefix = [0, *accumulate(s + w for s, w in zip(sep_widths, widths, strict=True))]

    def width(a: int, b: int) -> int:
        return prefix[b + 1] - prefix[a] - sep_widths[a]

    if width(0, n - 1) <= max_width:
        return [_line_text(texts, separators, 0, n - 1)]
    lines = _greedy_line_count(n, width, max_width)
    if lines == 2:
        return _two_lines(texts, separators, costs, prefix, sep_widths, max_width)
    # best[m][b]: cheapest layout of texts[0..b] in m lines (m >= 1), with its break positions.
    inf = float("inf")
    best: list[list[tuple[float, tuple[int, ...]]]] = [[(inf, ())] * n for _ in range(lines + 1)]
    for b in range(n):
        w = width(0, b)
        if w <= max_width or b == 0:
            best[1][b] = (_slack(w, max_width), ())
    for m in range(2, lines + 1):
        for b in range(m - 1, n):
            for a in range(b, m - 2, -1):  # the last line is texts[a..b]
                w = width(a, b)
                if w > max_width and a != b:
                    break
                previous, breaks = best[m - 1][a - 1]
                if previous == inf:
                    continue
                cost = previous + costs[a - 1] + _slack(w, max_width)
                above = width(breaks[-1] if breaks else 0, a - 1)
                if m == lines and b == n - 1 and above > w:
                    cost += 2.0 * (above - w) / max_width  # top-heavy: the pyramid is preferred
                if cost < best[m][b][0]:
                    best[m][b] = (cost, (*breaks, a))
    _, breaks = best[lines][n - 1]
    bounds = [0, *breaks, n]
    return [_line_text(texts, separators, bounds[k], bounds[k + 1] - 1) for k in range(lines)]


def _two_lines(
    texts: Sequence[str],
    separators: Sequence[str],
    costs: Sequence[float],
    prefix: list[int],
    sep_widths: Sequence[int],
    max_width: int,
) -> list[str]:
    """The commonest case of :func:`layout_lines`, without the general search: try each break
    (``prefix[k]``: the width of texts[0..k-1] with separators; :func:`_slack` written out)."""
    n = len(texts)
    total = prefix[n]
    best_cost, best_break = float("inf"), 1
    for k in range(1, n):  # the second line starts at texts[k]
        above, below = prefix[k] - sep_widths[0], total - prefix[k] - sep_widths[k]
        if (above > max_width and k > 1) or (below > max_width and k < n - 1):
            continue
        cost = costs[k - 1]
        if above <= max_width:
            cost += 6.0 * ((max_width - above) / max_width) ** 2
        if below <= max_width:
            cost += 6.0 * ((max_width - below) / max_width) ** 2
        if above > below:
            cost += 2.0 * (above - below) / max_width
        if cost < best_cost:
            best_cost, best_break = cost, k
    return [_line_text(texts, separators, 0, best_break - 1),
            _line_text(texts, separators, best_break, n - 1)]


def _slack(width: int, max_width: int) -> float:
    return 6.0 * ((max_width - width) / max_width) ** 2 if width <= max_width else 0.0


def _greedy_line_count(n: int, width: Callable[[int, int], int], max_width: int) -> int:
    count, a = 0, 0
    while a < n:
        b = a
        while b + 1 < n and width(a, b + 1) <= max_width:
            b += 1
        count += 1
        a = b + 1
    return count
