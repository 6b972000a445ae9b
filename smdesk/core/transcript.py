"""The transcript model: words with timings and speakers, turns, speaker names.

Built from a json-v2 document and written back to one with every edit applied and every field we
do not understand kept. Designed for ~30,000 words: slotted Words, no per-word dicts kept for
ordinary results, and lazily cached turns and time index.

Read-only by convention: every change goes through :mod:`smdesk.core.edits`, which uses the
``_splice``/``_set_name``/``_set_translations`` primitives here and returns the inverse edit.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from typing import Any

from smdesk.core import word_cache
from smdesk.core.json_text import DocumentSnapshot, snapshot_source
from smdesk.core.paragraphing import is_diarized
from smdesk.core.text import Span, default_word_delimiter, join_words
from smdesk.core.transcript_doc import SourceDocument, build_document, shift_unknown
from smdesk.core.transcript_read import ParsedDocument, read_document, read_json_text
from smdesk.core.turns import (
    Paragraph,
    WordIndex,
    is_checked_uncertain,
    is_uncertain,
    respliced_paragraphs,
    same_layout,
    split_turns,
    time_index,
)
from smdesk.core.words import UNKNOWN_SPEAKER, TranslationSegment, Word

__all__ = [
    "UNCERTAIN_THRESHOLD",
    "Paragraph",
    "Transcript",
    "TranslationSegment",
    "Word",
    "default_speaker_name",
]

_NUMBERED_SPEAKER = re.compile(r"S(\d+)")
_NUMBERED_CHANNEL = re.compile(r"channel[ _-]?(\d+)", re.IGNORECASE)

# Below this confidence a word is worth a listen (Speechmatics marks most real errors below 0.7).
UNCERTAIN_THRESHOLD = 0.7


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
        self.layout_revision = 0  # bumped by edits that move a time, turn or word boundary
        self._source: SourceDocument | None = None
        # The job's output_config.srt_overrides ({"max_line_length": 30, "max_lines": 1}).
        self.srt_overrides: dict[str, int] = {}
        self._channels = frozenset(w.channel for w in self.words if w.channel is not None)
        self._paragraphs: list[Paragraph] | None = None
        self._paragraph_firsts: list[int] | None = None
        self._speakers: list[str] | None = None
        self._time_index: tuple[list[float], list[int]] | None = None
        self._uncertain = WordIndex(is_uncertain)
        self._checked = WordIndex(is_checked_uncertain)
        self._diarized: bool | None = None
        self._names: dict[str, str] = {}
        for speaker, name in (speaker_names or {}).items():
            self._set_name(speaker, name)
        self.revision = 0

    # -- json-v2 -------------------------------------------------------------------------------

    @classmethod
    def from_json_v2(cls, data: Mapping[str, Any]) -> Transcript:
        """Parse a json-v2 document; unknown result types and fields are kept for round trips.

        Raises ValueError (one sentence) when ``data`` is not a json-v2 transcript at all.
        """
        return cls.from_parsed(read_document(data))

    @classmethod
    def from_json_text(cls, text: str | bytes) -> Transcript:
        """Parse json-v2 text (the history's stored copy, a file's bytes).

        Quicker than ``from_json_v2(json.loads(text))``: the decoded document belongs to the
        transcript, so the raw parts kept for the round trip are not copied. Raises ValueError
        (one sentence) for text that is not JSON or not a json-v2 transcript.
        """
        return cls.from_parsed(read_json_text(text))

    @classmethod
    def from_word_cache(cls, data: bytes) -> Transcript | None:
        """The transcript :func:`smdesk.core.word_cache.encode` stored (see there); None when
        ``data`` is damaged or from another version, and the json-v2 text must be parsed."""
        parsed = word_cache.decode(data)
        return None if parsed is None else cls.from_parsed(parsed)

    @classmethod
    def from_parsed(cls, parsed: ParsedDocument) -> Transcript:
        """A transcript of a freshly read document (it takes over its Words)."""
        fields = _document_fields(parsed)
        transcript = cls(parsed.words, speaker_names=parsed.speaker_names, **fields)
        transcript._source = parsed.source
        transcript.srt_overrides = parsed.srt_overrides
        return transcript

    def to_json_v2(self) -> dict[str, Any]:
        """The json-v2 document with edits, speaker changes and names applied (a new dict)."""
        return build_document(self, self._source)

    def copy(self) -> Transcript:
        """An independent Transcript with the same content now: later edits of either one never
        show in the other. Quick (pointer copies): both hold the same Words, which is safe
        because an edit replaces Words and never changes one a Transcript holds."""
        twin = Transcript(self.words, speaker_names=self._names, **_document_fields(self))
        twin._source = snapshot_source(self._source)  # edits replace its list of unknown results
        twin.srt_overrides = dict(self.srt_overrides)
        return twin

    def snapshot(self) -> DocumentSnapshot:
        """The content as it is now, writable as JSON text from any thread (autosave)."""
        return DocumentSnapshot(
            words=list(self.words),
            translations=dict(self.translations),
            summary=self.summary,
            speaker_names=dict(self._names),
            word_delimiter=self.word_delimiter,
            language_delimiters=dict(self.language_delimiters),
            language=self.language,
            duration=self.duration,
            source=snapshot_source(self._source),
        )

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

    @property
    def is_diarized(self) -> bool:
        """Whether turns have speakers worth naming (False: all "UU", no headers, no names)."""
        if self._diarized is None:  # cached: views ask once per paragraph
            self._diarized = is_diarized(self.words)
        return self._diarized

    def new_speaker_id(self) -> str:
        """An unused "S<n>" id, for moving words to a speaker the API did not find."""
        matches = (_NUMBERED_SPEAKER.fullmatch(speaker) for speaker in self.speakers())
        numbers = [int(match.group(1)) for match in matches if match]
        return f"S{max(numbers, default=0) + 1}"

    # -- turns and text ------------------------------------------------------------------------

    def paragraphs(self) -> list[Paragraph]:
        """One paragraph per speaker turn (a channel change is a speaker change) or break.

        Breaks (``Word.paragraph_break``) come from split turns and, in undiarized recordings,
        from pauses (:mod:`smdesk.core.paragraphing`), so every paragraph has its own start time.
        """
        if self._paragraphs is None:
            self._paragraphs = split_turns(self.words, self._channels)
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
            self._time_index = time_index(self.words)
        starts, indexes = self._time_index
        position = bisect_right(starts, seconds) - 1
        return indexes[position] if position >= 0 else None

    def uncertain_words(self, threshold: float = UNCERTAIN_THRESHOLD) -> list[int]:
        """Indexes of unchecked words recognised with confidence below ``threshold``."""
        return list(self._uncertain_indexes(threshold))

    def uncertain_count(self, threshold: float = UNCERTAIN_THRESHOLD) -> int:
        """How many words are left to check (the navigator's counter); cheap after an edit."""
        return len(self._uncertain_indexes(threshold))

    def _uncertain_indexes(self, threshold: float) -> list[int]:
        return self._uncertain.of(self.words, threshold)

    def checked_words(self, threshold: float = UNCERTAIN_THRESHOLD) -> list[int]:
        """Indexes of the words below ``threshold`` a person has checked; cheap after an edit
        (the pane's counter asks after every pause in typing)."""
        return list(self._checked.of(self.words, threshold))

    def next_uncertain(self, after: int, threshold: float = UNCERTAIN_THRESHOLD) -> int | None:
        """The first uncertain word after index ``after`` (-1 searches from the start), or None."""
        indexes = self._uncertain_indexes(threshold)
        position = bisect_right(indexes, after)
        return indexes[position] if position < len(indexes) else None

    def previous_uncertain(self, before: int, threshold: float = UNCERTAIN_THRESHOLD) -> int | None:
        """The last uncertain word before index ``before`` (len(words) searches from the end)."""
        indexes = self._uncertain_indexes(threshold)
        position = bisect_left(indexes, before)
        return indexes[position - 1] if position > 0 else None

    # -- primitives for smdesk.core.edits (nothing else mutates a Transcript) ------------------

    def _splice(self, first: int, removed: int, words: list[Word]) -> list[Word]:
        """Replace ``words[first:first+removed]`` by ``words``; returns the removed Words."""
        if not (0 <= first <= len(self.words) and 0 <= removed <= len(self.words) - first):
            raise IndexError(f"Cannot replace {removed} words at {first} of {len(self.words)}.")
        old = self.words[first : first + removed]
        self.words[first : first + removed] = words
        if self._source is not None:
            shift_unknown(self._source, first, removed, len(words))
        if words:
            self.duration = max(self.duration, max(word.end for word in words))
        self._uncertain.splice(first, removed, words)
        self._checked.splice(first, removed, words)
        self.revision += 1
        if same_layout(old, words):  # retyped in place: turns and times stay as they are
            return old
        self.layout_revision += 1
        self._time_index = None
        self._speakers = None
        self._diarized = None
        self._paragraph_firsts = None
        if self._paragraphs:
            self._paragraphs = respliced_paragraphs(
                self._paragraphs, self.words, self._channels, first, removed, len(words)
            )
        else:
            self._paragraphs = None
        return old

    def _unknown_positions(self) -> list[tuple[int, Any]] | None:
        return None if self._source is None else list(self._source.unknown)

    def _restore_unknown_positions(self, unknown: list[tuple[int, Any]] | None) -> None:
        if self._source is not None and unknown is not None:
            self._source.unknown = list(unknown)

    def _set_name(self, speaker: str, name: str) -> str:
        """Give ``speaker`` a display name (empty: the default one); returns the old stored name."""
        old = self._names.get(speaker, "")
        name = " ".join(name.split())
        if name and name != default_speaker_name(speaker, is_channel=speaker in self._channels):
            self._names[speaker] = name
        else:
            self._names.pop(speaker, None)
        self.revision += 1
        return old

    def _set_translations(
        self, translations: Mapping[str, list[TranslationSegment]]
    ) -> dict[str, list[TranslationSegment]]:
        old = self.translations
        self.translations = {code: list(segments) for code, segments in translations.items()}
        self.revision += 1
        return old

    def _check_range(self, first: int, last: int) -> None:
        if not 0 <= first <= last < len(self.words):
            raise IndexError(f"Word range {first}..{last} is outside 0..{len(self.words) - 1}.")

    def __repr__(self) -> str:
        return (
            f"Transcript(words={len(self.words)}, duration={self.duration:.1f}, "
            f"language={self.language!r}, speakers={self.speakers()!r})"
        )


_DOCUMENT_FIELDS = (
    "duration", "language", "translations", "summary", "word_delimiter", "language_delimiters",
)


def _document_fields(source: object) -> dict[str, Any]:
    """The document-level fields a Transcript is made with, from a parsed document or a twin."""
    return {name: getattr(source, name) for name in _DOCUMENT_FIELDS}
