"""Reversible edits: each one undoes to the original json-v2 and redoes to the edited one."""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Callable
from typing import Any

import pytest

from smdesk.core import edits
from smdesk.core.edits import Applied, EditError
from smdesk.core.quote import quote
from smdesk.core.transcript import Transcript, Word
from smdesk.core.turns import is_checked_uncertain, is_uncertain, split_turns

from .factories import document, entity, make_json_v2, punct, word


def dump(t: Transcript) -> str:
    return json.dumps(t.to_json_v2(), sort_keys=True)


def reversion(t: Transcript, act: Callable[[Transcript], Applied]) -> Applied:
    """do → undo equals the original → redo equals the edited, twice (Gaupol's reversion_test)."""
    original = dump(t)
    applied = act(t)
    edited = dump(t)
    assert (applied.change is None) == (edited == original)
    inverse = applied.inverse
    for _ in range(2):
        undone = edits.apply(t, inverse)
        assert dump(t) == original
        redone = edits.apply(t, undone.inverse)
        assert dump(t) == edited
        inverse = redone.inverse
    return applied


def assert_caches_fresh(t: Transcript) -> None:
    """The incrementally updated paragraphs, uncertain words, time lookup and cached JSON text of
    each word equal a rebuild."""
    assert json.loads(t.snapshot().to_json_text()) == t.to_json_v2()
    assert t.paragraphs() == split_turns(t.words, t.channel_labels)
    assert t.is_diarized == any(w.speaker != "UU" for w in t.words)
    assert t.speakers() == list(dict.fromkeys(w.speaker for w in t.words))
    assert t.uncertain_words() == [i for i, w in enumerate(t.words) if is_uncertain(w, 0.7)]
    assert t.checked_words() == [
        i for i, w in enumerate(t.words) if is_checked_uncertain(w, 0.7)
    ]
    for probe in (3.3, t.duration / 2):
        expected = max(
            (i for i, w in enumerate(t.words) if not w.is_punctuation and w.start <= probe),
            key=lambda i: (t.words[i].start, i),
            default=None,
        )
        assert t.word_index_at(probe) == expected


def interview() -> Transcript:
    return Transcript.from_json_v2(
        document(
            [
                word("Hello", 0.5, 0.9, speaker="S1"),
                punct(".", 0.9, is_eos=True, speaker="S1"),
                {**word("Hi", 1.4, 1.7, speaker="S2", confidence=0.4), "volume": 3},
                word("there", 1.7, 2.1, speaker="S2"),
                {"type": "speaker_change", "start_time": 2.1, "end_time": 2.1},
                punct(".", 2.1, is_eos=True, speaker="S2"),
                word("How", 2.5, 2.7, speaker="S1"),
                word("are", 2.7, 2.8, speaker="S1", confidence=0.3),
                word("you", 2.8, 3.0, speaker="S1"),
                punct("?", 3.0, is_eos=True, speaker="S1"),
            ],
            translations={
                "es": [
                    {"start_time": 1.4, "end_time": 2.1, "content": "Hola.", "speaker": "S2"},
                ]
            },
        )
    )


def texts(t: Transcript) -> list[str]:
    return [w.text for w in t.words]


def test_typing_keeps_unchanged_words_and_interpolates_new_ones() -> None:
    t = interview()
    kept = t.words[5]
    applied = reversion(t, lambda t: edits.replace_text(t, 5, 7, "How  are you all"))
    assert texts(t)[5:10] == ["How", "are", "you", "all", "?"]
    assert t.words[5] is kept and not kept.checked
    assert t.words[6].confidence == 0.3  # unchanged: keeps its confidence, still uncertain
    added = t.words[8]
    assert added.checked and added.speaker == "S1"
    assert 3.0 == added.start <= added.end == 3.0  # nothing left in the span after "you"
    assert applied.change == edits.Change(5, 8, True, 1)


def test_retyped_words_are_checked_and_share_the_span_time() -> None:
    t = interview()
    reversion(t, lambda t: edits.replace_text(t, 5, 7, "Who is it then"))
    new = t.words[5:9]
    assert texts(t)[5:9] == ["Who", "is", "it", "then"]
    assert all(w.checked for w in new)
    assert new[0].start == 2.5 and new[-1].end == 3.0
    assert all(a.end <= b.start + 1e-9 for a, b in itertools.pairwise(new))
    assert t.uncertain_words() == [2]


def test_one_for_one_replacement_keeps_the_times_and_the_original_result() -> None:
    t = interview()
    reversion(t, lambda t: edits.replace_text(t, 2, 3, "Hey there"))
    assert (t.words[2].text, t.words[2].start, t.words[2].end) == ("Hey", 1.4, 1.7)
    result = t.to_json_v2()["results"][2]
    assert result["volume"] == 3 and result["alternatives"][0]["content"] == "Hey"


def test_typed_punctuation_becomes_punctuation_tokens() -> None:
    t = interview()
    reversion(t, lambda t: edits.replace_text(t, 5, 8, "“How are you?” she asked."))
    assert texts(t)[5:] == ["“", "How", "are", "you", "?", "”", "she", "asked", "."]
    marks = [w for w in t.words[5:] if w.is_punctuation]
    assert [m.attaches_to for m in marks] == ["next", "previous", "previous", "previous"]
    assert t.text().endswith("“How are you?” she asked.")


def test_unchanged_text_is_no_edit() -> None:
    t = interview()
    assert edits.replace_text(t, 5, 8, "How are you?").change is None
    assert edits.replace_text(t, 5, 8, "How are   you ?").change is None


def test_replace_all_is_one_edit_and_undoes_exactly() -> None:
    t = interview()
    applied = reversion(t, lambda t: edits.replace_texts(t, [(0, 0, "Hey"), (5, 7, "Who is it")]))
    assert texts(t) == ["Hey", ".", "Hi", "there", ".", "Who", "is", "it", "?"]
    assert applied.change is not None and applied.change.first_word == 0
    with pytest.raises(EditError, match="overlap"):
        edits.replace_texts(t, [(0, 2, "a"), (2, 3, "b")])


def test_empty_text_deletes_and_unknown_results_return_on_undo() -> None:
    t = interview()
    reversion(t, lambda t: edits.replace_text(t, 2, 4, ""))
    assert texts(t)[:3] == ["Hello", ".", "How"]


def test_entities_keep_their_written_form_when_retyped() -> None:
    t = Transcript.from_json_v2(
        document([word("costs", 0, 1), entity("$2.05", ["two", "dollars", "five"], 1, 2)])
    )
    reversion(t, lambda t: edits.replace_text(t, 0, 1, "costs $3.05"))
    result = t.to_json_v2()["results"][1]
    assert result["written_form"][0]["alternatives"][0]["content"] == "$3.05"


def test_unspaced_languages_keep_known_tokens() -> None:
    doc = document([word("東京", 0, 1, language="ja"), word("です", 1, 2, language="ja")])
    doc["metadata"]["language_pack_info"]["word_delimiter"] = ""
    t = Transcript.from_json_v2(doc)
    kept = t.words[0]
    reversion(t, lambda t: edits.replace_text(t, 0, 1, "東京でした"))
    assert texts(t) == ["東京", "でした"] and t.words[0] is kept


def test_split_and_join_paragraphs() -> None:
    t = interview()
    reversion(t, lambda t: edits.split_paragraph(t, 6))
    assert [(p.first, p.last) for p in t.paragraphs()] == [(0, 1), (2, 4), (5, 5), (6, 8)]
    again = Transcript.from_json_v2(t.to_json_v2())
    assert again.paragraphs() == t.paragraphs()
    reversion(t, lambda t: edits.join_paragraphs(t, 2))
    assert len(t.paragraphs()) == 3
    with pytest.raises(EditError, match="already starts"):
        edits.split_paragraph(t, 5)
    with pytest.raises(EditError, match="last paragraph"):
        edits.join_paragraphs(t, 2)


def test_joining_turns_of_two_speakers_gives_the_second_to_the_first() -> None:
    t = interview()
    reversion(t, lambda t: edits.join_paragraphs(t, 0))
    assert [p.speaker for p in t.paragraphs()] == ["S1"]  # all one voice now
    assert t.speakers() == ["S1"]


def test_speaker_edits_undo_exactly() -> None:
    t = interview()
    reversion(t, lambda t: edits.rename_speaker(t, "S2", "Grace Hopper"))
    assert t.speaker_name("S2") == "Grace Hopper"
    reversion(t, lambda t: edits.merge_speakers(t, "S2", "S1"))
    assert t.speakers() == ["S1"] and t.translations["es"][0].speaker == "S1"
    assert "S2" not in t.speaker_names
    applied = reversion(t, lambda t: edits.give_to_speaker(t, 5, 8, None, "Ada"))
    assert t.speaker_name(t.words[5].speaker) == "Ada"
    assert applied.change is not None and applied.change.names_changed
    with pytest.raises(EditError, match="no speaker"):
        edits.rename_speaker(t, "S9", "x")


def test_check_and_insert_and_retime() -> None:
    t = interview()
    reversion(t, lambda t: edits.check_word(t, 2))
    assert t.uncertain_words() == [6]
    assert edits.check_word(t, 2).change is None
    reversion(t, lambda t: edits.insert_words(t, 0, [Word("Well", 0.1, 0.4, speaker="S1")]))
    assert texts(t)[:2] == ["Well", "Hello"]
    reversion(t, lambda t: edits.retime_word(t, 1, 0.45, 0.95))
    with pytest.raises(EditError, match="empty"):
        edits.insert_words(t, 0, [Word(" ", 0, 0)])


def test_checked_words_and_layout_revision_follow_the_edits() -> None:
    t = interview()
    assert t.checked_words() == []  # cached from here on, then kept up to date by the edits
    layout = t.layout_revision
    edits.check_word(t, 2)
    assert t.checked_words() == [2] and t.uncertain_words() == [6]
    edits.replace_text(t, 2, 2, "Smyth")  # retyped in place: the same times and turns
    assert t.layout_revision == layout
    edits.insert_words(t, 0, [Word("Well", 0.1, 0.4, speaker="S1")])
    assert t.layout_revision == layout + 1  # a new word: talk counts change
    assert t.checked_words() == [i for i, w in enumerate(t.words) if w.checked
                                 and w.confidence is not None and w.confidence < 0.7]
    edits.rename_speaker(t, "S1", "Ann")
    assert t.layout_revision == layout + 1  # a name is not a layout


def test_checked_words_survive_a_round_trip() -> None:
    t = interview()
    edits.check_word(t, 6)
    again = Transcript.from_json_v2(json.loads(json.dumps(t.to_json_v2())))
    assert again.words[6].checked and again.uncertain_words() == [2]


def test_undiarized_recordings_get_paragraphs_at_pauses_without_names() -> None:
    results: list[dict[str, Any]] = []
    clock = 0.0
    for sentence in range(6):
        for k in range(5):
            results.append(word(f"w{sentence}{k}", clock, clock + 0.4, speaker="UU"))
            clock += 0.5
        results.append(punct(".", clock - 0.1, is_eos=True, speaker="UU"))
        clock += 3.0 if sentence % 2 else 0.2  # a long pause after every other sentence
    doc = document(results)
    t = Transcript.from_json_v2(doc)
    assert not t.is_diarized
    assert len(t.paragraphs()) == 3
    edits.give_to_speaker(t, 0, 2, None, "Ada")
    assert t.is_diarized and t.speakers() == ["S1", "UU"]
    edits.merge_speakers(t, "S1", "UU")
    assert not t.is_diarized
    assert [p.start for p in t.paragraphs()][1] > 0
    assert t.to_json_v2() == doc  # computed breaks are not written into an unedited file
    reversion(t, lambda t: edits.join_paragraphs(t, 0))
    assert Transcript.from_json_v2(t.to_json_v2()).paragraphs() == t.paragraphs()
    assert quote(t, 0, 5) == "“w00 w01 w02 w03 w04.” — 00:00:00"


def test_quote_names_the_speaker_and_the_first_word_time() -> None:
    t = interview()
    edits.rename_speaker(t, "S2", "Grace Hopper")
    assert quote(t, 2, 4) == "“Hi there.” — Grace Hopper, 00:00:01"


def _random_edit(t: Transcript, rng: random.Random) -> Applied:
    index = rng.randrange(len(t.words))
    last = min(index + rng.randrange(4), len(t.words) - 1)
    action = rng.randrange(9)
    if action == 0:
        return edits.replace_text(t, index, last, f"typed {rng.randrange(99)}, words.")
    if action == 1:
        return edits.delete_words(t, index, last)
    if action == 2:
        return edits.give_to_speaker(t, index, last, rng.choice([None, "S1", "S2"]))
    if action == 3:
        speakers = t.speakers()
        return edits.merge_speakers(t, speakers[-1], speakers[0])
    if action == 4:
        return edits.rename_speaker(t, rng.choice(t.speakers()), f"Name {rng.randrange(5)}")
    if action == 5:
        return edits.check_word(t, index)
    if action == 6:
        paragraphs = t.paragraphs()
        if len(paragraphs) > 1:
            return edits.join_paragraphs(t, rng.randrange(len(paragraphs) - 1))
    starts = {p.first for p in t.paragraphs()}
    if action == 7 and not t.words[index].is_punctuation and index not in starts:
        return edits.split_paragraph(t, index)
    return edits.insert_words(t, index, [Word("new", 1.0, 1.2, speaker="S3")])


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_undo_and_redo_exactly(seed: int) -> None:
    rng = random.Random(seed)
    doc = make_json_v2(200, seed=seed, translations=True)
    for result in doc["results"][::9]:
        result["volume"] = 7
    doc["results"].insert(4, {"type": "speaker_change", "start_time": 1, "end_time": 1})
    t = Transcript.from_json_v2(doc)
    history: list[tuple[str, Applied]] = []
    for _ in range(20):
        before = dump(t)
        history.append((before, reversion(t, lambda t: _random_edit(t, rng))))
        assert_caches_fresh(t)
    final = dump(t)
    for before, applied in reversed(history):  # undo everything, like an undo stack
        edits.apply(t, applied.inverse)
        assert dump(t) == before
        assert_caches_fresh(t)
    assert t.to_json_v2() == Transcript.from_json_v2(doc).to_json_v2()
    for _, applied in history:
        edits.apply(t, applied.edit)
    assert dump(t) == final


def _monologue(pauses: dict[int, float]) -> Transcript:
    """Twenty 8-word sentences of 4.5 s, 0.3 s apart unless `pauses` says otherwise."""
    results: list[dict[str, Any]] = []
    clock = 0.0
    for sentence in range(20):
        for k in range(8):
            results.append(word(f"w{sentence}_{k}", clock, clock + 0.5, speaker="UU"))
            clock += 0.55
        results.append(punct(".", clock, is_eos=True, speaker="UU"))
        clock += pauses.get(sentence, 0.3)
    return Transcript.from_json_v2(document(results))


def test_an_undiarized_monologue_gets_a_paragraph_about_every_half_minute() -> None:
    starts = [p.start for p in _monologue({}).paragraphs()]
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) == 3 and all(25 <= gap <= 35 for gap in gaps), starts  # 94 s
    # a breath after a sentence, well into a paragraph, starts the next one there
    paused = [round(p.start, 1) for p in _monologue({3: 1.2}).paragraphs()]
    assert paused[1] == round(4 * 4.4 + 3 * 0.3 + 1.2, 1)
    # ...but not a breath a few seconds in
    assert len(_monologue({0: 1.2}).paragraphs()) == 3


def test_the_autosave_text_shares_the_source_without_changing_it() -> None:
    doc = make_json_v2(60, translations=True)
    t = Transcript.from_json_v2(doc)
    speakers = {segment.speaker for segment in t.translations["es"]}
    assert len(speakers) == 2, speakers  # a merge changes the translation's speakers too
    before = dump(t)
    merged = edits.merge_speakers(t, "S2", "S1")
    saved = json.loads(t.snapshot().to_json_text())
    assert saved == t.to_json_v2()
    assert {item["speaker"] for item in saved["translations"]["es"]} == {"S1"}
    edits.apply(t, merged.inverse)
    # The text of the merged state wrote into no shared item: undone, it reads as before.
    assert json.dumps(json.loads(t.snapshot().to_json_text()), sort_keys=True) == before
