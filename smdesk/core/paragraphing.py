"""Where paragraphs start when the speaker does not say: pauses and length in one voice.

An undiarized 82-minute meeting is otherwise one paragraph stamped 00:00:00. The rule: a new
paragraph after a pause of :data:`PAUSE_SECONDS`; after a shorter pause of
:data:`SENTENCE_PAUSE_SECONDS` at a sentence end once the paragraph has run
:data:`SENTENCE_PAUSE_AFTER`; once it has run :data:`LONG_SECONDS` at the next sentence end; and
at the latest after :data:`MAX_SECONDS` at the next word. 30 s of speech is about 80 words, the
length of a long newspaper paragraph: a reader (and a timestamp) every half minute.
"""

from __future__ import annotations

from collections.abc import Sequence

from smdesk.core.words import PUNCTUATION, UNKNOWN_SPEAKER, Word

PAUSE_SECONDS = 2.0
SENTENCE_PAUSE_SECONDS = 1.0
SENTENCE_PAUSE_AFTER = 15.0
LONG_SECONDS = 30.0
MAX_SECONDS = 90.0
_MIN_WORDS = 3  # a pause after one word ("So...") does not open a paragraph


def is_diarized(words: Sequence[Word]) -> bool:
    """True when the words carry speakers or channels: show names in turn headers and exports."""
    return any(word.speaker != UNKNOWN_SPEAKER for word in words)


def automatic_breaks(words: Sequence[Word]) -> list[int]:
    """Indexes of the words that start a paragraph by pause or length (the first word excluded)."""
    breaks: list[int] = []
    start = None  # start time of the current paragraph
    count = 0
    previous_end = 0.0
    previous_eos = False
    for index, word in enumerate(words):
        if word.kind == PUNCTUATION:
            previous_eos = previous_eos or word.is_eos
            continue
        if start is None:
            start, count, previous_end, previous_eos = word.start, 1, word.end, False
            continue
        running = word.start - start
        pause = word.start - previous_end
        if (
            (pause >= PAUSE_SECONDS and count >= _MIN_WORDS)
            or (previous_eos and pause >= SENTENCE_PAUSE_SECONDS
                and running >= SENTENCE_PAUSE_AFTER)
            or (running >= LONG_SECONDS and previous_eos)
            or running >= MAX_SECONDS
        ):
            breaks.append(index)
            start, count = word.start, 0
        count += 1
        previous_end = max(previous_end, word.end)
        previous_eos = False
    return breaks
