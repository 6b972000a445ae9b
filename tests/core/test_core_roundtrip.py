"""to_json_v2: the original document back, with edits applied and nothing unknown lost."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from smdesk.core import edits
from smdesk.core.transcript import Transcript, Word

from .factories import document, entity, make_json_v2, punct, word


def roundtrip(doc: dict[str, Any]) -> dict[str, Any]:
    return Transcript.from_json_v2(json.loads(json.dumps(doc))).to_json_v2()


def test_unedited_document_round_trips_exactly() -> None:
    doc = make_json_v2(3000, translations=True)
    assert roundtrip(doc) == doc


def test_channel_diarized_document_round_trips_exactly() -> None:
    doc = make_json_v2(300, channels=["channel_1", "channel_2"])
    assert roundtrip(doc) == doc


def test_unknown_results_fields_and_top_level_keys_are_kept_in_place() -> None:
    doc = document(
        [
            word("a", 0, 1),
            {"type": "speaker_change", "start_time": 1, "end_time": 1, "alternatives": []},
            {**word("b", 1, 2), "volume": 42.5, "future_field": {"x": [1, 2]}},
            {
                **word("c", 2, 3),
                "alternatives": [
                    {
                        "content": "c",
                        "confidence": 0.5,
                        "language": "en",
                        "speaker": "S1",
                        "tags": ["disfluency"],
                        "display": {"direction": "ltr"},
                    },
                    {"content": "see", "confidence": 0.4, "language": "en", "speaker": "S1"},
                ],
            },
            entity("$2.05", ["two", "dollars", "five"], 3, 4),
            punct(".", 4, is_eos=True),
            {"type": "audio_marker", "start_time": 9, "end_time": 9},
        ],
        sentiment_analysis={"segments": []},
        chapters=[{"title": "One", "start_time": 0, "end_time": 4}],
    )
    doc["metadata"]["orchestrator_extra"] = {"k": "v"}
    assert roundtrip(doc) == doc
    assert list(roundtrip(doc)) == list(doc)  # top-level key order kept


def test_missing_optional_fields_stay_missing() -> None:
    raw = {"type": "word", "start_time": 0, "end_time": 1, "alternatives": [{"content": "x"}]}
    punctuation = {
        "type": "punctuation",
        "start_time": 1,
        "end_time": 1,
        "alternatives": [{"content": "."}],
    }
    doc = document([raw, punctuation])
    assert roundtrip(doc) == doc


def test_edits_speaker_changes_and_names_are_written_back() -> None:
    doc = document(
        [
            word("Helo", 0.5, 0.9, speaker="S1"),
            punct(".", 0.9, is_eos=True, speaker="S1"),
            {**word("Hi", 1.4, 1.7, speaker="S2"), "volume": 10},
            entity("$2.05", ["two", "dollars", "five"], 2, 3, speaker="S2"),
        ],
        translations={
            "es": [
                {
                    "start_time": 1.4,
                    "end_time": 3,
                    "content": "Hola",
                    "speaker": "S2",
                    "extra": True,
                }
            ]
        },
    )
    t = Transcript.from_json_v2(doc)
    edits.replace_text(t, 0, 0, "Hello")
    edits.replace_text(t, 3, 3, "$3.05")
    edits.merge_speakers(t, "S2", "S3")
    edits.rename_speaker(t, "S1", "Ada")
    out = t.to_json_v2()

    results = out["results"]
    assert results[0]["alternatives"][0]["content"] == "Hello"
    assert results[0]["start_time"] == 0.5 and results[0]["end_time"] == 0.9
    assert results[2]["alternatives"][0]["speaker"] == "S3"
    assert results[2]["volume"] == 10
    assert results[3]["alternatives"][0]["content"] == "$3.05"
    assert results[3]["written_form"][0]["alternatives"][0]["content"] == "$3.05"
    assert results[3]["spoken_form"] == doc["results"][3]["spoken_form"]
    assert out["translations"]["es"][0] == {**doc["translations"]["es"][0], "speaker": "S3"}
    assert out["smdesk"] == {"speaker_names": {"S1": "Ada"}, "checked_words": [0, 3]}
    assert doc["results"][0]["alternatives"][0]["content"] == "Helo"  # input untouched

    again = Transcript.from_json_v2(out)
    assert [w.text for w in again.words] == ["Hello", ".", "Hi", "$3.05"]
    assert again.speakers() == ["S1", "S3"]
    assert again.speaker_name("S1") == "Ada"
    assert again.to_json_v2() == out


def test_names_removed_drop_the_extension_key_but_keep_other_extension_data() -> None:
    doc = document([word("a", 0, 1)], smdesk={"speaker_names": {"S1": "Ada"}, "note": "kept"})
    t = Transcript.from_json_v2(doc)
    assert t.speaker_name("S1") == "Ada"
    edits.rename_speaker(t, "S1", "")
    assert t.to_json_v2()["smdesk"] == {"note": "kept"}


def test_merged_channels_survive_a_round_trip() -> None:
    doc = make_json_v2(100, channels=["channel_1", "channel_2"])
    t = Transcript.from_json_v2(doc)
    edits.merge_speakers(t, "channel_2", "channel_1")
    again = Transcript.from_json_v2(t.to_json_v2())
    assert again.speakers() == ["channel_1"]
    assert len(again.paragraphs()) == 1
    assert {w.channel for w in again.words} == {"channel_1", "channel_2"}


def test_output_is_independent_of_the_model() -> None:
    doc = make_json_v2(50, translations=True)
    t = Transcript.from_json_v2(doc)
    out = t.to_json_v2()
    out["results"][0]["alternatives"][0]["content"] = "CHANGED"
    out["metadata"]["type"] = "CHANGED"
    out["translations"]["es"][0]["content"] = "CHANGED"
    assert t.to_json_v2() == doc


def test_summary_edit_is_written_back() -> None:
    doc = make_json_v2(20, translations=True)
    t = Transcript.from_json_v2(doc)
    t.summary = "Shorter."
    assert t.to_json_v2()["summary"] == {"content": "Shorter."}
    t.summary = None
    assert "summary" not in t.to_json_v2()


def test_transcript_built_in_code_writes_a_valid_document() -> None:
    t = Transcript(
        [
            Word("Hi", 0, 0.5, speaker="S1", confidence=0.9, language="en"),
            Word(".", 0.5, 0.5, "punctuation", speaker="S1", attaches_to="previous", is_eos=True),
        ],
        language="en",
        summary="Greeting.",
    )
    out = t.to_json_v2()
    assert out["format"] == "2.9"
    assert out["metadata"]["language_pack_info"]["word_delimiter"] == " "
    assert out["summary"] == {"content": "Greeting."}
    again = Transcript.from_json_v2(out)
    assert [(w.text, w.kind, w.is_eos) for w in again.words] == [
        ("Hi", "word", False),
        (".", "punctuation", True),
    ]


def test_deleted_words_leave_the_document_and_unknown_results_keep_their_place() -> None:
    marker = {"type": "marker", "start_time": 1, "end_time": 1}
    doc = document(
        [
            word("So", 0, 0.5),
            word("um", 0.5, 1.0),
            marker,
            {**word("uh", 1.0, 1.2), "tags": ["disfluency"]},
            word("yes", 1.2, 1.5, speaker="S2"),
            {**word("really", 1.5, 2.0, speaker="S2"), "volume": 3},
        ]
    )
    t = Transcript.from_json_v2(doc)
    edits.delete_words(t, 1, 2)
    assert [w.text for w in t.words] == ["So", "yes", "really"]
    out = t.to_json_v2()
    assert out["results"] == [doc["results"][0], marker, *doc["results"][4:]]
    assert Transcript.from_json_v2(out).text() == "So\nyes really"
    assert t.word_index_at(1.6) == 2


def _random_edits(t: Transcript, rng: random.Random) -> None:
    for _ in range(40):
        action = rng.random()
        index = rng.randrange(len(t.words))
        if action < 0.4:
            edits.replace_text(t, index, index, f"edit{rng.randrange(1000)}")
        elif action < 0.6:
            last = min(index + rng.randrange(5), len(t.words) - 1)
            edits.give_to_speaker(t, index, last, "S7")
        elif action < 0.7:
            speakers = t.speakers()
            if len(speakers) > 1:
                edits.merge_speakers(t, speakers[-1], speakers[0])
        elif action < 0.8:
            edits.rename_speaker(t, rng.choice(t.speakers()), f"Name {rng.randrange(9)}")
        else:
            edits.delete_words(t, index, min(index + rng.randrange(3), len(t.words) - 1))


@pytest.mark.parametrize("seed", range(6))
def test_random_edits_survive_a_round_trip(seed: int) -> None:
    rng = random.Random(seed)
    doc = make_json_v2(
        400, seed=seed, translations=True, channels=["channel_1", "channel_2"] if seed % 2 else None
    )
    # sprinkle in results that are not "plain" so both write paths are exercised
    for result in doc["results"][::7]:
        result["volume"] = 12
    doc["results"].insert(5, entity("$2.05", ["two", "dollars", "five"], 1.0, 1.1))
    doc["results"].insert(9, {"type": "speaker_change", "start_time": 2, "end_time": 2})
    t = Transcript.from_json_v2(doc)
    _random_edits(t, rng)
    again = Transcript.from_json_v2(json.loads(json.dumps(t.to_json_v2())))
    assert again.words == t.words
    assert again.speaker_names == t.speaker_names
    assert again.translations == t.translations
    assert again.paragraphs() == t.paragraphs()
    assert again.to_json_v2() == t.to_json_v2()


def test_field_edits_on_unusual_results_write_only_what_changed() -> None:
    bare_entity = {
        "type": "entity",
        "start_time": 0,
        "end_time": 1,
        "written_form": [word("$5", 0, 1)],
    }
    tagged = {**word("so", 1, 2), "tags": ["disfluency"]}
    doc = document([bare_entity, tagged])
    t = Transcript.from_json_v2(doc)
    assert t.text() == "$5\nso"  # the entity has no speaker: its own turn
    assert t.to_json_v2()["results"] == doc["results"]  # no "alternatives" invented
    t.words[1].confidence = None
    t.words[1].language = None
    t.words[1].channel = "left"
    out = t.to_json_v2()["results"][1]
    assert out["alternatives"][0] == {"content": "so", "speaker": "S1"}
    assert out["channel"] == "left" and out["tags"] == ["disfluency"]
