"""Paragraphs, the uncertain-word list and the time index of a word list, kept up to date by edits.

:class:`~smdesk.core.transcript.Transcript` caches these; after an edit it updates them here
instead of rebuilding (each rebuild costs ~5-9 ms at 30,000 words, too much per keystroke):
retyping a word that keeps its times keeps everything, and other edits re-split only the
paragraphs next to the edited words.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from smdesk.core.text import attachment
from smdesk.core.words import PUNCTUATION, Word


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One speaker turn (or a part of one after a break): ``words[first..last]`` (inclusive)."""

    speaker: str
    channel: str | None
    start: float
    end: float
    first: int
    last: int


def same_layout(old: Sequence[Word], new: Sequence[Word]) -> bool:
    """True when ``new`` replacing ``old`` moves no paragraph boundary and no time."""
    return len(old) == len(new) and all(
        a.start == b.start
        and a.end == b.end
        and a.speaker == b.speaker
        and a.channel == b.channel
        and a.kind == b.kind
        and a.attaches_to == b.attaches_to
        and a.paragraph_break == b.paragraph_break
        for a, b in zip(old, new, strict=True)
    )


def split_turns(
    words: Sequence[Word], channels: frozenset[str], first: int = 0, last: int | None = None
) -> list[Paragraph]:
    """Paragraphs of ``words[first..last]``: a new one at a speaker or channel change or a break."""
    last = len(words) - 1 if last is None else last
    paragraphs: list[Paragraph] = []
    if last < first:
        return paragraphs
    start = first
    speaker, channel, end = words[first].speaker, words[first].channel, words[first].end
    for index in range(first + 1, last + 1):
        word = words[index]
        new_turn = (
            word.speaker != speaker
            or (word.channel != channel and word.speaker not in channels)
            or (word.paragraph_break and word.kind != PUNCTUATION)
        )
        # A mark glued to the previous word stays in that turn even if labelled otherwise.
        if new_turn and not (word.kind == PUNCTUATION and attachment(word) in ("previous", "both")):
            paragraphs.append(
                Paragraph(speaker, channel, words[start].start, end, start, index - 1)
            )
            start = index
            speaker, channel, end = word.speaker, word.channel, word.end
        elif word.end > end:
            end = word.end
    paragraphs.append(Paragraph(speaker, channel, words[start].start, end, start, last))
    return paragraphs


def respliced_paragraphs(
    paragraphs: list[Paragraph],
    words: Sequence[Word],
    channels: frozenset[str],
    first: int,
    removed: int,
    added: int,
) -> list[Paragraph]:
    """``paragraphs`` after ``removed`` words at ``first`` became ``added`` (``words`` is new).

    Re-splits from one whole paragraph before the edit to one whole paragraph after it: those
    are unchanged words, so the boundaries outside that window cannot move.
    """
    firsts = [p.first for p in paragraphs]
    before = max(bisect_right(firsts, max(first - 1, 0)) - 2, 0)
    after = min(bisect_right(firsts, first + removed), len(paragraphs) - 1)
    delta = added - removed
    window = split_turns(words, channels, paragraphs[before].first, paragraphs[after].last + delta)
    tail = paragraphs[after + 1 :]
    if delta:
        tail = [
            Paragraph(p.speaker, p.channel, p.start, p.end, p.first + delta, p.last + delta)
            for p in tail
        ]
    return paragraphs[:before] + window + tail


def is_uncertain(word: Word, threshold: float) -> bool:
    return (
        word.confidence is not None
        and word.confidence < threshold
        and not word.checked
        and word.kind != PUNCTUATION
    )


def is_checked_uncertain(word: Word, threshold: float) -> bool:
    """A word the recogniser was unsure of that a person has checked."""
    return (
        word.checked
        and word.confidence is not None
        and word.confidence < threshold
        and word.kind != PUNCTUATION
    )


class WordIndex:
    """The sorted indexes of the words ``picks(word, threshold)`` selects, for the threshold
    last asked about, kept up to date by splices instead of a walk over every word."""

    def __init__(self, picks: Callable[[Word, float], bool]) -> None:
        self._picks = picks
        self._found: tuple[float, list[int]] | None = None  # (threshold, indexes)

    def of(self, words: Sequence[Word], threshold: float) -> list[int]:
        """The indexes (the index's own list: do not change it)."""
        if self._found is None or self._found[0] != threshold:
            picks = self._picks
            self._found = (threshold, [i for i, w in enumerate(words) if picks(w, threshold)])
        return self._found[1]

    def splice(self, first: int, removed: int, new: Sequence[Word]) -> None:
        """``removed`` words at ``first`` became ``new``."""
        if self._found is None:
            return
        threshold, indexes = self._found
        low = bisect_left(indexes, first)
        high = bisect_left(indexes, first + removed)
        delta = len(new) - removed
        inserted = [first + k for k, w in enumerate(new) if self._picks(w, threshold)]
        self._found = (threshold, indexes[:low] + inserted + [i + delta for i in indexes[high:]])


def time_index(words: Sequence[Word]) -> tuple[list[float], list[int]]:
    """(start times, word indexes) of the non-punctuation tokens, sorted by start."""
    pairs = [(w.start, i) for i, w in enumerate(words) if w.kind != PUNCTUATION]
    if any(pairs[k][0] > pairs[k + 1][0] for k in range(len(pairs) - 1)):
        pairs.sort()
    return [start for start, _ in pairs], [index for _, index in pairs]
