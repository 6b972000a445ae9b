"""json-v2 document level, reading: a whole transcript's Words and what a round trip keeps.

The writer is :mod:`smdesk.core.transcript_doc`; this module only adds the reading to it.
What reading gives is also kept in the history (:mod:`smdesk.core.word_cache`) and opened
instead of the text: a change to what it gives must bump ``word_cache.FORMAT``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from smdesk.core.json_stream import decode_streaming_results
from smdesk.core.jsonv2 import copy_json, is_plain, number, parse_result, plain_word
from smdesk.core.paragraphing import automatic_breaks, is_diarized
from smdesk.core.transcript_doc import BREAKS_KEY, CHECKED_KEY, EXTENSION_KEY, SourceDocument
from smdesk.core.words import UNKNOWN_SPEAKER, TranslationSegment, Word


@dataclass(slots=True)
class ParsedDocument:
    words: list[Word]
    duration: float
    language: str | None
    translations: dict[str, list[TranslationSegment]]
    summary: str | None
    word_delimiter: str | None
    language_delimiters: dict[str, str]
    speaker_names: dict[str, str]
    source: SourceDocument = field(repr=False)
    srt_overrides: dict[str, int] = field(default_factory=dict)


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _keep(value: Any) -> Any:
    return value


class _ResultReader:
    """Turns results into Words one at a time; ``keep`` stores the raw ones a round trip needs."""

    __slots__ = ("keep", "unknown", "words")

    def __init__(self, keep: Callable[[Any], Any]) -> None:
        self.keep = keep
        self.words: list[Word] = []
        self.unknown: list[tuple[int, Any]] = []  # (words before it, raw) for non-token results

    def add(self, result: Any) -> None:
        word = plain_word(result)
        if word is None:  # the unusual result: the general reader, and its raw dict kept
            word = parse_result(result)
            if word is None:
                self.unknown.append((len(self.words), self.keep(result)))
                return
            if not is_plain(result, word):
                word.origin = (self.keep(result), replace(word))
        self.words.append(word)


def _check_results(data: object) -> None:
    if not isinstance(data, Mapping) or not isinstance(data.get("results"), list):
        raise ValueError(
            "This is not a Speechmatics json-v2 transcript: it has no list of results."
        )


def read_document(data: Mapping[str, Any], *, owned: bool = False) -> ParsedDocument:
    """The Words and everything else a round trip needs from a json-v2 document.

    ``owned``: nobody else holds ``data`` (it was just decoded), so the raw parts a round trip
    keeps are kept by reference instead of deep-copied. Nothing here changes them: the writer
    copies before it writes edits in.
    """
    _check_results(data)
    reader = _ResultReader(_keep if owned else copy_json)
    for result in data["results"]:
        reader.add(result)
    return _read_rest(data, reader)


def read_text(text: str) -> ParsedDocument | None:
    """:func:`read_document` of JSON text, each result read as soon as it is decoded
    (:mod:`smdesk.core.json_stream`); None when that decoder declines the text (use json.loads).
    """
    reader = _ResultReader(_keep)
    data = decode_streaming_results(text, reader.add)
    if data is None:
        return None
    _check_results(data)
    return _read_rest(data, reader)


def read_result(result: Any) -> Word | None:
    """The Word reading makes of one result (None: not a token); ``result`` is kept by
    reference when the Word needs it."""
    reader = _ResultReader(_keep)
    reader.add(result)
    return reader.words[0] if reader.words else None


def read_around(data: Mapping[str, Any], words: list[Word]) -> ParsedDocument:
    """The ParsedDocument of ``words``, which carry their marks (checked, breaks) already, in
    the document ``data`` (its ``results`` are not looked at)."""
    reader = _ResultReader(_keep)
    reader.words = words
    return _read_rest(data, reader, marks=False)


def read_json_text(text: str | bytes) -> ParsedDocument:
    """:func:`read_document` of json-v2 text (the history's stored copy, a file's bytes).

    Streams the results when it can (:func:`read_text`), else decodes it all at once; the
    decoded document is owned, so nothing is copied. Raises ValueError (one sentence) for text
    that is not JSON or not a json-v2 transcript.
    """
    parsed = read_text(text) if isinstance(text, str) else None
    if parsed is not None:
        return parsed
    try:  # bytes, or text the streaming decoder declines: all of it at once
        data = json.loads(text)
    except ValueError as exc:  # JSONDecodeError, and bytes that are not UTF-8
        where = ""
        if isinstance(exc, json.JSONDecodeError):
            where = f" (line {exc.lineno}, column {exc.colno})"
        raise ValueError(
            f"This is not a Speechmatics json-v2 transcript: it is not valid JSON{where}."
        ) from None
    return read_document(data, owned=True)


def _read_rest(
    data: Mapping[str, Any], reader: _ResultReader, *, marks: bool = True
) -> ParsedDocument:
    """The document around the Words; ``marks``: set their checked and break flags from it
    (False: they carry them already, smdesk.core.snapshot_read)."""
    words, keep = reader.words, reader.keep
    extension = _mapping(data.get(EXTENSION_KEY))
    if marks:
        _read_marks(extension, words)

    metadata = _mapping(data.get("metadata"))
    pack = _mapping(metadata.get("language_pack_info"))
    delimiter = pack.get("word_delimiter")
    per_language = _mapping(pack.get("per_language_word_delimiters"))
    translations, translation_sources = _read_translations(data.get("translations"))
    summary = _mapping(data.get("summary")).get("content")
    summary = summary if isinstance(summary, str) else None
    names = _mapping(extension.get("speaker_names"))
    return ParsedDocument(
        words=words,
        duration=number(_mapping(data.get("job")).get("duration")),
        language=_language(metadata, words),
        translations=translations,
        summary=summary,
        word_delimiter=delimiter if isinstance(delimiter, str) else None,
        language_delimiters={
            k: v for k, v in per_language.items() if isinstance(k, str) and isinstance(v, str)
        },
        speaker_names={k: v for k, v in names.items() if isinstance(k, str) and isinstance(v, str)},
        srt_overrides=srt_overrides_of(metadata),
        source=SourceDocument(
            key_order=list(data.keys()),
            rest={k: keep(v) for k, v in data.items() if k != "results"},
            unknown=reader.unknown,
            translation_sources=translation_sources,
            summary=summary,
        ),
    )


def srt_overrides_of(metadata: Mapping[str, Any]) -> dict[str, int]:
    """The job's own subtitle layout (``output_config.srt_overrides``): positive ints only."""
    overrides = _mapping(_mapping(metadata.get("output_config")).get("srt_overrides"))
    values = {key: overrides.get(key) for key in ("max_line_length", "max_lines")}
    return {
        key: value
        for key, value in values.items()
        if isinstance(value, int) and not isinstance(value, bool) and value > 0
    }


def _language(metadata: Mapping[str, Any], words: list[Word]) -> str | None:
    """The requested language, or for "auto" the detected one."""
    requested = _mapping(metadata.get("transcription_config")).get("language")
    if isinstance(requested, str) and requested and requested != "auto":
        return requested
    identification = _mapping(metadata.get("language_identification"))
    predicted = identification.get("predicted_language")  # what real servers send
    if isinstance(predicted, str) and predicted:
        return predicted
    identified = identification.get("results")
    if isinstance(identified, list) and identified:
        alternatives = _mapping(identified[0]).get("alternatives")
        if isinstance(alternatives, list) and alternatives:
            detected = _mapping(alternatives[0]).get("language")
            if isinstance(detected, str) and detected:
                return detected
    for word in words:
        if word.language:
            return word.language
    return requested if isinstance(requested, str) and requested else None


def _read_segment(raw: Mapping[str, Any]) -> TranslationSegment | None:
    content = raw.get("content")
    if not isinstance(content, str):
        return None
    speaker = raw.get("speaker")
    channel = raw.get("channel")
    if not isinstance(speaker, str) or not speaker:
        speaker = None
    if speaker in (None, UNKNOWN_SPEAKER) and isinstance(channel, str) and channel:
        speaker = channel
    start = number(raw.get("start_time"))
    end = max(start, number(raw.get("end_time"), start))
    return TranslationSegment(start, end, content, speaker)


def _read_translations(
    raw: object,
) -> tuple[dict[str, list[TranslationSegment]], dict[str, list[tuple[int, TranslationSegment]]]]:
    translations: dict[str, list[TranslationSegment]] = {}
    sources: dict[str, list[tuple[int, TranslationSegment]]] = {}
    for language, items in _mapping(raw).items():
        if not isinstance(language, str) or not isinstance(items, list):
            continue
        segments: list[TranslationSegment] = []
        origin: list[tuple[int, TranslationSegment]] = []
        for position, item in enumerate(items):
            segment = _read_segment(item) if isinstance(item, Mapping) else None
            if segment is not None:
                segments.append(segment)
                origin.append((position, segment))
        translations[language] = segments
        sources[language] = origin
    return translations, sources


def _indexes(value: object, count: int) -> list[int]:
    if not isinstance(value, list):
        return []
    return [i for i in value if isinstance(i, int) and not isinstance(i, bool) and 0 <= i < count]


def _read_marks(extension: Mapping[str, Any], words: list[Word]) -> None:
    """Checked words and paragraph breaks: stored ones, else breaks at pauses when undiarized."""
    for index in _indexes(extension.get(CHECKED_KEY), len(words)):
        words[index].checked = True
    if BREAKS_KEY in extension:
        breaks = _indexes(extension.get(BREAKS_KEY), len(words))
    else:
        breaks = [] if is_diarized(words) else automatic_breaks(words)
    for index in breaks:
        words[index].paragraph_break = True
