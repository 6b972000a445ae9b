"""The json-v2 document as JSON text, fast enough to autosave 3 hours of speech every second.

Each Word's result is rendered to text once and kept on the Word (Words are replaced, never
changed, by edits), so a save after a keystroke joins ~30,000 cached strings instead of building
and encoding ~30,000 dicts. :class:`DocumentSnapshot` freezes what the writer needs in a few
pointer copies, so the text can be built on another thread while the user keeps typing.
"""

from __future__ import annotations

import json
import json.encoder
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from smdesk.core.transcript_doc import SourceDocument, build_document, render_result
from smdesk.core.words import TranslationSegment, Word


def _one_result_encoder() -> Callable[[Any], str]:
    """``json.dumps`` with its default options, for many small dicts: json's C encoder made
    once, not per call (a third quicker over 30,000 results: the first save of a transcript,
    its JSON export). The same text as ``json.dumps`` (tested); ``json.dumps`` itself where the
    C encoder is missing. No circular-reference check: results are JSON data from a parse."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return json.dumps
    chunks = make(None, json.JSONEncoder().default, json.encoder.encode_basestring_ascii,
                  None, ": ", ", ", False, False, True)
    return lambda value: "".join(chunks(value, 0))


encode_result = _one_result_encoder()


def result_text(word: Word) -> str:
    """The Word's json-v2 result as JSON text (cached on the Word)."""
    text = word._json
    if text is None:
        text = encode_result(render_result(word))
        word._json = text
    return text


JOIN_CHUNK = 1000  # results joined at a time (see _results_pieces)


def _results_pieces(words: Sequence[Word], unknown: Sequence[tuple[int, Any]]) -> list[str]:
    """The ``results`` array in pieces, token results with the non-token ones in their places:
    ``[``, the results joined a thousand at a time with ", " between, ``]``: one join of
    30,000 strings holds the GIL for its whole run, and this runs on the history thread while
    the user types; between pieces the Qt thread can take it."""
    parts = [word._json or result_text(word) for word in words]
    # Insert from the back so earlier positions stay valid; equal positions keep their order.
    for position, raw in reversed(unknown):
        parts.insert(min(position, len(parts)), json.dumps(raw))
    pieces = ["["]
    for k in range(0, len(parts), JOIN_CHUNK):
        if k:
            pieces.append(", ")
        pieces.append(", ".join(parts[k : k + JOIN_CHUNK]))
    pieces.append("]")
    return pieces


@dataclass(frozen=True, slots=True)
class DocumentSnapshot:
    """A transcript's content at one moment; safe to write from another thread."""

    words: Sequence[Word]
    translations: Mapping[str, Sequence[TranslationSegment]]
    summary: str | None
    speaker_names: dict[str, str]
    word_delimiter: str
    language_delimiters: Mapping[str, str]
    language: str | None
    duration: float
    source: SourceDocument | None = field(repr=False)

    def to_json_text(self) -> str:
        """The same document as ``Transcript.to_json_v2`` (as JSON text; json.loads it back)."""
        placeholder = f"smdesk-results-{uuid.uuid4().hex}"
        doc = build_document(self, self.source, results=placeholder, private=False)
        head, _, tail = json.dumps(doc).partition(json.dumps(placeholder))
        unknown = self.source.unknown if self.source is not None else []
        # One copy of the 6 MB text, not the four that "+" and str.replace made.
        return "".join([head, *_results_pieces(self.words, unknown), tail])


def snapshot_source(source: SourceDocument | None) -> SourceDocument | None:
    """The source with its one list edits replace (``unknown``) pinned: ``rest`` is read-only."""
    return None if source is None else replace(source, unknown=list(source.unknown))
