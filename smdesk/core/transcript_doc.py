"""json-v2 document level: reading a whole transcript, and writing it back with edits applied."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from smdesk.core.jsonv2 import (
    copy_json,
    is_plain,
    number,
    parse_result,
    render_edited,
    render_plain,
)
from smdesk.core.words import UNKNOWN_SPEAKER, TranslationSegment, Word

if TYPE_CHECKING:
    from smdesk.core.transcript import Transcript

# Our own additions to the document live under this top-level key (the API never sends it).
EXTENSION_KEY = "smdesk"


@dataclass(slots=True)
class SourceDocument:
    """What a round trip needs from the original document besides the Words."""

    key_order: list[str]
    rest: dict[str, Any]  # every top-level key except "results", deep-copied
    unknown: list[tuple[int, Any]]  # (number of words before it, raw result) for non-token results
    originals: dict[int, tuple[Any, Word]]  # non-plain words: index -> (raw result, Word as parsed)
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


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def read_document(data: Mapping[str, Any]) -> ParsedDocument:
    if not isinstance(data, Mapping) or not isinstance(data.get("results"), list):
        raise ValueError(
            "This is not a Speechmatics json-v2 transcript: it has no list of results."
        )
    words: list[Word] = []
    unknown: list[tuple[int, Any]] = []
    originals: dict[int, tuple[Any, Word]] = {}
    for result in data["results"]:
        word = parse_result(result)
        if word is None:
            unknown.append((len(words), copy_json(result)))
            continue
        if not is_plain(result, word):
            originals[len(words)] = (copy_json(result), copy.copy(word))
        words.append(word)

    metadata = _mapping(data.get("metadata"))
    pack = _mapping(metadata.get("language_pack_info"))
    delimiter = pack.get("word_delimiter")
    per_language = _mapping(pack.get("per_language_word_delimiters"))
    translations, translation_sources = _read_translations(data.get("translations"))
    summary = _mapping(data.get("summary")).get("content")
    summary = summary if isinstance(summary, str) else None
    names = _mapping(_mapping(data.get(EXTENSION_KEY)).get("speaker_names"))
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
        source=SourceDocument(
            key_order=list(data.keys()),
            rest={k: copy_json(v) for k, v in data.items() if k != "results"},
            unknown=unknown,
            originals=originals,
            translation_sources=translation_sources,
            summary=summary,
        ),
    )


def _language(metadata: Mapping[str, Any], words: list[Word]) -> str | None:
    """The requested language, or for "auto" the detected one."""
    requested = _mapping(metadata.get("transcription_config")).get("language")
    if isinstance(requested, str) and requested and requested != "auto":
        return requested
    identified = _mapping(metadata.get("language_identification")).get("results")
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


def forget_words(source: SourceDocument, first: int, last: int) -> None:
    """Keep the source's word-index bookkeeping right after ``words[first..last]`` are deleted."""
    count = last - first + 1
    source.originals = {
        (index - count if index > last else index): value
        for index, value in source.originals.items()
        if not first <= index <= last
    }
    source.unknown = [
        (position if position <= first else max(first, position - count), raw)
        for position, raw in source.unknown
    ]


# -- writing -------------------------------------------------------------------------------------


def build_document(transcript: Transcript, source: SourceDocument | None) -> dict[str, Any]:
    if source is None:
        source = _skeleton(transcript)
    doc = {key: copy_json(value) for key, value in source.rest.items()}
    doc["results"] = _results(transcript.words, source)
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
    _write_speaker_names(doc, transcript.speaker_names)
    ordered = {key: doc.pop(key) for key in source.key_order if key in doc}
    ordered.update(doc)
    return ordered


def _results(words: list[Word], source: SourceDocument) -> list[Any]:
    results: list[Any] = []
    unknown = source.unknown
    originals = source.originals
    pending = 0
    for index, word in enumerate(words):
        while pending < len(unknown) and unknown[pending][0] <= index:
            results.append(copy_json(unknown[pending][1]))
            pending += 1
        original = originals.get(index)
        if original is None:
            results.append(render_plain(word))
        else:
            results.append(render_edited(original[0], original[1], word))
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


def _translations(transcript: Transcript, source: SourceDocument, raw: object) -> dict[str, Any]:
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


def _write_speaker_names(doc: dict[str, Any], names: dict[str, str]) -> None:
    extension = doc.get(EXTENSION_KEY)
    extension = dict(extension) if isinstance(extension, dict) else {}
    if names:
        extension["speaker_names"] = dict(names)
    else:
        extension.pop("speaker_names", None)
    if extension:
        doc[EXTENSION_KEY] = extension
    else:
        doc.pop(EXTENSION_KEY, None)


def _skeleton(transcript: Transcript) -> SourceDocument:
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
        originals={},
        translation_sources={},
        summary=transcript.summary,
    )
