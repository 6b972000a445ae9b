"""Reading a snapshot without its text (core.snapshot_read): after any edits, the same Transcript
as parsing the text autosave writes, or None; never a different one."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from bench.synthetic_transcript import synthetic_json_v2
from smdesk.core import edits, word_cache
from smdesk.core.edits import EditError
from smdesk.core.jsonv2 import plain_word, render_plain
from smdesk.core.snapshot_read import _reads_back_as_itself, _row, read_snapshot
from smdesk.core.transcript import Transcript
from smdesk.core.words import Word

from .factories import document, entity, make_json_v2, punct, word
from .realworld import FILES, needs_realworld
from .same_transcript import assert_same


def check(t: Transcript) -> bool:
    """The snapshot read without its text, through the kept form, against its text parsed."""
    snapshot = t.snapshot()
    parsed = read_snapshot(snapshot)
    if parsed is None:
        return False
    kept = Transcript.from_word_cache(word_cache.encode(parsed))
    assert kept is not None
    assert_same(kept, Transcript.from_json_text(snapshot.to_json_text()))
    return True


def random_edit(t: Transcript, rng: random.Random) -> None:
    index = rng.randrange(len(t.words))
    last = min(index + rng.randrange(3), len(t.words) - 1)
    speakers = t.speakers()
    choice = rng.randrange(10)
    try:
        if choice == 0:
            edits.replace_text(t, index, last, rng.choice(["fixed", "two words,", "Smith."]))
        elif choice == 1:
            edits.delete_words(t, index, last)
        elif choice == 2:
            edits.give_to_speaker(t, index, last, None, "Someone")
        elif choice == 3:
            edits.check_word(t, index)
        elif choice == 4:
            edits.split_paragraph(t, index)
        elif choice == 5:
            edits.join_paragraphs(t, t.paragraph_index_of(index))
        elif choice == 6:
            edits.rename_speaker(t, rng.choice(speakers), rng.choice(["Ana", "Ben Okafor", ""]))
        elif choice == 7 and len(speakers) > 1:
            edits.merge_speakers(t, speakers[0], speakers[1])
        elif choice == 8:
            w = t.words[index]
            edits.retime_word(t, index, w.start + 0.01, w.end + 0.02)
        else:
            at = t.words[index]
            edits.insert_words(t, index, [Word("inserted", at.start, at.start, speaker=at.speaker)])
    except EditError:
        pass


def undiarized(doc: dict[str, Any]) -> dict[str, Any]:
    """The same words with no speakers (paragraphs then come from pauses)."""
    for result in doc["results"]:
        result["alternatives"][0]["speaker"] = "UU"
    return doc


DOCUMENTS: dict[str, dict[str, Any]] = {
    "bench": synthetic_json_v2(500, 0.05),
    "translated": make_json_v2(300, translations=True),
    "channels": make_json_v2(200, channels=["channel_1", "channel_2"]),
    "undiarized": undiarized(make_json_v2(300)),
    "entities": document([word("Pay", 0.0, 0.4), entity("$2.05", ["two", "dollars"], 0.5, 1.0),
                          {**word("loud", 1.0, 1.5), "volume": 3.5}, word("one", 2, 3),
                          punct(".", 3.0, is_eos=True)]),
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_after_random_edits_the_snapshot_reads_as_its_text(name: str) -> None:
    t = Transcript.from_json_v2(DOCUMENTS[name])
    assert check(t)
    rng = random.Random(name)
    read = 0
    for _ in range(25):
        if not t.words:
            break
        random_edit(t, rng)
        read += check(t)
    assert read > 18  # the usual edits do not need the text parsed


def test_the_usual_edited_copy_is_read_without_its_text() -> None:
    t = Transcript.from_json_v2(DOCUMENTS["bench"])
    edits.rename_speaker(t, "S1", "Ana Ruiz")
    edits.replace_text(t, 100, 100, "corrected")
    edits.check_word(t, 50)
    edits.split_paragraph(t, next(i for i in range(t.paragraphs()[3].first + 1, len(t.words))
                                  if not t.words[i].is_punctuation))
    assert check(t)


def test_what_it_cannot_be_sure_of_is_left_to_the_text() -> None:
    t = Transcript.from_json_v2(document([word("a", 0.0, 0.5), {"type": "speaker_change"},
                                          word("b", 0.5, 1.0)]))
    assert read_snapshot(t.snapshot()) is None  # where a non-token result lands
    blank = Transcript([Word("  ", 0.0, 0.5), Word("b", 0.5, 1.0)])
    assert read_snapshot(blank.snapshot()) is None  # reading drops a blank word
    integer = Transcript([Word("a", 0, 1), Word("b", 1.0, 2.0)])
    assert check(integer)  # an int time reads back as itself through the general reader


@needs_realworld
@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_real_files_after_edits(path: Path) -> None:
    try:
        t = Transcript.from_json_text(path.read_text(encoding="utf-8"))
    except ValueError:
        pytest.skip(f"{path.name} is not a json-v2 transcript")
    check(t)
    rng = random.Random(path.name)
    for _ in range(8):
        if not t.words:
            break
        random_edit(t, rng)
        check(t)
    again = Transcript.from_json_text(json.dumps(t.to_json_v2()))
    assert again.words == t.words


def test_a_word_taken_as_it_is_is_what_the_reader_makes_of_its_result() -> None:
    """Words with odd values in every field: the shortcut only takes those the reader gives
    back unchanged (same values and types), and takes the ordinary ones."""
    odd: list[Any] = [None, "", " ", "x", "UU", "S1", "channel_1", 0, 1, 2.5, -1.0, True, False,
                      float("nan"), float("inf"), "previous", "word", "punctuation", "entity"]
    rng = random.Random(11)
    names = ["text", "start", "end", "kind", "speaker", "channel", "confidence", "attaches_to",
             "is_eos", "language", "checked", "paragraph_break"]
    bases = [Word("hi", 1.0, 1.5, speaker="S1", confidence=0.9, language="en"),
             Word(",", 1.5, 1.5, "punctuation", "S2", attaches_to="previous"),
             Word("yo", 2.0, 2.5, speaker="channel_2", channel="channel_2")]
    taken = 0
    for _ in range(3000):
        fields = dict(zip(names, _row(rng.choice(bases)), strict=True))
        for _ in range(rng.randint(0, 2)):
            fields[rng.choice(names)] = rng.choice(odd)
        candidate = Word(**fields)
        if not _reads_back_as_itself(candidate):
            continue
        taken += 1
        again = plain_word(render_plain(candidate))
        assert again is not None, candidate
        assert [(type(v), v) for v in _row(again)[:-2]] == [
            (type(v), v) for v in _row(candidate)[:-2]], candidate
    assert 300 < taken < 3000
