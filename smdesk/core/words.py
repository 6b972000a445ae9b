"""The token types of a transcript (re-exported by :mod:`smdesk.core.transcript`)."""

from __future__ import annotations

from dataclasses import dataclass

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
