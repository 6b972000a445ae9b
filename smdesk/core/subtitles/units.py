"""Units: the pieces a cue is made of, from a transcript's words or a translation's sentences.

A unit is a run of tokens written without a delimiter between them ("Hello," or "for-sure"), so
lines and cues break only between units. Languages written without spaces (Japanese, Chinese)
have one unit per token, and a token wider than a line is cut into characters, with its time
shared out, so that such text is laid out by characters.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from smdesk.core.text import glued_groups
from smdesk.core.transcript import Transcript
from smdesk.core.words import PUNCTUATION, UNKNOWN_SPEAKER, TranslationSegment, Word

__all__ = ["Unit", "display_width", "transcript_units", "translation_units"]

# Languages whose translations are written without spaces between words.
_NO_SPACE_LANGUAGES = frozenset({"ja", "zh", "cmn", "yue"})


@dataclass(slots=True)  # not frozen: 30,000 of them are built per layout, and frozen is slower
class Unit:
    text: str
    separator: str  # written before this unit when it does not start a line
    start: float
    end: float
    speaker: str
    sentence_end: bool
    first: int | None  # word indexes (inclusive); None for translations
    last: int | None
    turn_start: bool = False  # first unit of a speaker's turn


def display_width(text: str) -> int:
    """Columns on screen: East Asian wide characters count 2, marks and format characters 0."""
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def transcript_units(transcript: Transcript, max_width: int) -> list[Unit]:
    """The transcript's current words as units, in order.

    With channel diarization both sides may talk at once and their words interleave in time;
    each channel's words are then kept together by phrase (up to a sentence end or a pause), and
    the phrases ordered by their start, so that no phrase is cut up by the other side's words.
    """
    words = transcript.words
    runs = _channel_runs(words) if transcript.channel_labels else [list(range(len(words)))]
    units: list[Unit] = []
    previous_speaker: str | None = None
    delimiter, by_language = transcript.word_delimiter, transcript.language_delimiters
    for run in runs:
        members = words if len(run) == len(words) else [words[i] for i in run]
        for first, last in glued_groups(members, 0, len(members) - 1):
            if first == last:  # most units are one word, built here (the same as _unit)
                word = members[first]
                separator = delimiter
                if word.language is not None and by_language:
                    separator = by_language.get(word.language, delimiter)
                unit = Unit(word.text, separator, word.start, word.end, word.speaker, word.is_eos,
                            run[first], run[first])
            else:
                unit = _unit(transcript, members[first : last + 1], run[first], run[last])
            unit.turn_start = unit.speaker != previous_speaker
            previous_speaker = unit.speaker
            if unit.separator == "" and display_width(unit.text) > max_width:
                units.extend(_by_characters(unit))
            else:
                units.append(unit)
    return units


def _unit(transcript: Transcript, members: list[Word], first: int, last: int) -> Unit:
    """A glued run of tokens ("Hello" ","), written without a delimiter inside, as one unit."""
    head = members[0]
    start, end, eos, speaker = head.start, head.end, False, None
    for w in members:  # one pass: these runs are short and there are thousands of them
        start, end, eos = min(start, w.start), max(end, w.end), eos or w.is_eos
        if speaker is None and w.kind != PUNCTUATION:
            speaker = w.speaker
    text = "".join([w.text for w in members])
    if speaker is None:
        speaker = head.speaker
    separator = transcript.word_delimiter
    if head.language is not None and transcript.language_delimiters:
        separator = transcript.language_delimiters.get(head.language, separator)
    return Unit(text, separator, start, end, speaker, eos, first, last)


_PHRASE_PAUSE = 1.0
_PHRASE_LENGTH = 5.0


def _channel_runs(words: list[Word]) -> list[list[int]]:
    """Word indexes by channel, cut into phrases, the phrases in order of their start."""
    by_channel: dict[str, list[int]] = {}
    for index, word in enumerate(words):
        by_channel.setdefault(word.channel or word.speaker, []).append(index)
    phrases: list[list[int]] = []
    for indexes in by_channel.values():
        phrase: list[int] = []
        for index in indexes:
            word = words[index]
            if phrase and word.kind != PUNCTUATION:
                previous = words[phrase[-1]]
                if (word.start - previous.end > _PHRASE_PAUSE
                        or word.end - words[phrase[0]].start > _PHRASE_LENGTH):
                    phrases.append(phrase)
                    phrase = []
            phrase.append(index)
            if word.is_eos:
                phrases.append(phrase)
                phrase = []
        if phrase:
            phrases.append(phrase)
    phrases.sort(key=lambda phrase: (words[phrase[0]].start, phrase[0]))
    return phrases


def _by_characters(unit: Unit) -> list[Unit]:
    """A token wider than a line in a language without spaces, one unit per character."""
    count = len(unit.text)
    step = (unit.end - unit.start) / count
    return [
        Unit(
            text=ch,
            separator="",
            start=unit.start + k * step,
            end=unit.start + (k + 1) * step,
            speaker=unit.speaker,
            sentence_end=unit.sentence_end and k == count - 1,
            first=unit.first,
            last=unit.last,
            turn_start=unit.turn_start and k == 0,
        )
        for k, ch in enumerate(unit.text)
    ]


def translation_units(segments: list[TranslationSegment], language: str) -> list[Unit]:
    """Each translated sentence cut into words (characters without spaces), its time shared out
    by length, since translations carry times per sentence only."""
    no_spaces = language.split("-")[0].lower() in _NO_SPACE_LANGUAGES
    units: list[Unit] = []
    previous_speaker: str | None = None
    for segment in segments:
        text = segment.text.strip()
        pieces = [ch for ch in text if not ch.isspace()] if no_spaces else text.split()
        if not pieces:
            continue
        speaker = segment.speaker or UNKNOWN_SPEAKER
        total = sum(len(piece) for piece in pieces)
        span = max(segment.end - segment.start, 0.0)
        position = 0
        separator, last = ("" if no_spaces else " "), len(pieces) - 1
        for k, piece in enumerate(pieces):
            start = segment.start + span * position / total
            position += len(piece)
            end = segment.start + span * position / total
            units.append(Unit(piece, separator, start, end, speaker, k == last, None, None,
                              k == 0 and speaker != previous_speaker))
        previous_speaker = speaker
    return units
