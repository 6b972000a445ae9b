"""Joining tokens into text the way Speechmatics does, with a character span per token.

Rules (json-v2 ``attaches_to``): ``previous`` glues a token to the one before it, ``next`` to the
one after it, ``both`` to both sides, ``none`` stands alone. Punctuation without ``attaches_to``
glues to the previous token, which is what almost every mark does. Between other tokens the
language pack's ``word_delimiter`` is inserted: " " for most languages, "" for Japanese and
Mandarin.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from smdesk.core.words import PUNCTUATION, Word

# (word_index, start_char, end_char): end exclusive, offsets in Python characters (code points).
Span = tuple[int, int, int]

_GLUE_PREVIOUS = frozenset({"previous", "both"})
_GLUE_NEXT = frozenset({"next", "both"})

# Languages written without spaces between words; used only when the transcript does not say.
_NO_DELIMITER_LANGUAGES = frozenset({"ja", "cmn"})


def default_word_delimiter(language: str | None) -> str:
    """The delimiter to use when ``metadata.language_pack_info.word_delimiter`` is missing."""
    return "" if language in _NO_DELIMITER_LANGUAGES else " "


def attachment(word: Word) -> str:
    """The effective ``attaches_to`` of a token ("none" for ordinary words)."""
    if word.attaches_to is not None:
        return word.attaches_to
    return "previous" if word.kind == PUNCTUATION else "none"


def join_words(
    words: Sequence[Word],
    first: int = 0,
    last: int | None = None,
    *,
    delimiter: str = " ",
    language_delimiters: Mapping[str, str] | None = None,
) -> tuple[str, list[Span]]:
    """Join ``words[first..last]`` (inclusive) into text, with one span per token.

    ``language_delimiters`` (multilingual packs) picks the delimiter before a token by that token's
    language, falling back to ``delimiter``.
    """
    if last is None:
        last = len(words) - 1
    parts: list[str] = []
    spans: list[Span] = []
    position = 0
    previous_glues_next = True  # nothing goes before the first token
    for index in range(first, last + 1):
        word = words[index]
        attach = attachment(word)
        if not previous_glues_next and attach not in _GLUE_PREVIOUS:
            separator = delimiter
            if language_delimiters and word.language is not None:
                separator = language_delimiters.get(word.language, delimiter)
            if separator:
                parts.append(separator)
                position += len(separator)
        text = word.text
        parts.append(text)
        spans.append((index, position, position + len(text)))
        position += len(text)
        previous_glues_next = attach in _GLUE_NEXT
    return "".join(parts), spans


def join_text(words: Sequence[Word], *, delimiter: str = " ") -> str:
    """Just the text of :func:`join_words` over the whole sequence."""
    return join_words(words, delimiter=delimiter)[0]


def glued_groups(words: Sequence[Word], first: int, last: int) -> list[tuple[int, int]]:
    """Split ``words[first..last]`` into runs that are written without a delimiter between them.

    "for", "-" (both), "sure" form one run; "Hello" "," one run. Line wrapping breaks only between
    runs, never inside one.
    """
    groups: list[tuple[int, int]] = []
    group_start = first
    previous_glues_next = True
    for index in range(first, last + 1):
        attach = attachment(words[index])
        if not previous_glues_next and attach not in _GLUE_PREVIOUS:
            groups.append((group_start, index - 1))
            group_start = index
        previous_glues_next = attach in _GLUE_NEXT
    if last >= first:
        groups.append((group_start, last))
    return groups


def word_at_position(spans: Sequence[Span], position: int) -> int | None:
    """The word index whose span contains character ``position`` (a click in the text).

    A position in the gap after a word (the space) maps to that word; before the first span
    it is None. ``spans`` must be ordered, as :func:`join_words` returns them.
    """
    low, high = 0, len(spans)
    while low < high:  # last span starting at or before position
        middle = (low + high) // 2
        if spans[middle][1] <= position:
            low = middle + 1
        else:
            high = middle
    return spans[low - 1][0] if low else None


def utf16_spans(text: str, spans: Sequence[Span]) -> list[Span]:
    """Convert code-point spans to UTF-16 code-unit spans (what Qt text positions count).

    Identical when the text has no characters outside the Basic Multilingual Plane (emoji, rare
    CJK), so the common case returns a copy quickly.
    """
    if text.isascii() or all(ord(ch) < 0x10000 for ch in text):
        return list(spans)
    offsets = [0] * (len(text) + 1)
    units = 0
    for position, ch in enumerate(text):
        offsets[position] = units
        units += 2 if ord(ch) >= 0x10000 else 1
    offsets[len(text)] = units
    return [(index, offsets[start], offsets[end]) for index, start, end in spans]
