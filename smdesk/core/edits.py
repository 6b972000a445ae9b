"""Reversible edits of a Transcript: the only way to change one.

API (pure, no Qt; every function raises :class:`EditError` for an edit the user cannot make and
``IndexError`` for an index outside the transcript, which is a bug in the caller)::

    applied = replace_text(t, first, last, "typed text")  # words[first..last] become the text
    applied.change      # Change(first_word, last_word, turns_changed, word_delta, names_changed)
    applied.inverse     # an Edit: apply(t, applied.inverse) undoes it and returns the redo
    apply(t, applied.edit)  # re-does it (after an undo)

    replace_texts(t, [(first, last, text), ...])     # "Replace all": one undo step
    delete_words(t, first, last)      insert_words(t, at, [Word, ...])
    check_word(t, index, checked=True)                 # "accept": no longer uncertain
    split_paragraph(t, at)            join_paragraphs(t, paragraph_index)  # with the next one
    rename_speaker(t, speaker, name)  merge_speakers(t, source, into)
    retime_word(t, index, start, end)
    restore(t, original)              # "Revert to original": t becomes a copy of original
    give_to_speaker(t, first, last, speaker, name=None)  # speaker=None: a new speaker

Each returns an :class:`Applied` ``(edit, inverse, change)``; ``Edit`` values are immutable data,
so an undo stack can keep them. An empty edit (nothing changes) still returns an Applied whose
``change`` is None. :class:`Change` tells a view what to re-render: the words
``first_word..last_word`` (inclusive, indexes after the edit; ``last_word < first_word`` when
words were only removed) changed, words after them moved by ``word_delta``, ``turns_changed``
means paragraph boundaries or speakers may differ, ``names_changed`` that a speaker name did.

Typed text keeps what it can: a token diff against the old words keeps unchanged words (same
times, confidence, original json-v2 result); changed or new words get times interpolated inside
the edited span and count as checked.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from smdesk.core.edit_text import retype
from smdesk.core.transcript import Transcript
from smdesk.core.turns import same_layout
from smdesk.core.words import PUNCTUATION, TranslationSegment, Word

__all__ = [
    "Applied",
    "Change",
    "Edit",
    "EditError",
    "Group",
    "Rename",
    "SetTranslations",
    "Splice",
    "apply",
    "check_word",
    "delete_words",
    "give_to_speaker",
    "insert_words",
    "join_paragraphs",
    "merge_speakers",
    "rename_speaker",
    "replace_text",
    "replace_texts",
    "restore",
    "retime_word",
    "split_paragraph",
]


class EditError(ValueError):
    """An edit the user asked for that cannot be made; the message is one sentence for them."""


@dataclass(frozen=True, slots=True)
class Change:
    """What an edit touched, for incremental re-rendering (see the module docstring)."""

    first_word: int
    last_word: int
    turns_changed: bool
    word_delta: int = 0
    names_changed: bool = False


@dataclass(frozen=True, slots=True)
class Splice:
    """``words[first:first+removed]`` become ``words``; ``unknown`` restores non-token results."""

    first: int
    removed: int
    words: tuple[Word, ...]
    unknown: tuple[tuple[int, Any], ...] | None = None


@dataclass(frozen=True, slots=True)
class Rename:
    speaker: str
    name: str  # "" restores the default name


@dataclass(frozen=True, slots=True)
class SetTranslations:
    translations: tuple[tuple[str, tuple[TranslationSegment, ...]], ...]


@dataclass(frozen=True, slots=True)
class Group:
    """Several edits done in order and undone in reverse (one undo step)."""

    edits: tuple[Edit, ...]


Edit = Splice | Rename | SetTranslations | Group


@dataclass(frozen=True, slots=True)
class Applied:
    edit: Edit
    inverse: Edit
    change: Change | None


# -- applying --------------------------------------------------------------------------------------


def apply(t: Transcript, edit: Edit) -> Applied:
    """Do ``edit`` on ``t``; the result's inverse undoes it exactly (json-v2 included).

    Raises:
        IndexError: the edit does not fit this transcript (it was made for another state).
    """
    if isinstance(edit, Splice):
        return _apply_splice(t, edit)
    if isinstance(edit, Rename):
        old = t._set_name(edit.speaker, edit.name)
        change = Change(0, len(t.words) - 1, turns_changed=False, names_changed=True)
        return Applied(edit, Rename(edit.speaker, old), change)
    if isinstance(edit, SetTranslations):
        previous = t._set_translations({code: list(items) for code, items in edit.translations})
        return Applied(edit, _translations_edit(previous), None)
    return _apply_group(t, edit)


def _apply_splice(t: Transcript, edit: Splice) -> Applied:
    before = t._unknown_positions()
    old = t._splice(edit.first, edit.removed, list(edit.words))
    if edit.unknown is not None:
        t._restore_unknown_positions(list(edit.unknown))
    inverse = Splice(
        edit.first, len(edit.words), tuple(old), None if before is None else tuple(before)
    )
    added = len(edit.words)
    turns = not same_layout(old, edit.words)  # False: only the text of these words changed
    change = Change(edit.first, edit.first + added - 1, turns, added - edit.removed)
    return Applied(edit, inverse, change)


def _apply_group(t: Transcript, group: Group) -> Applied:
    inverses: list[Edit] = []
    change: Change | None = None
    for edit in group.edits:
        applied = apply(t, edit)
        inverses.append(applied.inverse)
        change = _combine(change, applied.change, len(t.words))
    return Applied(group, Group(tuple(reversed(inverses))), change)


def _combine(earlier: Change | None, later: Change | None, count: int) -> Change | None:
    """A conservative union of two successive changes (in the coordinates after both)."""
    if earlier is None or later is None:
        return later or earlier
    earlier_last = earlier.last_word
    if earlier_last >= later.first_word:
        earlier_last += later.word_delta
    first = min(earlier.first_word, later.first_word)
    last = min(max(earlier_last, later.last_word, first - 1), count - 1)
    return Change(
        first,
        last,
        earlier.turns_changed or later.turns_changed,
        earlier.word_delta + later.word_delta,
        earlier.names_changed or later.names_changed,
    )


def _nothing(t: Transcript) -> Applied:
    empty = Group(())
    return Applied(empty, empty, None)


def _translations_edit(translations: Mapping[str, Sequence[TranslationSegment]]) -> SetTranslations:
    return SetTranslations(tuple((code, tuple(items)) for code, items in translations.items()))


def _check_range(t: Transcript, first: int, last: int) -> None:
    if not 0 <= first <= last < len(t.words):
        raise IndexError(f"Word range {first}..{last} is outside 0..{len(t.words) - 1}.")


def _respliced(t: Transcript, first: int, last: int, words: Iterable[Word]) -> Applied:
    """Replace ``words[first..last]`` by ``words`` (which may be copies of them)."""
    new = tuple(words)
    if list(new) == t.words[first : last + 1]:
        return _nothing(t)
    return apply(t, Splice(first, last - first + 1, new))


# -- words ---------------------------------------------------------------------------------------


def replace_text(t: Transcript, first: int, last: int, text: str) -> Applied:
    """Make ``words[first..last]`` read ``text`` (typed by the user), keeping what did not change.

    Empty ``text`` deletes the words. A paragraph break on the first word stays on the first new
    one.

    Raises:
        IndexError: the range is outside the transcript.
    """
    _check_range(t, first, last)
    old = t.words[first : last + 1]
    new = retype(t, first, last, text)
    if len(new) == len(old) and all(a is b for a, b in zip(new, old, strict=True)):
        return _nothing(t)
    for position, word in enumerate(new):  # the span's paragraph break stays at its start
        wanted = (
            old[0].paragraph_break
            if position == 0
            else (word.paragraph_break and word is not old[0])
        )
        if word.paragraph_break != wanted:
            new[position] = replace(word, paragraph_break=wanted)
    return _respliced(t, first, last, new)


def replace_texts(t: Transcript, spans: Sequence[tuple[int, int, str]]) -> Applied:
    """Several :func:`replace_text` at once, one undo step ("Replace all").

    ``spans`` are ``(first, last, text)`` on the current words, not overlapping; they are applied
    from the last to the first, so the indexes given stay right.

    Raises:
        EditError: two spans overlap.
        IndexError: a span is outside the transcript.
    """
    ordered = sorted(spans, key=lambda span: span[0])
    for (_, last, _), (first, _, _) in itertools.pairwise(ordered):
        if first <= last:
            raise EditError("The replacements overlap; replace them one at a time.")
    for first, last, _ in ordered:
        _check_range(t, first, last)
    done: list[Applied] = []
    for first, last, text in reversed(ordered):
        applied = replace_text(t, first, last, text)
        if applied.change is not None:
            done.append(applied)
    if not done:
        return _nothing(t)
    change: Change | None = None
    for applied in done:
        change = _combine(change, applied.change, len(t.words))
    edit = Group(tuple(applied.edit for applied in done))
    inverse = Group(tuple(applied.inverse for applied in reversed(done)))
    return Applied(edit, inverse, change)


def delete_words(t: Transcript, first: int, last: int) -> Applied:
    """Remove ``words[first..last]`` (fillers, false starts); they leave the json-v2 too.

    Raises:
        IndexError: the range is outside the transcript.
    """
    _check_range(t, first, last)
    return _respliced(t, first, last, ())


def insert_words(t: Transcript, at: int, words: Sequence[Word]) -> Applied:
    """Insert ``words`` before index ``at`` (``len(t.words)`` appends).

    Raises:
        EditError: a word is empty or its times are not 0 <= start <= end.
        IndexError: ``at`` is outside 0..len(words).
    """
    if not 0 <= at <= len(t.words):
        raise IndexError(f"Cannot insert at {at}: the transcript has {len(t.words)} words.")
    for word in words:
        if not word.text.strip():
            raise EditError("A word cannot be empty; type the word to insert.")
        if not 0 <= word.start <= word.end:
            raise EditError(f"The word {word.text!r} must not end before it starts.")
    return apply(t, Splice(at, 0, tuple(words)))


def check_word(t: Transcript, index: int, checked: bool = True) -> Applied:
    """Mark a word as checked by a person (accepted), or unchecked again.

    Raises:
        IndexError: ``index`` is outside the transcript.
    """
    _check_range(t, index, index)
    word = t.words[index]
    if word.checked == checked:
        return _nothing(t)
    return _respliced(t, index, index, [replace(word, checked=checked)])


# -- paragraphs ----------------------------------------------------------------------------------


def split_paragraph(t: Transcript, at: int) -> Applied:
    """Start a new paragraph (same speaker) at word ``at`` ("Enter" at the cursor).

    Raises:
        EditError: ``at`` already starts a paragraph or is a punctuation mark.
        IndexError: ``at`` is outside the transcript.
    """
    _check_range(t, at, at)
    word = t.words[at]
    if word.kind == PUNCTUATION:
        raise EditError("Put the cursor before a word to split the paragraph there.")
    if any(p.first == at for p in t.paragraphs()):
        raise EditError("A paragraph already starts here.")
    return _respliced(t, at, at, [replace(word, paragraph_break=True)])


def join_paragraphs(t: Transcript, paragraph: int) -> Applied:
    """Join paragraph ``paragraph`` with the next one; the next one takes this one's speaker.

    Raises:
        EditError: ``paragraph`` is the last paragraph.
        IndexError: there is no such paragraph.
    """
    paragraphs = t.paragraphs()
    if not 0 <= paragraph < len(paragraphs):
        raise IndexError(f"There is no paragraph {paragraph} (0..{len(paragraphs) - 1}).")
    if paragraph == len(paragraphs) - 1:
        raise EditError("This is the last paragraph: there is nothing after it to join.")
    this, following = paragraphs[paragraph], paragraphs[paragraph + 1]
    words = t.words[following.first : following.last + 1]
    joined = [replace(w, speaker=this.speaker, paragraph_break=False) for w in words]
    return _respliced(t, following.first, following.last, joined)


# -- speakers ------------------------------------------------------------------------------------


def rename_speaker(t: Transcript, speaker: str, name: str) -> Applied:
    """Name ``speaker`` everywhere; an empty name restores the default ("Speaker 2").

    Raises:
        EditError: there is no such speaker, or the name is longer than 100 characters.
    """
    if speaker not in t.speakers():
        raise EditError(f"There is no speaker {speaker!r} in this transcript to rename.")
    name = " ".join(name.split())
    if len(name) > 100:
        raise EditError("A speaker name can have at most 100 characters; shorten it.")
    if name == t.speaker_names.get(speaker, ""):
        return _nothing(t)
    return apply(t, Rename(speaker, name))


def merge_speakers(t: Transcript, source: str, into: str) -> Applied:
    """Give every word (and translation) of ``source`` to ``into``: "they are the same person".

    Raises:
        EditError: ``source`` is not in the transcript or ``into`` is empty.
    """
    if source not in t.speakers():
        raise EditError(f"There is no speaker {source!r} in this transcript to merge.")
    if not into:
        raise EditError("Choose the speaker to merge into.")
    if source == into:
        return _nothing(t)
    indexes = [i for i, word in enumerate(t.words) if word.speaker == source]
    first, last = indexes[0], indexes[-1]
    words = [
        replace(w, speaker=into) if w.speaker == source else w for w in t.words[first : last + 1]
    ]
    translations = {
        code: [replace(s, speaker=into) if s.speaker == source else s for s in items]
        for code, items in t.translations.items()
    }
    edits: list[Edit] = [Splice(first, last - first + 1, tuple(words))]
    if translations != t.translations:
        edits.append(_translations_edit(translations))
    if source in t.speaker_names:
        edits.append(Rename(source, ""))
    return apply(t, Group(tuple(edits)))


def give_to_speaker(
    t: Transcript, first: int, last: int, speaker: str | None, name: str | None = None
) -> Applied:
    """Give ``words[first..last]`` (a turn or a selection) to ``speaker``, or to a new speaker.

    ``name`` names that speaker in the same step (for "new speaker: Ada").

    Raises:
        EditError: ``speaker`` is an empty string.
        IndexError: the range is outside the transcript.
    """
    _check_range(t, first, last)
    if speaker is None:
        speaker = t.new_speaker_id()
    if not speaker:
        raise EditError("Choose the speaker to give these words to.")
    words = [replace(w, speaker=speaker) for w in t.words[first : last + 1]]
    edits: list[Edit] = []
    if words != t.words[first : last + 1]:
        edits.append(Splice(first, last - first + 1, tuple(words)))
    if name is not None and " ".join(name.split()) != t.speaker_names.get(speaker, ""):
        edits.append(Rename(speaker, name))
    return apply(t, Group(tuple(edits))) if edits else _nothing(t)


def retime_word(t: Transcript, index: int, start: float, end: float) -> Applied:
    """Move one token in time (a manual alignment fix).

    Raises:
        EditError: the times are not 0 <= start <= end.
        IndexError: ``index`` is outside the transcript.
    """
    _check_range(t, index, index)
    if not 0 <= start <= end:
        raise EditError(f"A word's times must satisfy 0 <= start <= end (got {start}, {end}).")
    return _respliced(t, index, index, [replace(t.words[index], start=start, end=end)])


def restore(t: Transcript, original: Transcript) -> Applied:
    """Make ``t`` read like ``original`` (the server's copy of the same job), as one edit.

    ``original`` must be a transcript of the same json-v2 document, freshly parsed; its Words are
    taken over, so do not use it afterwards.
    """
    edits: list[Edit] = []
    if original.words != t.words:
        unknown = original._unknown_positions()
        splice = Splice(0, len(t.words), tuple(original.words))
        edits.append(replace(splice, unknown=None if unknown is None else tuple(unknown)))
    if original.translations != t.translations:
        edits.append(_translations_edit(original.translations))
    names = original.speaker_names
    for speaker in sorted(set(names) | set(t.speaker_names)):
        if names.get(speaker, "") != t.speaker_names.get(speaker, ""):
            edits.append(Rename(speaker, names.get(speaker, "")))
    return apply(t, Group(tuple(edits))) if edits else _nothing(t)
