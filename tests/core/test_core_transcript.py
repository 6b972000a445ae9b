"""The transcript model: tolerant parsing, speakers, turns, editing, time lookup."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from smdesk.core import edits
from smdesk.core.edits import EditError
from smdesk.core.transcript import Transcript, TranslationSegment, Word, default_speaker_name

from .factories import document, make_json_v2, punct, word


def interview() -> dict[str, Any]:
    return document(
        [
            word("Hello", 0.5, 0.9, speaker="S1"),
            punct(".", 0.9, is_eos=True, speaker="S1"),
            word("Hi", 1.4, 1.7, speaker="S2"),
            word("there", 1.7, 2.1, speaker="S2"),
            punct(".", 2.1, is_eos=True, speaker="S2"),
            word("How", 2.5, 2.7, speaker="S1"),
            word("are", 2.7, 2.8, speaker="S1"),
            word("you", 2.8, 3.0, speaker="S1"),
            punct("?", 3.0, is_eos=True, speaker="S1"),
        ],
        translations={
            "es": [
                {"start_time": 0.5, "end_time": 0.9, "content": "Hola.", "speaker": "S1"},
                {"start_time": 1.4, "end_time": 2.1, "content": "Hola.", "speaker": "S2"},
            ]
        },
        summary={"content": "Two speakers greet each other."},
    )


def test_parses_words_with_timings_speakers_and_confidence() -> None:
    t = Transcript.from_json_v2(interview())
    assert [w.text for w in t.words] == ["Hello", ".", "Hi", "there", ".", "How", "are", "you", "?"]
    first = t.words[0]
    assert (first.start, first.end, first.kind, first.speaker) == (0.5, 0.9, "word", "S1")
    assert first.confidence == 0.98
    assert first.language == "en"
    assert t.words[1].is_eos and t.words[1].attaches_to == "previous"
    assert t.language == "en"
    assert t.summary == "Two speakers greet each other."
    assert t.translations["es"][1] == TranslationSegment(1.4, 2.1, "Hola.", "S2")
    assert t.duration == 4.0  # job.duration beats the last word end


def test_tolerates_unknown_types_missing_fields_and_junk() -> None:
    doc = document(
        [
            {"type": "speaker_change", "start_time": 0, "end_time": 0, "alternatives": []},
            {
                "type": "word",
                "start_time": 0,
                "end_time": "0.5",
                "alternatives": [{"content": "a"}],
            },
            {
                "type": "word",
                "start_time": 1,
                "end_time": 0.5,
                "alternatives": [
                    {"content": "b", "speaker": "S2", "confidence": "high", "tags": ["disfluency"]}
                ],
                "volume": 40,
            },
            {"type": "word", "alternatives": [{"content": "   "}]},  # empty text: not a token
            "not a result",
            {"type": "punctuation", "alternatives": [{"content": "."}], "start_time": None},
            {"type": "word", "start_time": 2, "end_time": 3},  # no alternatives
        ]
    )
    t = Transcript.from_json_v2(doc)
    assert [w.text for w in t.words] == ["a", "b", "."]
    a, b, dot = t.words
    assert a.speaker == "UU" and a.confidence is None and a.language is None
    assert a.end == 0.5  # numeric string accepted
    assert b.end == b.start == 1.0  # end before start is clamped
    assert b.confidence is None and b.speaker == "S2"
    assert dot.start == 0.0 and dot.attaches_to is None
    assert t.text() == "a\nb."


def test_rejects_something_that_is_not_a_transcript() -> None:
    with pytest.raises(ValueError, match="not a Speechmatics json-v2 transcript"):
        Transcript.from_json_v2({"job": {}})
    with pytest.raises(ValueError):
        Transcript.from_json_v2([])  # type: ignore[arg-type]


def test_language_for_auto_is_the_detected_language() -> None:
    doc = document([word("Bonjour", 0, 1, language="fr")], language="auto")
    doc["metadata"]["language_identification"] = {
        "results": [{"alternatives": [{"language": "fr", "confidence": 0.9}]}]
    }
    assert Transcript.from_json_v2(doc).language == "fr"
    del doc["metadata"]["language_identification"]
    assert Transcript.from_json_v2(doc).language == "fr"  # from the words


def test_speakers_in_order_of_first_appearance_and_default_names() -> None:
    doc = document(
        [
            word("a", 0, 1, speaker="S2"),
            word("b", 1, 2, speaker="UU"),
            word("c", 2, 3, speaker="S10"),
            word("d", 3, 4, speaker="S2"),
        ]
    )
    t = Transcript.from_json_v2(doc)
    assert t.speakers() == ["S2", "UU", "S10"]
    assert [t.speaker_name(s) for s in t.speakers()] == [
        "Speaker 2",
        "Unknown speaker",
        "Speaker 10",
    ]


def test_default_speaker_name_rules() -> None:
    assert default_speaker_name("S1") == "Speaker 1"
    assert default_speaker_name("S07") == "Speaker 7"
    assert default_speaker_name("UU") == "Unknown speaker"
    assert default_speaker_name("Alice") == "Alice"  # enrolled speaker label
    assert default_speaker_name("channel_2", is_channel=True) == "Channel 2"
    assert default_speaker_name("Agent", is_channel=True) == "Agent"
    assert default_speaker_name("channel_2") == "channel_2"


def test_channel_diarization_uses_channel_labels_as_speakers() -> None:
    doc = make_json_v2(200, channels=["channel_1", "Agent"])
    t = Transcript.from_json_v2(doc)
    assert t.speakers() == ["channel_1", "Agent"]
    assert t.channel_labels == frozenset({"channel_1", "Agent"})
    assert t.speaker_name("channel_1") == "Channel 1"
    assert t.speaker_name("Agent") == "Agent"
    for p in t.paragraphs():
        assert {w.channel for w in t.words[p.first : p.last + 1]} == {p.speaker}


def test_paragraphs_split_at_every_speaker_change_and_cover_all_words() -> None:
    t = Transcript.from_json_v2(make_json_v2(3000, speakers=3, seed=4))
    paragraphs = t.paragraphs()
    assert paragraphs[0].first == 0 and paragraphs[-1].last == len(t.words) - 1
    for before, after in itertools.pairwise(paragraphs):
        assert after.first == before.last + 1
        assert t.words[after.first].speaker != t.words[before.last].speaker
    for p in paragraphs:
        words = t.words[p.first : p.last + 1]
        assert {w.speaker for w in words if w.kind != "punctuation"} == {p.speaker}
        assert p.start == words[0].start and p.end == max(w.end for w in words)


def test_mark_labelled_with_the_next_speaker_stays_with_its_word() -> None:
    doc = document(
        [
            word("Yes", 0, 1, speaker="S1"),
            punct(".", 1, is_eos=True, speaker="S2"),
            word("No", 2, 3, speaker="S2"),
        ]
    )
    t = Transcript.from_json_v2(doc)
    assert [(p.first, p.last) for p in t.paragraphs()] == [(0, 1), (2, 2)]
    assert [t.paragraph_text(p)[0] for p in t.paragraphs()] == ["Yes.", "No"]


def test_paragraph_text_spans_map_back_to_words() -> None:
    t = Transcript.from_json_v2(make_json_v2(500))
    for p in t.paragraphs():
        text, spans = t.paragraph_text(p)
        assert [i for i, _, _ in spans] == list(range(p.first, p.last + 1))
        for index, start, end in spans:
            assert text[start:end] == t.words[index].text


def test_rename_speaker_overrides_and_empty_name_restores_default() -> None:
    t = Transcript.from_json_v2(interview())
    edits.rename_speaker(t, "S1", "  Ada   Lovelace ")
    assert t.speaker_name("S1") == "Ada Lovelace"
    assert t.speaker_names == {"S1": "Ada Lovelace"}
    edits.rename_speaker(t, "S1", "")
    assert t.speaker_name("S1") == "Speaker 1"
    assert t.speaker_names == {}


def test_merge_speakers_reassigns_words_translations_and_joins_turns() -> None:
    t = Transcript.from_json_v2(interview())
    edits.rename_speaker(t, "S2", "Bob")
    revision = t.revision
    edits.merge_speakers(t, "S2", "S1")
    assert t.speakers() == ["S1"]
    assert {w.speaker for w in t.words} == {"S1"}
    assert [s.speaker for s in t.translations["es"]] == ["S1", "S1"]
    assert len(t.paragraphs()) == 1
    assert t.speaker_names == {}
    assert t.revision > revision


def test_merge_unknown_speaker_is_a_clear_error_and_self_merge_is_a_no_op() -> None:
    t = Transcript.from_json_v2(interview())
    with pytest.raises(EditError, match="no speaker 'S9'"):
        edits.merge_speakers(t, "S9", "S1")
    assert edits.merge_speakers(t, "S1", "S1").change is None
    assert t.speakers() == ["S1", "S2"]


def test_set_speaker_moves_one_turn_to_a_new_speaker() -> None:
    t = Transcript.from_json_v2(interview())
    new = t.new_speaker_id()
    assert new == "S3"
    last = t.paragraphs()[-1]
    edits.give_to_speaker(t, last.first, last.last, None)
    assert t.speakers() == ["S1", "S2", "S3"]
    assert t.paragraphs()[-1].speaker == "S3"
    with pytest.raises(IndexError):
        edits.give_to_speaker(t, 5, 99, "S1")


def test_retyping_a_word_keeps_timing_and_speaker() -> None:
    t = Transcript.from_json_v2(interview())
    before = (t.words[2].start, t.words[2].end, t.words[2].speaker)
    edits.replace_text(t, 2, 2, "  Hey ")
    assert t.words[2].text == "Hey"
    assert (t.words[2].start, t.words[2].end, t.words[2].speaker) == before
    assert t.paragraph_text(t.paragraphs()[1])[0] == "Hey there."
    with pytest.raises(IndexError):
        edits.replace_text(t, 99, 99, "x")


def test_word_index_at_finds_the_word_being_spoken() -> None:
    t = Transcript.from_json_v2(interview())
    assert t.word_index_at(0.0) is None  # before the first word
    assert t.word_index_at(0.5) == 0
    assert t.word_index_at(0.9) == 0  # never the zero-length full stop
    assert t.word_index_at(1.2) == 0  # in a pause: the word before it
    assert t.word_index_at(1.75) == 3
    assert t.word_index_at(99) == 7


def test_word_index_at_agrees_with_a_linear_scan() -> None:
    t = Transcript.from_json_v2(make_json_v2(2000, seed=9))
    for probe in [0.0, 0.41, 3.3, 77.7, 200.25, 401.0, t.duration + 5]:
        expected = None
        for index, w in enumerate(t.words):
            if w.kind != "punctuation" and w.start <= probe:
                expected = index
        assert t.word_index_at(probe) == expected


def test_paragraph_index_of_a_word() -> None:
    t = Transcript.from_json_v2(interview())
    assert [t.paragraph_index_of(i) for i in range(len(t.words))] == [0, 0, 1, 1, 1, 2, 2, 2, 2]


def test_transcript_built_in_code() -> None:
    t = Transcript([Word("hi", 0, 1, speaker="S1"), Word("!", 1, 1, "punctuation")], language="ja")
    assert t.word_delimiter == ""
    assert t.text() == "hi!"
    assert t.duration == 1
    assert "words=2" in repr(t)


def test_empty_transcript() -> None:
    t = Transcript.from_json_v2(document([]))
    assert t.words == [] and t.paragraphs() == [] and t.speakers() == []
    assert t.word_index_at(1.0) is None
    assert t.text() == ""


def test_uncertain_words_skip_punctuation_and_unknown_confidence() -> None:
    doc = document(
        [
            word("sure", 0, 1, confidence=0.95),
            word("maybe", 1, 2, confidence=0.41),
            {"type": "word", "start_time": 2, "end_time": 3, "alternatives": [{"content": "x"}]},
            punct(".", 3, is_eos=True),
            word("hmm", 4, 5, confidence=0.59),
        ]
    )
    doc["results"][3]["alternatives"][0]["confidence"] = 0.1
    t = Transcript.from_json_v2(doc)
    assert t.uncertain_words() == [1, 4]
    assert t.uncertain_words(0.5) == [1]
    assert t.next_uncertain(-1) == 1 and t.next_uncertain(1) == 4 and t.next_uncertain(4) is None
    assert t.previous_uncertain(4) == 1 and t.previous_uncertain(1) is None
    edits.check_word(t, 1)
    assert t.uncertain_words() == [4]
    assert t.previous_uncertain(len(t.words)) == 4


def test_retime_word_updates_lookup_and_turn_times() -> None:
    t = Transcript.from_json_v2(interview())
    edits.retime_word(t, 2, 1.3, 1.6)
    assert (t.words[2].start, t.words[2].end) == (1.3, 1.6)
    assert t.word_index_at(1.35) == 2
    assert t.paragraphs()[1].start == 1.3
    with pytest.raises(EditError, match="start <= end"):
        edits.retime_word(t, 2, 2.0, 1.0)
    again = Transcript.from_json_v2(t.to_json_v2())
    assert (again.words[2].start, again.words[2].end) == (1.3, 1.6)
