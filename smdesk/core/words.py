"""The token types of a transcript (re-exported by :mod:`smdesk.core.transcript`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

WORD = "word"
PUNCTUATION = "punctuation"
ENTITY = "entity"
TOKEN_KINDS = frozenset({WORD, PUNCTUATION, ENTITY})

UNKNOWN_SPEAKER = "UU"


@dataclass(slots=True)
class Word:
    """One recognised token: a word, a punctuation mark or an entity (e.g. "$2.05").

    Mutable on purpose: editing keeps the timings, speaker changes keep the text. ``speaker`` is the
    id that drives turns: "S1".."Sn", "UU", an enrolled label, or the channel label when the audio
    was diarized by channel.

    ``checked``: a person confirmed or typed this word (it is no longer "uncertain").
    ``paragraph_break``: a paragraph starts here although the speaker does not change (a split
    turn, or a pause in an undiarized recording). ``origin`` is the raw json-v2 result and the Word
    as first parsed, kept only for results a plain Word cannot reproduce; it travels with the Word
    so deleting and re-inserting it (undo) restores the document exactly. Never change a Word a
    Transcript holds: :mod:`smdesk.core.edits` replaces Words, which keeps undo data and the
    cached JSON text right.
    """

    text: str
    start: float
    end: float
    kind: str = WORD
    speaker: str = UNKNOWN_SPEAKER
    channel: str | None = None
    confidence: float | None = None
    attaches_to: str | None = None
    is_eos: bool = False
    language: str | None = None
    checked: bool = False
    paragraph_break: bool = False
    origin: tuple[Any, Word] | None = field(default=None, compare=False, repr=False)
    # This Word's json-v2 result as JSON text, filled by the writer (smdesk.core.json_text). A
    # Word is never changed once a Transcript holds it (edits replace it), so it never goes stale.
    _json: str | None = field(default=None, init=False, compare=False, repr=False)

    @property
    def is_punctuation(self) -> bool:
        return self.kind == PUNCTUATION

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class TranslationSegment:
    """One translated sentence (json-v2 ``translations[lang][]``); keeps the source's speaker."""

    start: float
    end: float
    text: str
    speaker: str | None = None
