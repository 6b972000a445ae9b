"""What was changed against the original transcript, and putting one change back.

API (pure, no Qt)::

    found = compare(edited, original)       # Comparison(revision, differences)
    compare_snapshot(edited.snapshot(), edited.revision, original)  # the same, off the Qt thread
    found.differences                       # tuple[Difference, ...] in text order
    applied = revert(edited, original, [found.differences[3]])   # an edits.Applied: one undo step
    difference_at(found.differences, word_index)   # the text change holding that word, or None
    describe(difference, edited, original)  # "00:12:03 · Speaker 1 · ‘Smyth’ → ‘Smith’"
    describe_parts(difference, edited, original)  # ("00:12:03 · Speaker 1", "‘Smyth’ → …")
    same_differences(chosen, found)         # ``chosen`` (from an older comparison) now

Words are matched by ``(text, start, end)``: every edit keeps an unchanged word exactly as it was
(a json-v2 round trip keeps the times to the bit), a word typed over one-for-one keeps its times
but not its text, and new words get new times. Since edits keep the words in time order the
match is one linear walk (difflib.SequenceMatcher took ~0.3 s at 30,000 words). A Difference is
plain data; its ``original_*`` range stays valid across later edits, so :func:`same_differences`
finds a change again after more typing.

Reverting builds the words back from the original's (their times, confidences and json-v2
results) and returns the result of :func:`smdesk.core.edits.apply`, so its inverse undoes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from weakref import WeakKeyDictionary

from smdesk.core.edits import Applied, Change, Edit, Group, Rename, SetTranslations, Splice, apply
from smdesk.core.formatting import format_timestamp
from smdesk.core.json_text import DocumentSnapshot
from smdesk.core.text import join_words
from smdesk.core.transcript import Transcript
from smdesk.core.words import TranslationSegment, Word

__all__ = [
    "DELETED",
    "INSERTED",
    "JOINED",
    "MERGED",
    "RENAMED",
    "REPLACED",
    "RETIMED",
    "SPEAKER",
    "SPLIT",
    "TEXT_KINDS",
    "Comparison",
    "Difference",
    "compare",
    "compare_snapshot",
    "describe",
    "describe_parts",
    "difference_at",
    "revert",
    "same_differences",
]

REPLACED, INSERTED, DELETED, RETIMED = "replaced", "inserted", "deleted", "retimed"
SPEAKER, MERGED, SPLIT, JOINED, RENAMED = "speaker", "merged", "split", "joined", "renamed"
TEXT_KINDS = frozenset({REPLACED, INSERTED, DELETED, RETIMED})
_SHOWN_CHARACTERS = 48  # longer texts are cut with "…" in a description


@dataclass(frozen=True, slots=True)
class Difference:
    """One change against the original.

    ``first..last``: the edited words it covers (inclusive; ``last == first - 1`` for a deletion,
    whose words would go back before ``first``). ``original_first..original_last`` likewise in
    the original. ``before``/``after``: the text (text kinds), speaker ids (SPEAKER, MERGED) or
    display names (RENAMED). ``speaker``: the speaker it is shown with now. ``parts``: a MERGED
    change's speaker runs. ``speaker_map``: original → current speaker of the words around a text
    change (a merge or reassignment after it), given to the words put back. ``moved_break``: the
    span's paragraph break sits on the word after it in one of the two versions.
    """

    kind: str
    first: int
    last: int
    original_first: int
    original_last: int
    start: float
    speaker: str
    before: str
    after: str
    parts: tuple[Difference, ...] = ()
    speaker_map: tuple[tuple[str, str], ...] = ()
    moved_break: bool = False

    @property
    def key(self) -> tuple[str, int, int, str, str]:
        """What identifies this change across later edits (the original range does not move)."""
        return (self.kind, self.original_first, self.original_last, self.before, self.after)


@dataclass(frozen=True, slots=True)
class Comparison:
    revision: int  # Transcript.revision of the edited transcript when compared
    differences: tuple[Difference, ...]


# -- aligning ----------------------------------------------------------------------------------

Key = tuple[str, float, float]
_KEY = attrgetter("text", "start", "end")
_ATTRIBUTES = attrgetter("speaker", "paragraph_break")
_CHUNK = 64  # equal stretches are skipped this many words at a time (a C-level list compare)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """What comparing needs of the original, built once per original (it does not change)."""

    revision: int
    keys: list[Key]
    positions: dict[Key, int | list[int]]
    attributes: list[tuple[str, bool]]


_PREPARED: WeakKeyDictionary[Transcript, _Prepared] = WeakKeyDictionary()


def _prepared(original: Transcript) -> _Prepared:
    found = _PREPARED.get(original)
    if found is not None and found.revision == original.revision:
        return found
    keys = list(map(_KEY, original.words))
    positions: dict[Key, int | list[int]] = dict(zip(keys, range(len(keys)), strict=True))
    if len(positions) < len(keys):  # the same token at the same time twice: keep every position
        for index, key in enumerate(keys):
            position = positions[key]
            if isinstance(position, list):
                position.append(index)
            elif position != index:
                positions[key] = [index]
    found = _Prepared(original.revision, keys, positions, list(map(_ATTRIBUTES, original.words)))
    _PREPARED[original] = found
    return found


def _align(prepared: _Prepared, b: list[Key]) -> list[tuple[int, int, int, int]]:
    """Hunks ``(i1, i2, j1, j2)``: ``a[i1:i2]`` became ``b[j1:j2]``; everything between matches."""
    a, positions = prepared.keys, prepared.positions

    def at_or_after(key: Key, i: int) -> int | None:
        found = positions.get(key)
        if found is None or isinstance(found, int):
            return found if found is not None and found >= i else None
        return next((position for position in found if position >= i), None)

    hunks: list[tuple[int, int, int, int]] = []
    i = j = 0
    count_a, count_b = len(a), len(b)
    while i < count_a and j < count_b:
        if a[i : i + _CHUNK] == b[j : j + _CHUNK]:
            i += _CHUNK
            j += _CHUNK
            continue
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        resync = j
        target = None
        while resync < count_b:  # the first later word of b that is still in a
            target = at_or_after(b[resync], i)
            if target is not None:
                break
            resync += 1
        if target is None:
            break
        hunks.append((i, target, j, resync))
        i, j = target, resync
    i, j = min(i, count_a), min(j, count_b)
    if i < count_a or j < count_b:
        hunks.append((i, count_a, j, count_b))
    return hunks


# -- comparing ---------------------------------------------------------------------------------


def compare(edited: Transcript, original: Transcript) -> Comparison:
    """Every change of ``edited`` against ``original`` (the server's copy of the same job)."""
    prepared = _prepared(original)
    hunks = _align(prepared, list(map(_KEY, edited.words)))
    texts = [_text_difference(edited, original, hunk) for hunk in hunks]
    moved = {d.last + 1 for d in texts if d.moved_break}
    scan = _AttributeScan(edited, original, moved)
    scan.scan(prepared, hunks)
    found: list[Difference] = [*texts, *scan.breaks, *_merged(edited, scan.runs)]
    found.sort(key=lambda d: (d.first, d.last))
    found.extend(_renames(edited, original))
    return Comparison(edited.revision, tuple(found))


def compare_snapshot(
    snapshot: DocumentSnapshot, revision: int, original: Transcript
) -> Comparison:
    """:func:`compare` of a transcript's ``snapshot()`` taken at ``revision``: runs on another
    thread while the transcript itself goes on being edited (Words are never changed)."""
    edited = Transcript(
        snapshot.words,
        language=snapshot.language,
        word_delimiter=snapshot.word_delimiter,
        language_delimiters=snapshot.language_delimiters,
        speaker_names=snapshot.speaker_names,
    )
    edited.revision = revision
    return compare(edited, original)


def _span_text(t: Transcript, first: int, last: int) -> str:
    if last < first:
        return ""
    return join_words(
        t.words,
        first,
        last,
        delimiter=t.word_delimiter,
        language_delimiters=t.language_delimiters,
    )[0]


def _text_difference(
    edited: Transcript, original: Transcript, hunk: tuple[int, int, int, int]
) -> Difference:
    i1, i2, j1, j2 = hunk
    a, b = original.words, edited.words
    before, after = _span_text(original, i1, i2 - 1), _span_text(edited, j1, j2 - 1)
    if i1 == i2:
        kind = INSERTED
    elif j1 == j2:
        kind = DELETED
    elif [w.text for w in a[i1:i2]] == [w.text for w in b[j1:j2]]:
        kind = RETIMED
    else:
        kind = REPLACED
    neighbours = [(i1 - 1, j1 - 1)] if i1 > 0 and j1 > 0 else []
    if i2 < len(a) and j2 < len(b):
        neighbours.append((i2, j2))
    speaker_map = tuple(
        dict.fromkeys(
            (a[i].speaker, b[j].speaker) for i, j in neighbours if a[i].speaker != b[j].speaker
        )
    )
    here = b[j1] if j1 < j2 else (b[j1 - 1] if j1 > 0 else (b[j1] if b else a[i1]))
    start = b[j1].start if j1 < j2 else a[i1].start
    moved = False
    if i2 < len(a) and j2 < len(b) and a[i2].paragraph_break != b[j2].paragraph_break:
        if kind == INSERTED:  # typed before a paragraph's first word: the break moved to it
            moved = b[j1].paragraph_break and a[i2].paragraph_break
        elif kind == DELETED:  # a paragraph's first words deleted: the break moved on
            moved = a[i1].paragraph_break and b[j2].paragraph_break
    return Difference(
        kind, j1, j2 - 1, i1, i2 - 1, start, here.speaker, before, after,
        speaker_map=speaker_map, moved_break=moved,
    )


class _AttributeScan:
    """Speaker runs and paragraph breaks that differ on matched words (one pass, in order)."""

    def __init__(self, edited: Transcript, original: Transcript, moved_breaks: set[int]) -> None:
        self.a, self.b = original.words, edited.words
        self.moved_breaks = moved_breaks
        self.runs: list[Difference] = []
        self.breaks: list[Difference] = []
        self.run: list[int] | None = None  # [first_j, last_j, first_i, last_i]
        self.run_speakers = ("", "")
        self.previous_j = -1

    def scan(self, prepared: _Prepared, hunks: list[tuple[int, int, int, int]]) -> None:
        before, after = prepared.attributes, list(map(_ATTRIBUTES, self.b))
        for i0, j0, length in _matched_runs(hunks, len(self.a), len(self.b)):
            for offset in range(0, length, _CHUNK):
                i, j = i0 + offset, j0 + offset
                size = min(_CHUNK, length - offset)
                if before[i : i + size] == after[j : j + size]:  # the common case
                    self.close()
                    self.previous_j = j + size - 1
                    continue
                for k in range(size):
                    self.pair(i + k, j + k)
        self.close()

    def pair(self, i: int, j: int) -> None:
        x, y = self.a[i], self.b[j]
        moved_only = j in self.moved_breaks  # belongs to the text change before it
        if x.paragraph_break != y.paragraph_break and not (moved_only or y.is_punctuation):
            kind = SPLIT if y.paragraph_break else JOINED
            self.breaks.append(Difference(kind, j, j, i, i, y.start, y.speaker, x.text, y.text))
        run = self.run
        if x.speaker == y.speaker:
            self.close()
        elif (
            run is not None
            and self.run_speakers == (x.speaker, y.speaker)
            and run[1] == self.previous_j
            and all(w.speaker == y.speaker for w in self.b[self.previous_j + 1 : j])
        ):
            run[1], run[3] = j, i
        else:
            self.close()
            self.run, self.run_speakers = [j, j, i, i], (x.speaker, y.speaker)
        self.previous_j = j

    def close(self) -> None:
        run = self.run
        if run is not None:
            old, new = self.run_speakers
            first, last, i1, i2 = run
            start = self.b[first].start
            self.runs.append(Difference(SPEAKER, first, last, i1, i2, start, new, old, new))
        self.run = None


def _matched_runs(
    hunks: list[tuple[int, int, int, int]], count_a: int, count_b: int
) -> Iterable[tuple[int, int, int]]:
    """(original index, edited index, length) of every stretch of matched words, in order."""
    i = j = 0
    for i1, i2, _, j2 in hunks:
        if i1 > i:
            yield i, j, i1 - i
        i, j = i2, j2
    if count_a > i:
        yield i, j, count_a - i


def _merged(edited: Transcript, runs: list[Difference]) -> list[Difference]:
    """Runs of a speaker who is gone, all given to one other, become one MERGED change."""
    present = set(edited.speakers())
    by_old: dict[str, list[Difference]] = {}
    for run in runs:
        by_old.setdefault(run.before, []).append(run)
    result: list[Difference] = []
    for old, group in by_old.items():
        targets = {run.after for run in group}
        if old in present or len(targets) != 1 or len(group) < 2:
            result.extend(group)
            continue
        head = group[0]
        result.append(replace(
            head, kind=MERGED, last=group[-1].last, original_last=group[-1].original_last,
            parts=tuple(group)))
    return result


def _renames(edited: Transcript, original: Transcript) -> list[Difference]:
    names, old_names = edited.speaker_names, original.speaker_names
    result: list[Difference] = []
    for speaker in sorted(set(names) | set(old_names)):
        if names.get(speaker, "") == old_names.get(speaker, ""):
            continue
        first = next((i for i, w in enumerate(edited.words) if w.speaker == speaker), -1)
        start = edited.words[first].start if first >= 0 else 0.0
        result.append(Difference(
            RENAMED, first, first, -1, -2, start, speaker,
            original.speaker_name(speaker), edited.speaker_name(speaker)))
    return result


# -- finding -----------------------------------------------------------------------------------


def difference_at(differences: Sequence[Difference], index: int) -> Difference | None:
    """The text change that holds word ``index`` of the edited transcript, if any."""
    for d in differences:
        if d.kind in TEXT_KINDS and d.first <= index <= d.last:
            return d
    return None


def same_differences(
    chosen: Iterable[Difference], found: Comparison
) -> list[Difference]:
    """The changes of ``found`` that are the ``chosen`` ones (made before more edits)."""
    by_key = {d.key: d for d in found.differences}
    return [by_key[d.key] for d in chosen if d.key in by_key]


# -- describing --------------------------------------------------------------------------------


def _shown(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _SHOWN_CHARACTERS:
        text = text[: _SHOWN_CHARACTERS - 1].rstrip() + "…"
    return f"‘{text}’"


def _name(speaker: str, edited: Transcript, original: Transcript) -> str:
    return edited.speaker_names.get(speaker) or original.speaker_name(speaker)


def describe(d: Difference, edited: Transcript, original: Transcript) -> str:
    """One line for the Changes list: time · speaker · what changed."""
    where, what = describe_parts(d, edited, original)
    return f"{where} · {what}" if where else what


def describe_parts(d: Difference, edited: Transcript, original: Transcript) -> tuple[str, str]:
    """(when and who, what changed): "00:12:03 · Speaker 1", "‘Smyth’ → ‘Smith’". A rename
    has no one time: ("Speaker renamed", "‘Speaker 2’ → ‘Ben’"); every part is one line, so
    the list's rows all have the same two-line height."""
    if d.kind == RENAMED:
        return "Speaker renamed", f"{_shown(d.before)} → {_shown(d.after)}"
    if d.kind == REPLACED:
        what = f"{_shown(d.before)} → {_shown(d.after)}"
    elif d.kind == INSERTED:
        what = f"added {_shown(d.after)}"
    elif d.kind == DELETED:
        what = f"removed {_shown(d.before)}"
    elif d.kind == RETIMED:
        what = f"{_shown(d.after)} moved in time"
    elif d.kind == MERGED:
        what = f"merged ({len(d.parts)} passages)"
    elif d.kind == SPEAKER:
        what = _shown(_span_text(edited, d.first, d.last))
    elif d.kind == SPLIT:
        what = f"new paragraph at {_shown(d.after)}"
    else:
        what = f"joined paragraphs at {_shown(d.after)}"
    where = format_timestamp(d.start, always_hours=True)
    if d.kind in (SPEAKER, MERGED):
        where += f" · {_name(d.before, edited, original)} → {_name(d.after, edited, original)}"
    elif edited.is_diarized:
        where += f" · {_name(d.speaker, edited, original)}"
    return where, what


# -- reverting ---------------------------------------------------------------------------------


def revert(edited: Transcript, original: Transcript, chosen: Sequence[Difference]) -> Applied:
    """Put the ``chosen`` changes (of a fresh :func:`compare`) back as in ``original``: one edit.

    Text changes get the original words back (times, confidences, json-v2 results); speaker
    runs, merges and paragraph breaks get their original speakers and breaks; renames their
    original names. Apply the result's ``inverse`` to undo it.
    """
    flat = [part for d in chosen for part in (d.parts or (d,))]
    words = [d for d in flat if d.kind != RENAMED]
    steps: list[Edit] = [
        _cluster_splice(edited, original, cluster) for cluster in reversed(_clusters(words))
    ]
    for d in flat:
        if d.kind == RENAMED:
            steps.append(Rename(d.speaker, original.speaker_names.get(d.speaker, "")))
    done = apply(edited, Group(tuple(steps)))
    translations = _translations_back(edited, original)  # once the words have their speakers
    if translations is None:
        return done
    also = apply(edited, translations)
    change = done.change or Change(0, len(edited.words) - 1, False, names_changed=True)
    return Applied(Group((done.edit, also.edit)), Group((also.inverse, done.inverse)), change)


def _reach(d: Difference) -> tuple[int, int]:
    """The edited words ``[start, stop)`` reverting ``d`` rewrites."""
    stop = d.last + 1 + (1 if d.moved_break else 0)
    return d.first, max(stop, d.first)


def _clusters(differences: Sequence[Difference]) -> list[list[Difference]]:
    """Groups of changes whose words touch, in text order: each becomes one Splice."""
    clusters: list[list[Difference]] = []
    stop = -1
    for d in sorted(differences, key=_reach):
        start, end = _reach(d)
        if clusters and start <= stop:
            clusters[-1].append(d)
            stop = max(stop, end)
        else:
            clusters.append([d])
            stop = end
    return clusters


def _cluster_splice(edited: Transcript, original: Transcript, cluster: list[Difference]) -> Splice:
    start = min(_reach(d)[0] for d in cluster)
    stop = max(_reach(d)[1] for d in cluster)
    speakers: dict[int, str] = {}
    breaks: dict[int, bool] = {}
    for d in cluster:
        if d.kind == SPEAKER:
            speakers.update(dict.fromkeys(range(d.first, d.last + 1), d.before))
        elif d.kind in (SPLIT, JOINED):
            breaks[d.first] = d.kind == JOINED  # a join removed a break, a split added one
        elif d.moved_break:
            breaks[d.last + 1] = original.words[d.original_last + 1].paragraph_break

    def current(j: int) -> Word:
        word = edited.words[j]
        speaker = speakers.get(j, word.speaker)
        paragraph_break = breaks.get(j, word.paragraph_break)
        if speaker == word.speaker and paragraph_break == word.paragraph_break:
            return word
        return replace(word, speaker=speaker, paragraph_break=paragraph_break)

    out: list[Word] = []
    position = start
    for d in sorted((d for d in cluster if d.kind in TEXT_KINDS), key=lambda d: d.first):
        out.extend(current(j) for j in range(position, d.first))
        out.extend(_restored(original, d, speakers))
        position = d.last + 1
    out.extend(current(j) for j in range(position, stop))
    return Splice(start, stop - start, tuple(out))


def _restored(original: Transcript, d: Difference, reverted: dict[int, str]) -> list[Word]:
    """Copies of the original words of text change ``d`` (copies: a Transcript owns its Words)."""
    around_reverted = (d.first - 1) in reverted or (d.last + 1) in reverted
    mapping = {} if around_reverted else dict(d.speaker_map)
    return [
        replace(w, speaker=mapping.get(w.speaker, w.speaker))
        for w in original.words[d.original_first : d.original_last + 1]
    ]


def _translations_back(edited: Transcript, original: Transcript) -> SetTranslations | None:
    """A merge gave the translations' sentences to the other speaker too: a sentence whose words
    have their original speaker again gets its original speaker back."""
    changed = False
    result: list[tuple[str, tuple[TranslationSegment, ...]]] = []
    for code, items in edited.translations.items():
        before = original.translations.get(code, [])
        restored = list(items)
        if len(before) == len(items):
            for index, (now, then) in enumerate(zip(items, before, strict=True)):
                if now.speaker == then.speaker or (now.start, now.end) != (then.start, then.end):
                    continue
                spoken = edited.word_index_at(now.start)
                if spoken is not None and edited.words[spoken].speaker == then.speaker:
                    restored[index] = replace(now, speaker=then.speaker)
                    changed = True
        result.append((code, tuple(restored)))
    return SetTranslations(tuple(result)) if changed else None
