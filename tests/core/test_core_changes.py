"""Changes against the original: what compare() finds, and revert() putting them back (undoably)."""

from __future__ import annotations

import json
import random
from typing import Any

from smdesk.core import changes, edits
from smdesk.core.changes import Difference, compare, describe, difference_at, revert
from smdesk.core.transcript import Transcript

from .factories import document, make_json_v2, punct, word


def dump(t: Transcript) -> str:
    return json.dumps(t.to_json_v2(), sort_keys=True)


def source() -> dict[str, Any]:
    return document(
        [
            word("Hello", 0.5, 0.9, speaker="S1"),
            word("Mr", 0.9, 1.1, speaker="S1"),
            word("Smyth", 1.1, 1.5, speaker="S1", confidence=0.41),
            punct(".", 1.5, is_eos=True, speaker="S1"),
            word("Hi", 2.0, 2.3, speaker="S2"),
            word("there", 2.3, 2.6, speaker="S2"),
            punct(".", 2.6, is_eos=True, speaker="S2"),
            word("How", 3.0, 3.2, speaker="S1"),
            word("are", 3.2, 3.3, speaker="S1"),
            word("you", 3.3, 3.5, speaker="S1"),
            punct("?", 3.5, is_eos=True, speaker="S1"),
        ],
        translations={
            "es": [
                {"start_time": 2.0, "end_time": 2.6, "content": "Hola.", "speaker": "S2"},
            ]
        },
    )


def pair() -> tuple[Transcript, Transcript]:
    """(edited, original): two parses of the same job, as the session holds them."""
    return Transcript.from_json_v2(source()), Transcript.from_json_v2(source())


def only(t: Transcript, original: Transcript) -> Difference:
    found = compare(t, original).differences
    assert len(found) == 1, found
    return found[0]


def assert_reverts_to_original(t: Transcript, original: Transcript,
                               chosen: list[Difference]) -> None:
    """Reverting `chosen` is undoable (revert_and_undo), and then gives the original back."""
    revert_and_undo(t, original, chosen)
    revert(t, original, chosen)
    assert dump(t) == dump(original)


def revert_and_undo(t: Transcript, original: Transcript, chosen: list[Difference]) -> None:
    """revert → the chosen changes are gone; undo → exactly the edited state; redo, undo again.

    Ends as it started (edited)."""
    edited = dump(t)
    applied = revert(t, original, chosen)
    assert applied.change is not None
    left = {d.key for d in compare(t, original).differences}
    assert not left & {d.key for d in chosen}
    reverted = dump(t)
    redo = edits.apply(t, applied.inverse)
    assert dump(t) == edited
    again = edits.apply(t, redo.inverse)
    assert dump(t) == reverted
    edits.apply(t, again.inverse)
    assert dump(t) == edited


def test_an_unedited_transcript_has_no_changes() -> None:
    t, original = pair()
    assert compare(t, original).differences == ()


def test_a_retyped_word_is_a_replacement_and_reverts_with_its_time_and_confidence() -> None:
    t, original = pair()
    edits.replace_text(t, 2, 2, "Smith")
    d = only(t, original)
    assert (d.kind, d.before, d.after, d.first, d.last, d.speaker) == (
        changes.REPLACED, "Smyth", "Smith", 2, 2, "S1")
    assert d.start == 1.1
    assert describe(d, t, original) == "00:00:01 · Speaker 1 · ‘Smyth’ → ‘Smith’"
    assert difference_at(compare(t, original).differences, 2) == d
    assert difference_at(compare(t, original).differences, 3) is None
    assert_reverts_to_original(t, original, [d])
    back = t.words[2]
    assert (back.text, back.start, back.end, back.confidence, back.checked) == (
        "Smyth", 1.1, 1.5, 0.41, False)


def test_inserted_and_deleted_words() -> None:
    t, original = pair()
    edits.replace_text(t, 7, 9, "How are you all")  # "all" added
    edits.delete_words(t, 0, 0)  # "Hello" removed
    found = compare(t, original).differences
    assert [(d.kind, d.before, d.after) for d in found] == [
        (changes.DELETED, "Hello", ""), (changes.INSERTED, "", "all")]
    deleted, inserted = found
    assert (deleted.first, deleted.last, deleted.original_first) == (0, -1, 0)
    assert (inserted.first, inserted.last) == (9, 9)
    assert describe(deleted, t, original) == "00:00:00 · Speaker 1 · removed ‘Hello’"
    assert describe(inserted, t, original).endswith("added ‘all’")
    revert_and_undo(t, original, [inserted])
    revert_and_undo(t, original, [deleted, inserted])
    revert(t, original, compare(t, original).differences)
    assert dump(t) == dump(original)


def test_a_passage_given_to_another_speaker_goes_back() -> None:
    t, original = pair()
    edits.give_to_speaker(t, 4, 6, "S1")
    d = only(t, original)
    assert (d.kind, d.before, d.after, d.first, d.last) == (changes.SPEAKER, "S2", "S1", 4, 6)
    assert describe(d, t, original) == "00:00:02 · Speaker 2 → Speaker 1 · ‘Hi there.’"
    assert_reverts_to_original(t, original, [d])


def test_a_speaker_run_continues_over_a_word_typed_inside_it() -> None:
    t, original = pair()
    edits.give_to_speaker(t, 7, 10, "S3")
    edits.replace_text(t, 8, 8, "were")
    found = compare(t, original).differences
    assert [d.kind for d in found] == [changes.SPEAKER, changes.REPLACED]
    run, typed = found
    assert (run.first, run.last) == (7, 10)
    revert_and_undo(t, original, [typed])
    revert(t, original, [typed])
    assert t.words[8].text == "are" and t.words[8].speaker == "S3"  # stays in the run's turn
    assert [d.kind for d in compare(t, original).differences] == [changes.SPEAKER]
    revert(t, original, compare(t, original).differences)
    assert dump(t) == dump(original)


def test_a_merge_is_one_change_and_gives_the_translation_back() -> None:
    t, original = pair()
    edits.rename_speaker(t, "S2", "Ben")
    edits.merge_speakers(t, "S1", "S2")
    found = compare(t, original).differences
    merged = next(d for d in found if d.kind == changes.MERGED)
    assert len(merged.parts) == 2 and (merged.before, merged.after) == ("S1", "S2")
    assert describe(merged, t, original) == "00:00:00 · Speaker 1 → Ben · merged (2 passages)"
    renamed = next(d for d in found if d.kind == changes.RENAMED)
    assert (renamed.before, renamed.after) == ("Speaker 2", "Ben")
    assert describe(renamed, t, original) == "Speaker renamed · ‘Speaker 2’ → ‘Ben’"
    revert_and_undo(t, original, [merged])
    revert(t, original, [merged, renamed])
    assert dump(t) == dump(original)


def test_a_sentence_whose_words_go_back_gets_its_translation_speaker_back() -> None:
    t, original = pair()
    edits.merge_speakers(t, "S2", "S1")
    assert t.translations["es"][0].speaker == "S1"
    run = only(t, original)
    assert run.kind == changes.SPEAKER  # one passage: a plain reassignment
    revert_and_undo(t, original, [run])
    revert(t, original, [run])
    assert t.translations["es"][0].speaker == "S2"
    assert dump(t) == dump(original)


def test_split_and_join_paragraphs() -> None:
    t, original = pair()
    edits.split_paragraph(t, 9)
    split = only(t, original)
    assert (split.kind, split.first, split.after) == (changes.SPLIT, 9, "you")
    assert describe(split, t, original).endswith("new paragraph at ‘you’")
    assert_reverts_to_original(t, original, [split])
    edits.join_paragraphs(t, 0)  # "Hi there." becomes Speaker 1's
    assert only(t, original).kind == changes.SPEAKER


def test_words_typed_before_a_paragraph_keep_its_break_with_the_text_change() -> None:
    doc = make_json_v2(200, speakers=1, seed=3)
    original = Transcript.from_json_v2(doc)
    words = original.words
    k = next(i for i in range(50, 100) if not any(w.is_punctuation for w in words[i : i + 2]))
    edits.split_paragraph(original, k)  # the server's copy has a paragraph starting at word k
    original = Transcript.from_json_v2(original.to_json_v2())
    t = Transcript.from_json_v2(original.to_json_v2())
    edits.replace_text(t, k, k, f"well {t.words[k].text}")  # typed at the paragraph's start
    d = only(t, original)
    assert d.kind == changes.INSERTED and d.moved_break
    assert_reverts_to_original(t, original, [d])
    edits.replace_text(t, k, k + 1, t.words[k + 1].text)  # its first word deleted
    d = only(t, original)
    assert d.kind == changes.DELETED and d.moved_break
    assert_reverts_to_original(t, original, [d])


def test_changes_survive_saving_and_are_found_again_after_more_typing() -> None:
    t, original = pair()
    edits.replace_text(t, 2, 2, "Smith")
    edits.replace_text(t, 9, 9, "you all")
    saved = Transcript.from_json_v2(t.to_json_v2())  # the edited copy as the history keeps it
    before = compare(saved, original)
    assert [d.key for d in before.differences] == [d.key for d in compare(t, original).differences]
    edits.replace_text(saved, 0, 0, "Hello again")  # more typing moves the word indexes
    after = compare(saved, original)
    assert after.revision != before.revision
    again = changes.same_differences([before.differences[1]], after)
    assert [d.after for d in again] == ["all"] and again[0].first == 11
    revert(saved, original, again)
    assert [w.text for w in saved.words][9:] == ["are", "you", "?"]


def test_a_retimed_word_is_a_change() -> None:
    t, original = pair()
    edits.retime_word(t, 5, 2.35, 2.7)
    d = only(t, original)
    assert d.kind == changes.RETIMED and describe(d, t, original).endswith("moved in time")
    revert(t, original, [d])
    assert dump(t) == dump(original)


def test_reverting_every_change_after_random_edits_gives_the_original_back() -> None:
    doc = make_json_v2(900, seed=11, translations=True)
    rng = random.Random(5)
    for _ in range(6):
        t, original = Transcript.from_json_v2(doc), Transcript.from_json_v2(doc)
        for _ in range(25):
            random_edit(t, rng)
        found = compare(t, original)
        assert found.differences
        chosen = [d for d in found.differences if rng.random() < 0.5]
        revert_and_undo(t, original, chosen)
        revert(t, original, compare(t, original).differences)
        assert dump(t) == dump(original)
        assert compare(t, original).differences == ()


def random_edit(t: Transcript, rng: random.Random) -> None:
    n = len(t.words)
    if n < 12:  # deleted down to a handful: leave it
        return
    first = rng.randrange(n - 8)
    last = first + rng.randrange(3)
    choice = rng.randrange(8)
    try:
        if choice == 0:
            edits.replace_text(t, first, last, " ".join(rng.sample(["alpha", "beta", "gamma"], 2)))
        elif choice == 1:
            edits.delete_words(t, first, last)
        elif choice == 2:
            edits.give_to_speaker(t, first, last + 5, rng.choice(["S1", "S2", None]))
        elif choice == 3:
            edits.split_paragraph(t, first)
        elif choice == 4 and len(t.paragraphs()) > 1:
            edits.join_paragraphs(t, rng.randrange(len(t.paragraphs()) - 1))
        elif choice == 5:
            edits.rename_speaker(t, rng.choice(t.speakers()), rng.choice(["Ana", "Ben", ""]))
        elif choice == 6 and len(t.speakers()) > 1:
            edits.merge_speakers(t, *rng.sample(t.speakers(), 2))
        else:  # across paragraphs, keeping some words
            kept = [w.text for w in t.words[first : first + 12] if rng.random() < 0.6]
            edits.replace_text(t, first, min(n - 1, first + 11), " ".join(["so", *kept]))
    except edits.EditError:
        pass


def test_a_snapshot_compares_like_the_transcript_it_was_taken_of() -> None:
    t, original = pair()
    edits.replace_text(t, 2, 2, "Smith")
    edits.rename_speaker(t, "S2", "Ben")
    snapshot, revision = t.snapshot(), t.revision
    edits.replace_text(t, 0, 0, "Hey")  # edited on after the snapshot was taken
    found = changes.compare_snapshot(snapshot, revision, original)
    assert found.revision == revision
    assert [(d.kind, d.before, d.after) for d in found.differences] == [
        (changes.REPLACED, "Smyth", "Smith"), (changes.RENAMED, "Speaker 2", "Ben")]
