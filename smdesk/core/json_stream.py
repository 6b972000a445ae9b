"""Decoding a json-v2 document with its ``results`` handed over one by one as they are read.

``json.loads`` of a 3-hour transcript holds the GIL for its whole call (about 0.1 s in which the
window cannot repaint, although the parse runs on the history thread) and builds ~100,000
containers that all live until the end of the document. Here the top-level object is walked in
Python while json's own C scanner decodes every value, so the GIL can change hands between two
results, and each result can become a Word and be freed at once.

For a document it accepts the values are the ones ``json.loads`` gives. Anything else (not an
object, a repeated key, malformed text) returns None: the caller then uses ``json.loads``, which
also words the error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

RESULTS_KEY = "results"
_WHITESPACE = re.compile(r"[ \t\n\r]*")  # what JSON allows between tokens
_SPACE = frozenset(" \t\n\r")
# json's own C scanners with json.loads' default options (untyped in typeshed).
_scan_value: Callable[[str, int], tuple[Any, int]] = (
    json.JSONDecoder().scan_once  # type: ignore[attr-defined]
)
_scan_string: Callable[[str, int], tuple[str, int]] = (
    json.decoder.scanstring  # type: ignore[attr-defined]
)


def _skip(text: str, index: int) -> int:
    """The index of the first non-whitespace character at or after ``index``."""
    if text[index : index + 1] not in _SPACE:  # the usual case, without a regex call
        return index
    match = _WHITESPACE.match(text, index)
    return index if match is None else match.end()


def decode_streaming_results(text: str, take: Callable[[Any], None]) -> dict[str, Any] | None:
    """The top-level JSON object of ``text``; each element of its ``results`` array goes to
    ``take`` instead (``results`` is then an empty list in the returned dict, in its place).

    None when ``text`` is not a well-formed JSON object without repeated keys; ``take`` may have
    been called for some results by then, so the caller must start again from scratch.
    """
    try:
        return _decode_object(text, take)
    except (StopIteration, ValueError):  # StopIteration: no JSON value where one must be
        return None


def _decode_object(text: str, take: Callable[[Any], None]) -> dict[str, Any] | None:
    index = _skip(text, 0)
    if text[index : index + 1] != "{":
        return None
    data: dict[str, Any] = {}
    index = _skip(text, index + 1)
    if text[index : index + 1] == "}":
        index += 1
    else:
        while True:
            if text[index : index + 1] != '"':
                return None
            key, index = _scan_string(text, index + 1)
            if key in data:
                return None  # json.loads keeps the last one; not worth doing here
            index = _skip(text, index)
            if text[index : index + 1] != ":":
                return None
            index = _skip(text, index + 1)
            if key == RESULTS_KEY and text[index : index + 1] == "[":
                data[key] = []
                index = _stream_array(text, index + 1, take)
            else:
                data[key], index = _scan_value(text, index)
            index = _skip(text, index)
            separator = text[index : index + 1]
            index += 1
            if separator == "}":
                break
            if separator != ",":
                return None
            index = _skip(text, index)
    if _skip(text, index) != len(text):
        return None  # text after the object
    return data


def _stream_array(text: str, index: int, take: Callable[[Any], None]) -> int:
    """Pass each element of the array whose "[" is just before ``index``; the index after "]"."""
    index = _skip(text, index)
    if text[index : index + 1] == "]":
        return index + 1
    scan, space = _scan_value, _SPACE
    while True:
        value, index = scan(text, index)
        take(value)
        separator = text[index : index + 1]
        if separator in space:
            index = _skip(text, index)
            separator = text[index : index + 1]
        if separator == "]":
            return index + 1
        if separator != ",":
            raise ValueError("Expected , or ] in the results array.")
        index += 1
        if text[index : index + 1] == " ":  # json.dumps writes ", "
            index += 1
        if text[index : index + 1] in space:
            index = _skip(text, index)
