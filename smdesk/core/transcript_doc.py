"""json-v2 document level: what a round trip keeps, and writing a transcript back with its edits.

Reading is :mod:`smdesk.core.transcript_read`.

The writer takes a :class:`DocumentContent` (what :class:`~smdesk.core.transcript.Transcript`
provides), so this module never imports the transcript module: the dependency runs one way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from smdesk.core.jsonv2 import copy_json, render_edited, render_plain
from smdesk.core.paragraphing import automatic_breaks, is_diarized
from smdesk.core.words import TranslationSegment, Word


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
    transcript: DocumentContent,
    source: SourceDocument | None,
    results: Any = None,
    *,
    private: bool = True,
) -> dict[str, Any]:
    """The json-v2 dict; ``results`` given: put there instead of the rendered results.

    ``private=False`` shares the source's values instead of deep-copying them, for a caller
    that only encodes the dict (the autosave text: copying the metadata and translations of a
    3-hour transcript was a quarter of its time); nothing here changes them either way.
    """
    if source is None:
        source = _skeleton(transcript)
    if private:
        doc = {key: copy_json(value) for key, value in source.rest.items()}
    else:
        doc = dict(source.rest)
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
        items = list(items)  # edited items are copied first: the source's may be shared
        for segment, (position, parsed) in zip(segments, origin, strict=True):
            if segment == parsed:
                continue
            item = items[position] = dict(items[position])
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
