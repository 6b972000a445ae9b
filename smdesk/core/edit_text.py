"""Typed text → Words: a token diff that keeps the words that did not change.

Used by :func:`smdesk.core.edits.replace_text`. Unchanged tokens stay the very same Word objects
(times, confidence, original json-v2 result); a token replaced one-for-one keeps its times;
other new tokens share the time between their unchanged neighbours in proportion to their
length. Every new or changed token is marked checked (a person typed it).
"""

from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher

from smdesk.core.transcript import Transcript
from smdesk.core.words import PUNCTUATION, WORD, Word

_CLOSING = frozenset(".,!?;:…”’)]»")  # glued to the word before
_OPENING = frozenset("“‘([«¿¡")  # glued to the word after
_SENTENCE_END = frozenset(".!?…")


def tokenize(text: str, known: frozenset[str], delimiter: str = " ") -> list[str]:
    """Split typed text into tokens the way the recogniser does ("Hi," → "Hi", ",").

    A chunk equal to a token already in the span (``known``: "U.S.", "$2.05") stays whole.
    """
    if not delimiter:
        return _tokenize_unspaced(text, known)
    tokens: list[str] = []
    for chunk in text.split():
        if chunk in known:
            tokens.append(chunk)
            continue
        opening: list[str] = []
        while len(chunk) > 1 and chunk[0] in _OPENING:
            opening.append(chunk[0])
            chunk = chunk[1:]
        closing: list[str] = []
        while len(chunk) > 1 and chunk[-1] in _CLOSING and chunk not in known:
            closing.insert(0, chunk[-1])
            chunk = chunk[:-1]
        tokens.extend([*opening, chunk, *closing])
    return tokens


def _tokenize_unspaced(text: str, known: frozenset[str]) -> list[str]:
    """Japanese, Mandarin: known tokens where they match, the rest as runs between them."""
    text = "".join(text.split())
    tokens: list[str] = []
    run = ""
    position = 0
    by_length = sorted(known, key=len, reverse=True)
    while position < len(text):
        match = next((k for k in by_length if k and text.startswith(k, position)), None)
        if match is None:
            run += text[position]
            position += 1
            continue
        if run:
            tokens.append(run)
            run = ""
        tokens.append(match)
        position += len(match)
    if run:
        tokens.append(run)
    return tokens


def retype(t: Transcript, first: int, last: int, text: str) -> list[Word]:
    """The Words that ``words[first..last]`` become when the user types ``text`` over them."""
    old = t.words[first : last + 1]
    tokens = tokenize(text, frozenset(w.text for w in old), t.word_delimiter)
    new: list[Word | None] = [None] * len(tokens)
    matcher = SequenceMatcher(None, [w.text for w in old], tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            new[j1:j2] = old[i1:i2]
        elif tag == "replace" and i2 - i1 == j2 - j1:
            pairs = zip(old[i1:i2], tokens[j1:j2], strict=True)
            new[j1:j2] = [_retyped(word, token) for word, token in pairs]
    template = old[0]
    words: list[Word] = []
    index = 0
    while index < len(tokens):
        if new[index] is not None:
            word = new[index]
            assert word is not None
            words.append(word)
            index += 1
            continue
        gap_end = index
        while gap_end < len(tokens) and new[gap_end] is None:
            gap_end += 1
        start = words[-1].end if words else old[0].start
        following = next((w for w in new[gap_end:] if w is not None), None)
        end = following.start if following is not None else max(w.end for w in old)
        model = words[-1] if words else template
        words.extend(_interpolated(tokens[index:gap_end], start, max(start, end), model))
        index = gap_end
    return words


def _kind(token: str) -> tuple[str, str | None, bool]:
    """(kind, attaches_to, is_eos) for a typed token."""
    if len(token) == 1 and token in _CLOSING:
        return PUNCTUATION, "previous", token in _SENTENCE_END
    if len(token) == 1 and token in _OPENING:
        return PUNCTUATION, "next", False
    return WORD, None, False


def _retyped(word: Word, token: str) -> Word:
    kind, attaches_to, is_eos = _kind(token)
    if (kind == PUNCTUATION) == (word.kind == PUNCTUATION):  # an entity stays an entity
        return replace(word, text=token, checked=True)
    return replace(
        word, text=token, kind=kind, attaches_to=attaches_to, is_eos=is_eos, checked=True
    )


def _interpolated(tokens: list[str], start: float, end: float, model: Word) -> list[Word]:
    """New Words for ``tokens`` sharing start..end by length (punctuation takes no time)."""
    weights = [0 if _kind(token)[0] == PUNCTUATION else len(token) for token in tokens]
    total = sum(weights) or 1
    words: list[Word] = []
    position = start
    for token, weight in zip(tokens, weights, strict=True):
        kind, attaches_to, is_eos = _kind(token)
        step = (end - start) * weight / total
        words.append(
            Word(
                text=token,
                start=round(position, 3),
                end=round(position + step, 3),
                kind=kind,
                speaker=model.speaker,
                channel=model.channel,
                attaches_to=attaches_to,
                is_eos=is_eos,
                language=model.language,
                checked=True,
            )
        )
        position += step
    return words
