"""The transcript model: words with timings and speakers, turns, speaker names, edits.

Built from a json-v2 document and written back to one with every edit applied and every field we
do not understand kept. Designed for ~30,000 words: slotted Words, no per-word dicts kept for
ordinary results, and lazily cached turns and time index.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from smdesk.core.text import Span, attachment, default_word_delimiter, join_words
from smdesk.core.transcript_doc import (
    SourceDocument,
    build_document,
    forget_words,
    read_document,
)
from smdesk.core.words import PUNCTUATION, UNKNOWN_SPEAKER, TranslationSegment, Word

__all__ = [
    "Paragraph",
    "Transcript",
    "TranslationSegment",
    "Word",
    "default_speaker_name",
]

_NUMBERED_SPEAKER = re.compile(r"S(\d+)")
_NUMBERED_CHANNEL = re.compile(r"channel[ _-]?(\d+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One speaker turn: ``words[first..last]`` (inclusive)."""

    speaker: str
    channel: str | None
    start: float
    end: float
    first: int
    last: int


def default_speaker_name(speaker: str, *, is_channel: bool = False) -> str:
    """ "S2" → "Speaker 2", "UU" → "Unknown speaker", "channel_1" → "Channel 1", else the label."""
    if speaker == UNKNOWN_SPEAKER:
        return "Unknown speaker"
    match = _NUMBERED_SPEAKER.fullmatch(speaker)
    if match:
        return f"Speaker {int(match.group(1))}"
    if is_channel:
        match = _NUMBERED_CHANNEL.fullmatch(speaker)
        if match:
            return f"Channel {int(match.group(1))}"
    return speaker


class Transcript:
    """A transcript: ``words`` in time order plus translations, summary and speaker names."""

    def __init__(
        self,
        words: Iterable[Word] = (),
        *,
        duration: float | None = None,
        language: str | None = None,
        translations: Mapping[str, list[TranslationSegment]] | None = None,
        summary: str | None = None,
        word_delimiter: str | None = None,
        language_delimiters: Mapping[str, str] | None = None,
        speaker_names: Mapping[str, str] | None = None,
    ) -> None:
        self.words: list[Word] = list(words)
        last_end = max((word.end for word in self.words), default=0.0)
        self.duration: float = max(duration or 0.0, last_end)
        self.language: str | None = language
        self.translations: dict[str, list[TranslationSegment]] = {
            code: list(segments) for code, segments in (translations or {}).items()
        }
        self.summary: str | None = summary
        self.word_delimiter: str = (
            word_delimiter if word_delimiter is not None else default_word_delimiter(language)
        )
        self.language_delimiters: dict[str, str] = dict(language_delimiters or {})
        self.revision = 0  # bumped by every edit, so views can tell the transcript changed
        self._source: SourceDocument | None = None
        self._channels = frozenset(w.channel for w in self.words if w.channel is not None)
        self._paragraphs: list[Paragraph] | None = None
        self._paragraph_firsts: list[int] | None = None
        self._speakers: list[str] | None = None
        self._time_index: tuple[list[float], list[int]] | None = None
        self._names: dict[str, str] = {}
        for speaker, name in (speaker_names or {}).items():
            self.rename_speaker(speaker, name)
        self.revision = 0

    # -- json-v2 -------------------------------------------------------------------------------

    @classmethod
    def from_json_v2(cls, data: Mapping[str, Any]) -> Transcript:
        """Parse a json-v2 document; unknown result types and fields are kept for round trips.

        Raises ValueError (one sentence) when ``data`` is not a json-v2 transcript at all.
        """
        parsed = read_document(data)
        transcript = cls(
            parsed.words,
            duration=parsed.duration,
            language=parsed.language,
            translations=parsed.translations,
            summary=parsed.summary,
            word_delimiter=parsed.word_delimiter,
            language_delimiters=parsed.language_delimiters,
            speaker_names=parsed.speaker_names,
        )
        transcript._source = parsed.source
        return transcript

    def to_json_v2(self) -> dict[str, Any]:
        """The json-v2 document with edits, speaker changes and names applied (a new dict)."""
        return build_document(self, self._source)

    # -- speakers ------------------------------------------------------------------------------

    @property
    def channel_labels(self) -> frozenset[str]:
        """Channel labels present (non-empty only for channel diarization)."""
        return self._channels

    @property
    def speaker_names(self) -> dict[str, str]:
        """The renamed speakers: id -> name (a copy)."""
        return dict(self._names)

    def speakers(self) -> list[str]:
        """Speaker ids in order of first appearance."""
        if self._speakers is None:
            self._speakers = list(dict.fromkeys(word.speaker for word in self.words))
        return list(self._speakers)

    def speaker_name(self, speaker: str) -> str:
        name = self._names.get(speaker)
        if name:
            return name
        return default_speaker_name(speaker, is_channel=speaker in self._channels)

    def rename_speaker(self, speaker: str, name: str) -> None:
        """Give ``speaker`` a display name; an empty name restores the default one."""
        name = " ".join(name.split())
        if name and name != default_speaker_name(speaker, is_channel=speaker in self._channels):
            self._names[speaker] = name
        else:
            self._names.pop(speaker, None)
        self._changed(turns=False)

    def merge_speakers(self, source: str, into: str) -> None:
        """Reassign every word (and translation) of ``source`` to ``into``: "same person"."""
        if source == into:
            return
        if source not in self.speakers():
            raise ValueError(f"There is no speaker {source!r} in this transcript to merge.")
        if not into:
            raise ValueError("The speaker to merge into must have an id.")
        for word in self.words:
            if word.speaker == source:
                word.speaker = into
        for code, segments in self.translations.items():
            self.translations[code] = [
                replace(s, speaker=into) if s.speaker == source else s for s in segments
            ]
        self._names.pop(source, None)
        self._changed(turns=True)

    def set_speaker(self, first: int, last: int, speaker: str) -> None:
        """Reassign ``words[first..last]`` (one line, one turn) to ``speaker``."""
        self._check_range(first, last)
        if not speaker:
            raise ValueError("The new speaker must have an id.")
        for word in self.words[first : last + 1]:
            word.speaker = speaker
        self._changed(turns=True)

    def new_speaker_id(self) -> str:
        """An unused "S<n>" id, for moving words to a speaker the API did not find."""
        matches = (_NUMBERED_SPEAKER.fullmatch(speaker) for speaker in self.speakers())
        numbers = [int(match.group(1)) for match in matches if match]
        return f"S{max(numbers, default=0) + 1}"

    # -- turns and text ------------------------------------------------------------------------

    def paragraphs(self) -> list[Paragraph]:
        """One paragraph per speaker turn (a channel change is a speaker change)."""
        if self._paragraphs is None:
            self._paragraphs = _split_turns(self.words, self._channels)
        return list(self._paragraphs)

    def paragraph_text(self, p: Paragraph) -> tuple[str, list[Span]]:
        """The paragraph's text and a (word_index, start_char, end_char) span per token."""
        return join_words(
            self.words,
            p.first,
            p.last,
            delimiter=self.word_delimiter,
            language_delimiters=self.language_delimiters,
        )

    def text(self) -> str:
        """All turns joined by newlines (no speaker names; see smdesk.core.export for those)."""
        return "\n".join(self.paragraph_text(p)[0] for p in self.paragraphs())

    def paragraph_index_of(self, word_index: int) -> int:
        """Index into :meth:`paragraphs` of the turn containing ``word_index``."""
        self._check_range(word_index, word_index)
        if self._paragraph_firsts is None:
            self._paragraph_firsts = [p.first for p in self.paragraphs()]
        return bisect_right(self._paragraph_firsts, word_index) - 1

    def word_index_at(self, seconds: float) -> int | None:
        """The word being spoken at ``seconds``: the last non-punctuation token started by then.

        In a pause this is the word before the pause; before the first word it is None.
        """
        if self._time_index is None:
            self._time_index = _time_index(self.words)
        starts, indexes = self._time_index
        position = bisect_right(starts, seconds) - 1
        return indexes[position] if position >= 0 else None

    def uncertain_words(self, threshold: float = 0.6) -> list[int]:
        """Indexes of words recognised with confidence below ``threshold`` (review navigator)."""
        return [
            index
            for index, word in enumerate(self.words)
            if word.confidence is not None
            and word.confidence < threshold
            and word.kind != PUNCTUATION
        ]

    # -- editing -------------------------------------------------------------------------------

    def edit_word(self, index: int, text: str) -> None:
        """Replace one token's text, keeping its timing and speaker."""
        self._check_range(index, index)
        cleaned = text.strip()
        if not cleaned:
            raise ValueError("A word cannot be empty; type the corrected word.")
        self.words[index].text = cleaned
        self._changed(turns=False)

    def retime_word(self, index: int, start: float, end: float) -> None:
        """Move one token in time (manual alignment fixes); ``end`` may not precede ``start``."""
        self._check_range(index, index)
        if not (0 <= start <= end):
            raise ValueError(f"A word's times must satisfy 0 <= start <= end (got {start}, {end}).")
        word = self.words[index]
        word.start, word.end = start, end
        self.duration = max(self.duration, end)
        self._time_index = None
        self._changed(turns=True)  # turn start/end times change

    def delete_words(self, first: int, last: int) -> None:
        """Remove ``words[first..last]`` (fillers, false starts); they leave the json-v2 too."""
        self._check_range(first, last)
        del self.words[first : last + 1]
        if self._source is not None:
            forget_words(self._source, first, last)
        self._time_index = None
        self._changed(turns=True)

    def _check_range(self, first: int, last: int) -> None:
        if not 0 <= first <= last < len(self.words):
            raise IndexError(f"Word range {first}..{last} is outside 0..{len(self.words) - 1}.")

    def _changed(self, *, turns: bool) -> None:
        self.revision += 1
        if turns:
            self._paragraphs = None
            self._paragraph_firsts = None
            self._speakers = None

    def __repr__(self) -> str:
        return (
            f"Transcript(words={len(self.words)}, duration={self.duration:.1f}, "
            f"language={self.language!r}, speakers={self.speakers()!r})"
        )


def _split_turns(words: list[Word], channels: frozenset[str]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    if not words:
        return paragraphs
    first = 0
    speaker, channel, end = words[0].speaker, words[0].channel, words[0].end
    for index in range(1, len(words)):
        word = words[index]
        new_turn = word.speaker != speaker or (
            word.channel != channel and word.speaker not in channels
        )
        # A mark glued to the previous word stays in that turn even if labelled otherwise.
        if new_turn and not (word.kind == PUNCTUATION and attachment(word) in ("previous", "both")):
            paragraphs.append(_paragraph(words, speaker, channel, first, index - 1, end))
            first = index
            speaker, channel, end = word.speaker, word.channel, word.end
        elif word.end > end:
            end = word.end
    paragraphs.append(_paragraph(words, speaker, channel, first, len(words) - 1, end))
    return paragraphs


def _paragraph(
    words: list[Word], speaker: str, channel: str | None, first: int, last: int, end: float
) -> Paragraph:
    return Paragraph(speaker, channel, words[first].start, end, first, last)


def _time_index(words: list[Word]) -> tuple[list[float], list[int]]:
    pairs = [(w.start, i) for i, w in enumerate(words) if w.kind != PUNCTUATION]
    if any(pairs[k][0] > pairs[k + 1][0] for k in range(len(pairs) - 1)):
        pairs.sort()
    return [start for start, _ in pairs], [index for _, index in pairs]
