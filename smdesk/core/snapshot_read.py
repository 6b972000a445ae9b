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
_INF = math.inf
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
    around = json.loads(json.dumps(build_document(snapshot, source, results=[], private=False)))
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


def _reads_back_as_itself(word: Word) -> bool:
    """Whether ``plain_word(render_plain(word))`` gives this Word, with the same types (the
    checks of that reader, inlined: this runs for every word of every autosave it keeps)."""
    kind, start, end, confidence = word.kind, word.start, word.end, word.confidence
    if kind == WORD:
        if word.attaches_to is not None or word.is_eos is not False:
            return False
    elif kind != PUNCTUATION or type(word.attaches_to) is not str or type(word.is_eos) is not bool:
        return False
    if (
        type(kind) is not str
        or type(start) is not float
        or type(end) is not float
        or not -_INF < start <= end < _INF
        or (confidence is not None and (type(confidence) is not float
                                        or not -_INF < confidence < _INF))
        or type(word.checked) is not bool
        or type(word.paragraph_break) is not bool
    ):
        return False
    text, speaker, channel, language = word.text, word.speaker, word.channel, word.language
    if type(text) is not str or not text.strip() or type(speaker) is not str or not speaker:
        return False
    if language is not None and (type(language) is not str or not language):
        return False
    if channel is None:
        return True
    # Channel-diarized words are written as "UU" and read back as their channel.
    return (type(channel) is str and bool(channel) and channel != UNKNOWN_SPEAKER
            and (speaker == channel or speaker != UNKNOWN_SPEAKER))
