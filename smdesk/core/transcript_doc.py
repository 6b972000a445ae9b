"""json-v2 document level: reading a whole transcript, and writing it back with edits applied.

The writer takes a :class:`DocumentContent` (what :class:`~smdesk.core.transcript.Transcript`
provides), so this module never imports the transcript module: the dependency runs one way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from smdesk.core.json_stream import decode_streaming_results
from smdesk.core.jsonv2 import (
    copy_json,
    is_plain,
    number,
    parse_result,
    plain_word,
    render_edited,
    render_plain,
)
from smdesk.core.paragraphing import automatic_breaks, is_diarized
from smdesk.core.words import UNKNOWN_SPEAKER, TranslationSegment, Word


class DocumentContent(Protocol):
    """What the writer needs from a transcript."""

    @property
    def words(self) -> Sequence[Word]: ...
    @property
    def translations(self) -> Mapping[str, Sequence[TranslationSegment]]: ...
    @property
    def summary(self) -> str | None: ...
    @property
    def speaker_names(self) -> dict[str, str]: ...
    @property
    def word_delimiter(self) -> str: ...
    @property
    def language_delimiters(self) -> Mapping[str, str]: ...
    @property
    def language(self) -> str | None: ...
    @property
    def duration(self) -> float: ...


# Our own additions to the document live under this top-level key (the API never sends it).
EXTENSION_KEY = "smdesk"
CHECKED_KEY = "checked_words"  # word indexes a person confirmed or typed
BREAKS_KEY = "paragraph_breaks"  # word indexes starting a paragraph inside one speaker's turn


@dataclass(slots=True)
class SourceDocument:
    """What a round trip needs from the original document besides the Words."""

    key_order: list[str]
    rest: dict[str, Any]  # every top-level key except "results", deep-copied
    unknown: list[tuple[int, Any]]  # (number of words before it, raw result) for non-token results
    translation_sources: dict[str, list[tuple[int, TranslationSegment]]]
    summary: str | None


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


def _read_rest(data: Mapping[str, Any], reader: _ResultReader) -> ParsedDocument:
    words, keep = reader.words, reader.keep
    extension = _mapping(data.get(EXTENSION_KEY))
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


def shift_unknown(source: SourceDocument, first: int, removed: int, added: int) -> None:
    """Keep non-token results in place after ``removed`` words at ``first`` became ``added``."""
    if not source.unknown or removed == added:
        return
    end = first + removed
    delta = added - removed
    source.unknown = [
        (position + delta if position >= end else min(position, first + added), raw)
        if position > first
        else (position, raw)
        for position, raw in source.unknown
    ]


# -- writing -------------------------------------------------------------------------------------


def build_document(
    transcript: DocumentContent, source: SourceDocument | None, results: Any = None
) -> dict[str, Any]:
    """The json-v2 dict; ``results`` given: put there instead of the rendered results."""
    if source is None:
        source = _skeleton(transcript)
    doc = {key: copy_json(value) for key, value in source.rest.items()}
    doc["results"] = _results(transcript.words, source) if results is None else results
    if transcript.translations or "translations" in doc:
        doc["translations"] = _translations(transcript, source, doc.get("translations"))
    if transcript.summary != source.summary:
        if transcript.summary is None:
            doc.pop("summary", None)
        else:
            summary = doc.get("summary")
            doc["summary"] = {
                **(summary if isinstance(summary, dict) else {}),
                "content": transcript.summary,
            }
    _write_extension(doc, transcript)
    ordered = {key: doc.pop(key) for key in source.key_order if key in doc}
    ordered.update(doc)
    return ordered


def render_result(word: Word) -> dict[str, Any]:
    """The json-v2 result of one Word (its original result with the edits written in)."""
    original = word.origin
    if original is None:
        return render_plain(word)
    return render_edited(original[0], original[1], word)


def _results(words: Sequence[Word], source: SourceDocument) -> list[Any]:
    results: list[Any] = []
    unknown = source.unknown
    pending = 0
    for index, word in enumerate(words):
        while pending < len(unknown) and unknown[pending][0] <= index:
            results.append(copy_json(unknown[pending][1]))
            pending += 1
        results.append(render_result(word))
    results.extend(copy_json(raw) for _, raw in unknown[pending:])
    return results


def _render_segment(segment: TranslationSegment) -> dict[str, Any]:
    item: dict[str, Any] = {
        "start_time": segment.start,
        "end_time": segment.end,
        "content": segment.text,
    }
    if segment.speaker is not None:
        item["speaker"] = segment.speaker
    return item


def _translations(
    transcript: DocumentContent, source: SourceDocument, raw: object
) -> dict[str, Any]:
    raw_translations = raw if isinstance(raw, dict) else {}
    out: dict[str, Any] = {}
    for language, segments in transcript.translations.items():
        origin = source.translation_sources.get(language)
        items = raw_translations.get(language)
        if origin is None or not isinstance(items, list) or len(origin) != len(segments):
            out[language] = [_render_segment(segment) for segment in segments]
            continue
        for segment, (position, parsed) in zip(segments, origin, strict=True):
            if segment == parsed:
                continue
            item = items[position]
            item["content"] = segment.text
            item["start_time"], item["end_time"] = segment.start, segment.end
            if segment.speaker != parsed.speaker:
                item["speaker"] = segment.speaker
        out[language] = items
    return out


def _write_extension(doc: dict[str, Any], transcript: DocumentContent) -> None:
    extension = doc.get(EXTENSION_KEY)
    extension = dict(extension) if isinstance(extension, dict) else {}
    words = transcript.words
    _put(extension, "speaker_names", dict(transcript.speaker_names))
    _put(extension, CHECKED_KEY, [i for i, word in enumerate(words) if word.checked])
    breaks = [i for i, word in enumerate(words) if word.paragraph_break]
    automatic = [] if is_diarized(words) else automatic_breaks(words)
    # Written only when they differ from what reading computes: an unedited file stays the same.
    _put(extension, BREAKS_KEY, breaks if breaks != automatic else None, keep_empty=True)
    if extension:
        doc[EXTENSION_KEY] = extension
    else:
        doc.pop(EXTENSION_KEY, None)


def _put(target: dict[str, Any], key: str, value: Any, *, keep_empty: bool = False) -> None:
    if value is None or (not value and not keep_empty):
        target.pop(key, None)
    else:
        target[key] = value


def _skeleton(transcript: DocumentContent) -> SourceDocument:
    """A minimal valid document for a transcript that was not read from one."""
    pack: dict[str, Any] = {"word_delimiter": transcript.word_delimiter}
    if transcript.language_delimiters:
        pack["per_language_word_delimiters"] = dict(transcript.language_delimiters)
    rest: dict[str, Any] = {
        "format": "2.9",
        "job": {
            "created_at": "",
            "data_name": "",
            "duration": round(transcript.duration),
            "id": "",
        },
        "metadata": {
            "created_at": "",
            "type": "transcription",
            "transcription_config": {"language": transcript.language or "en"},
            "language_pack_info": pack,
        },
    }
    if transcript.summary is not None:
        rest["summary"] = {"content": transcript.summary}
    return SourceDocument(
        key_order=[*rest, "results"],
        rest=rest,
        unknown=[],
        translation_sources={},
        summary=transcript.summary,
    )
