"""The fast json-v2 reader: the same Words as the general one, and text parsed without copies."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from smdesk.core import edits
from smdesk.core.jsonv2 import is_plain, parse_result, plain_word, render_plain
from smdesk.core.transcript import Transcript

from .factories import document, entity, make_json_v2, punct, word

REALWORLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "realworld" / "json-v2"

# Values a field of a result may hold in a file someone else wrote.
ODD_VALUES: list[Any] = [None, "", "x", "UU", "S1", "channel_1", 0, 1, 2.5, -1.0, True, False,
                         float("nan"), float("inf"), [], {}, "previous", "word", "punctuation",
                         "entity", 10**400]


def variants(seed: int, count: int) -> list[dict[str, Any]]:
    """Plain results with one or two fields changed, added or removed at random."""
    rng = random.Random(seed)
    bases = [word("Budget", 1.5, 1.9, speaker="S2", confidence=0.61),
             punct(",", 1.9, speaker="S1"), punct(".", 2.0, is_eos=True),
             word("hi", 3.0, 3.2, speaker="UU", channel="channel_2")]
    out = []
    for _ in range(count):
        result = copy.deepcopy(rng.choice(bases))
        for _ in range(rng.randint(1, 2)):
            alternatives = result.get("alternatives")
            inner = isinstance(alternatives, list) and alternatives and alternatives[0]
            target = inner if isinstance(inner, dict) and rng.random() < 0.5 else result
            key = rng.choice([*target.keys(), "channel", "language", "confidence", "volume"])
            if rng.random() < 0.2:
                target.pop(key, None)
            else:
                target[key] = rng.choice(ODD_VALUES)
        out.append(result)
    return out


def test_fast_reader_agrees_with_the_general_reader_on_odd_results() -> None:
    accepted = 0
    for result in variants(seed=6, count=4000):
        fast = plain_word(result)
        if fast is None:
            continue
        accepted += 1
        general = parse_result(result)
        assert general is not None and fast == general, result
        assert is_plain(result, general), result
        assert render_plain(fast) == result, result  # nothing dropped: the round trip is exact
        assert fast.origin is None
    assert 100 < accepted < 4000  # both paths were exercised


def test_ordinary_results_take_the_fast_path() -> None:
    doc = make_json_v2(2000)
    tokens = [r for r in doc["results"] if r["type"] in ("word", "punctuation")]
    fast = [plain_word(json.loads(json.dumps(r))) for r in tokens]
    assert all(w is not None for w in fast)
    assert [w.text for w in fast if w] == [r["alternatives"][0]["content"] for r in tokens]


def test_unusual_results_are_still_read_by_the_general_reader() -> None:
    money = entity("$2.05", ["two", "dollars", "five"], 3.0, 4.0)
    integer_times = word("one", 1, 2)
    with_null = {**word("null", 5.0, 6.0), "channel": None}
    for result in (money, integer_times, with_null):
        assert plain_word(result) is None
    t = Transcript.from_json_text(json.dumps(document([integer_times, money, with_null])))
    assert [w.text for w in t.words] == ["one", "$2.05", "null"]
    assert t.words[0].start == 1.0 and t.words[1].origin is not None
    assert t.to_json_v2()["results"] == [integer_times, money, with_null]


def _documents() -> list[dict[str, Any]]:
    docs = [make_json_v2(800, translations=True),
            make_json_v2(200, channels=["channel_1", "channel_2"])]
    if REALWORLD.is_dir():
        docs += [json.loads(p.read_text()) for p in sorted(REALWORLD.glob("*.json"))]
    return docs


@pytest.mark.parametrize("doc", _documents(), ids=lambda d: str(d.get("job", {}).get("id")))
def test_text_reader_gives_the_same_transcript_as_the_dict_reader(doc: dict[str, Any]) -> None:
    text = json.dumps(doc)
    try:
        expected = Transcript.from_json_v2(json.loads(text))
    except ValueError:
        with pytest.raises(ValueError):
            Transcript.from_json_text(text)
        return
    got = Transcript.from_json_text(text.encode("utf-8"))
    assert got.words == expected.words
    assert [w.origin for w in got.words] == [w.origin for w in expected.words]
    assert got.to_json_v2() == expected.to_json_v2()
    assert json.loads(got.snapshot().to_json_text()) == expected.to_json_v2()


def test_edits_do_not_touch_the_raw_results_kept_by_reference() -> None:
    doc = document([word("I", 0.0, 0.5), entity("$2.05", ["two", "dollars"], 1.0, 2.0),
                    {"type": "speaker_change", "start_time": 2.0, "end_time": 2.0},
                    {**word("paid", 2.0, 2.5), "volume": 3.5}, punct(".", 2.5, is_eos=True)],
                   chapters=[{"title": "One"}])
    t = Transcript.from_json_text(json.dumps(doc))
    edits.replace_text(t, 1, 1, "$3.10")
    edits.replace_text(t, 2, 2, "spent")
    edits.rename_speaker(t, "S1", "Ana")
    first, second = t.to_json_v2(), json.loads(t.snapshot().to_json_text())
    assert first == second
    assert first["results"][1]["alternatives"][0]["content"] == "$3.10"
    assert first["results"][3] == {**word("spent", 2.0, 2.5), "volume": 3.5}
    edits.restore(t, Transcript.from_json_v2(doc))
    assert t.to_json_v2() == doc  # the originals kept by reference are unchanged


def test_the_dict_reader_still_copies_what_the_caller_may_change() -> None:
    doc = document([{**word("kept", 0.0, 1.0), "volume": 2.0}], chapters=[{"title": "One"}])
    t = Transcript.from_json_v2(doc)
    doc["results"][0]["volume"] = 9.0
    doc["chapters"][0]["title"] = "Changed"
    out = t.to_json_v2()
    assert out["results"][0]["volume"] == 2.0 and out["chapters"][0]["title"] == "One"


@pytest.mark.parametrize("text", ["", "{", '{"results": [1,]}', b"\xff\xfe{}"])
def test_text_that_is_not_json_is_one_clear_sentence(text: str | bytes) -> None:
    with pytest.raises(ValueError) as raised:
        Transcript.from_json_text(text)
    message = str(raised.value)
    assert message.startswith("This is not a Speechmatics json-v2 transcript")
    assert message.endswith(".") and "\n" not in message and "Expecting" not in message


def test_a_copy_is_independent_of_later_edits_on_either_side() -> None:
    doc = make_json_v2(400, translations=True)
    doc["results"].insert(5, {"type": "speaker_change", "start_time": 1.0, "end_time": 1.0})
    t = Transcript.from_json_text(json.dumps(doc))
    twin = t.copy()
    assert twin.words == t.words and twin.to_json_v2() == t.to_json_v2() == doc
    edits.replace_text(t, 2, 4, "changed words here")
    edits.rename_speaker(t, "S1", "Ana")
    edits.merge_speakers(t, "S2", "S1")
    assert twin.to_json_v2() == doc  # the copy still reads as opened
    assert twin.speaker_name("S1") == "Speaker 1"
    assert twin.speakers() == Transcript.from_json_v2(doc).speakers() != t.speakers()
    edits.delete_words(twin, 0, 10)
    assert t.speaker_name("S1") == "Ana" and t.words[2].text == "changed"
    assert json.loads(t.snapshot().to_json_text()) == t.to_json_v2()
