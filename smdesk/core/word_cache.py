"""A freshly read json-v2 document as compact bytes, so that opening it again skips the parse.

Reading 3 hours of json-v2 (30,000 results) takes two to three times as long as ``json.loads``
of it; these bytes give the same :class:`~smdesk.core.transcript_read.ParsedDocument` in about
a third of the time ``json.loads`` alone takes: zlib, one ``marshal.loads`` (C) of plain tuples,
one column per Word field, and ``map(Word, *columns)``. marshal, not pickle: it only ever
builds plain values (no code runs).

The json-v2 text stays the source of truth; these bytes are derived from it and may be thrown
away at any time. :func:`decode` answers None for anything it does not fully trust (another
format or smdesk version, damaged bytes, a wrong shape), and the caller parses the text
instead. Bump ``FORMAT`` when reading json-v2 gives different Words than before.
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Sequence
from dataclasses import fields, replace
from operator import attrgetter
from typing import Any

from smdesk import __version__
from smdesk.core.transcript_doc import SourceDocument
from smdesk.core.transcript_read import ParsedDocument
from smdesk.core.words import TranslationSegment, Word

FORMAT = 1
# Word's constructor arguments in order, all but ``origin`` (last; kept apart, see _origins).
WORD_FIELDS = tuple(f.name for f in fields(Word) if f.init and f.name != "origin")
_KEY = f"smdesk word cache {FORMAT} {__version__} {' '.join(WORD_FIELDS)}\n".encode()
_MARSHAL_VERSION = 4  # the format of Python 3.4 and later, read by every later Python
# Level 1: a sixth of the size (3 hours: 2.2 MB to 0.35 MB) for ~5 ms when opening; zlib's own
# checksum (adler32) then tells damaged bytes.
_COMPRESSION = 1
_SEGMENT_FIELDS = ("start", "end", "text", "speaker")


def encode(parsed: ParsedDocument) -> bytes:
    """The bytes :func:`decode` turns back into an equal ParsedDocument.

    Only for a document as the reader returned it: if a Transcript was made from it meanwhile,
    pass what :func:`detached` gave before that.
    """
    words = parsed.words
    source = parsed.source
    payload = (
        _word_columns(words),
        [(i, w.origin[0], _word_row(w.origin[1])) for i, w in enumerate(words) if w.origin],
        source.unknown,
        source.key_order,
        source.rest,
        source.summary,
        {code: _segment_columns(segments) for code, segments in parsed.translations.items()},
        {
            code: ([position for position, _ in pairs],
                   _segment_columns([segment for _, segment in pairs]))
            for code, pairs in source.translation_sources.items()
        },
        (parsed.duration, parsed.language, parsed.summary, parsed.word_delimiter),
        parsed.language_delimiters,
        parsed.speaker_names,
        parsed.srt_overrides,
    )
    return _KEY + zlib.compress(marshal.dumps(payload, _MARSHAL_VERSION), _COMPRESSION)


def detached(parsed: ParsedDocument) -> ParsedDocument:
    """``parsed`` with its own copies of what a Transcript made from it may replace (pointer
    copies; Words are never changed), to :func:`encode` later while that Transcript is edited."""
    source = parsed.source
    return replace(
        parsed,
        words=list(parsed.words),
        translations={code: list(segments) for code, segments in parsed.translations.items()},
        language_delimiters=dict(parsed.language_delimiters),
        speaker_names=dict(parsed.speaker_names),
        srt_overrides=dict(parsed.srt_overrides),
        source=replace(source, unknown=list(source.unknown),
                       translation_sources=dict(source.translation_sources)),
    )


def decode(data: bytes) -> ParsedDocument | None:
    """The ParsedDocument :func:`encode` stored in ``data``; None when it cannot be trusted."""
    body = _checked_body(data)
    if body is None:
        return None
    try:
        return _parsed(marshal.loads(body))
    except (ValueError, TypeError, IndexError, KeyError, EOFError, AttributeError):
        return None  # a shape this version never writes


def _checked_body(data: bytes) -> bytes | None:
    if not isinstance(data, bytes) or not data.startswith(_KEY):
        return None
    try:
        return zlib.decompress(data[len(_KEY) :])
    except zlib.error:  # damaged or cut short: the checksum or the stream says so
        return None


def _parsed(payload: Any) -> ParsedDocument:
    (columns, origins, unknown, key_order, rest, source_summary, translation_columns,
     source_columns, (duration, language, summary, delimiter), language_delimiters,
     speaker_names, srt_overrides) = payload
    words = _words(columns)
    for index, raw, row in origins:
        words[index].origin = (raw, Word(*row))
    translations = {code: _segments(cols) for code, cols in translation_columns.items()}
    sources: dict[str, list[tuple[int, TranslationSegment]]] = {}
    for code, (positions, cols) in source_columns.items():
        # As read, the sources are the translations' own segments: share them, as reading does.
        same = translation_columns.get(code) == cols
        segments = translations[code] if same else _segments(cols)
        sources[code] = list(zip(positions, segments, strict=True))
    if not all(isinstance(value, dict) for value in (rest, language_delimiters, speaker_names,
                                                    srt_overrides)):
        raise TypeError("not a cache this version wrote")
    return ParsedDocument(
        words=words,
        duration=float(duration),
        language=language,
        translations=translations,
        summary=summary,
        word_delimiter=delimiter,
        language_delimiters=language_delimiters,
        speaker_names=speaker_names,
        srt_overrides=srt_overrides,
        source=SourceDocument(
            key_order=list(key_order),
            rest=rest,
            unknown=[(position, raw) for position, raw in unknown],
            translation_sources=sources,
            summary=source_summary,
        ),
    )


_word_row: Any = attrgetter(*WORD_FIELDS)  # a Word's fields as one tuple, in C


def _word_columns(words: Sequence[Word]) -> tuple[tuple[Any, ...], ...]:
    if not words:
        return tuple(() for _ in WORD_FIELDS)
    return tuple(zip(*map(_word_row, words), strict=True))


def _words(columns: Sequence[Sequence[Any]]) -> list[Word]:
    if len(columns) != len(WORD_FIELDS) or len({len(column) for column in columns}) > 1:
        raise ValueError("not a cache this version wrote")
    return list(map(Word, *columns))


def _segment_columns(segments: Sequence[TranslationSegment]) -> tuple[list[Any], ...]:
    return tuple([getattr(s, name) for s in segments] for name in _SEGMENT_FIELDS)


def _segments(columns: Sequence[Sequence[Any]]) -> list[TranslationSegment]:
    if len(columns) != len(_SEGMENT_FIELDS) or len({len(column) for column in columns}) > 1:
        raise ValueError("not a cache this version wrote")
    return list(map(TranslationSegment, *columns))

