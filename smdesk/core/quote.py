""" "Copy as quote": a selection ready for an article."""

from __future__ import annotations

from smdesk.core.formatting import format_timestamp
from smdesk.core.text import join_words
from smdesk.core.transcript import Transcript


def quote(transcript: Transcript, first: int, last: int) -> str:
    """“…” — Speaker Name, 00:12:34 (the time of the first word; no name if undiarized).

    Raises:
        IndexError: the range is outside the transcript.
    """
    words = transcript.words
    if not 0 <= first <= last < len(words):
        raise IndexError(f"Word range {first}..{last} is outside 0..{len(words) - 1}.")
    text, _ = join_words(
        words,
        first,
        last,
        delimiter=transcript.word_delimiter,
        language_delimiters=transcript.language_delimiters,
    )
    stamp = format_timestamp(words[first].start, always_hours=True)
    if not transcript.is_diarized:
        return f"“{text.strip()}” — {stamp}"
    name = transcript.speaker_name(words[first].speaker)
    return f"“{text.strip()}” — {name}, {stamp}"
