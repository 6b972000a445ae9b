"""What reading a snapshot's JSON text back would give, without parsing the text.

Autosave writes an edited transcript as json-v2 text; keeping its parsed form
(:mod:`smdesk.core.word_cache`) for the next open must not cost a parse of that text every
time. Almost every Word would read back as itself: a result :func:`~smdesk.core.jsonv2.plain_word`
accepts, made by :func:`~smdesk.core.jsonv2.render_plain` from exactly these values. Those are
taken as they are (shared: Words are never changed); the others (entities, odd results, values
that would not survive the trip) are read back from their own JSON, as the reader would. When
that is not enough to be sure (results that are not words; a Word that reads back as something
else), the answer is None and the text is parsed on the next open instead.
"""

from __future__ import annotations

import json
import math

from smdesk.core.json_text import DocumentSnapshot, result_text
from smdesk.core.transcript_doc import build_document
from smdesk.core.transcript_read import ParsedDocument, read_around, read_result
from smdesk.core.word_cache import WORD_FIELDS
from smdesk.core.words import PUNCTUATION, UNKNOWN_SPEAKER, WORD, Word

# Everything but the marks (checked, paragraph_break): reading sets those from the document.
_WITHOUT_MARKS = len(WORD_FIELDS) - 2
assert WORD_FIELDS[_WITHOUT_MARKS:] == ("checked", "paragraph_break")


def read_snapshot(snapshot: DocumentSnapshot) -> ParsedDocument | None:
    """The ParsedDocument of ``read_json_text(snapshot.to_json_text())``; None when unsure."""
    source = snapshot.source
    if source is not None and source.unknown:
        return None  # where non-token results land among the Words: left to the reader
    words: list[Word] = []
    for word in snapshot.words:
        if word.origin is None and _reads_back_as_itself(word):
            words.append(word)
            continue
        again = _read_back(word)
        if again is None:
            return None
        words.append(again)
    # The document around the results as the text has it (JSON values, key order), read by
    # the reader itself; the Words carry their marks already, and they read back as they are,
    # so the breaks computed at writing and at reading agree.
    around = json.loads(json.dumps(build_document(snapshot, source, results=[])))
    return read_around(around, words)


def _read_back(word: Word) -> Word | None:
    """The Word the reader makes of ``word``'s result, if it has this Word's values."""
    again = read_result(json.loads(result_text(word)))
    if again is None or _row(again)[:_WITHOUT_MARKS] != _row(word)[:_WITHOUT_MARKS]:
        return None
    again.checked, again.paragraph_break = word.checked, word.paragraph_break  # its own copy
    return again


def _row(word: Word) -> tuple[object, ...]:
    return tuple(getattr(word, name) for name in WORD_FIELDS)


def _finite_float(value: object) -> bool:
    return type(value) is float and math.isfinite(value)


def _optional_text(value: object) -> bool:
    return value is None or (type(value) is str and bool(value))


def _reads_back_as_itself(word: Word) -> bool:
    """Whether ``plain_word(render_plain(word))`` gives this Word, with the same types."""
    kind, channel, speaker = word.kind, word.channel, word.speaker
    if kind == WORD:
        shape = word.attaches_to is None and word.is_eos is False
    elif kind == PUNCTUATION:
        shape = type(word.attaches_to) is str and type(word.is_eos) is bool
    else:
        return False
    return (
        shape
        and type(kind) is str
        and type(word.text) is str
        and bool(word.text.strip())
        and _finite_float(word.start)
        and _finite_float(word.end)
        and word.start <= word.end
        and (word.confidence is None or _finite_float(word.confidence))
        and _optional_text(word.language)
        and _optional_text(channel)
        and type(speaker) is str
        and bool(speaker)
        # Channel-diarized words are written as "UU" and read back as their channel.
        and (channel is None or speaker == channel or speaker != UNKNOWN_SPEAKER)
        and channel != UNKNOWN_SPEAKER
        and type(word.checked) is bool
        and type(word.paragraph_break) is bool
    )
