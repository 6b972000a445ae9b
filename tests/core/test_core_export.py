"""TXT, SRT and WebVTT exports."""

from __future__ import annotations

import itertools
import re
from datetime import timedelta
from typing import Any

import pytest
import srt

from smdesk.core import edits
from smdesk.core.export import to_srt, to_txt, to_vtt
from smdesk.core.subtitles.legacy import build_cues
from smdesk.core.transcript import Transcript

from .factories import document, make_json_v2, punct, word


def conversation() -> Transcript:
    doc: dict[str, Any] = document(
        [
            word("Welcome", 0.5, 0.9, speaker="S1"),
            word("back", 0.9, 1.2, speaker="S1"),
            punct(".", 1.2, is_eos=True, speaker="S1"),
            word("Thanks", 83.0, 83.4, speaker="S2"),
            punct(",", 83.4, speaker="S2"),
            word("glad", 83.5, 83.8, speaker="S2"),
            word("to", 83.8, 83.9, speaker="S2"),
            word("be", 83.9, 84.0, speaker="S2"),
            word("here", 84.0, 84.3, speaker="S2"),
            punct(".", 84.3, is_eos=True, speaker="S2"),
        ],
        translations={
            "es": [
                {"start_time": 0.5, "end_time": 1.2, "content": "Bienvenida.", "speaker": "S1"},
                {"start_time": 83.0, "end_time": 84.3, "content": "Gracias,", "speaker": "S2"},
                {
                    "start_time": 83.5,
                    "end_time": 84.3,
                    "content": "me alegra estar aquí.",
                    "speaker": "S2",
                },
            ]
        },
        summary={"content": "A short welcome."},
    )
    return Transcript.from_json_v2(doc)


# -- TXT ---------------------------------------------------------------------------------------


def test_txt_golden_with_names_and_timestamps() -> None:
    assert to_txt(conversation()) == (
        "[00:00:00] Speaker 1: Welcome back.\n\n[00:01:23] Speaker 2: Thanks, glad to be here.\n"
    )


def test_txt_uses_renamed_speakers() -> None:
    t = conversation()
    edits.rename_speaker(t, "S2", "Grace Hopper")
    assert "[00:01:23] Grace Hopper: Thanks, glad to be here." in to_txt(t)


def test_txt_without_names_or_timestamps() -> None:
    t = conversation()
    assert to_txt(t, speaker_names=False, timestamps=False) == (
        "Welcome back.\n\nThanks, glad to be here.\n"
    )
    assert to_txt(t, timestamps=False).startswith("Speaker 1: Welcome back.\n\n")
    assert to_txt(t, speaker_names=False).startswith("[00:00:00] Welcome back.\n\n")


def test_txt_leaves_out_summary_and_translations_unless_asked() -> None:
    t = conversation()
    plain = to_txt(t)
    assert "A short welcome" not in plain and "Gracias" not in plain
    with_summary = to_txt(t, include_summary=True)
    assert with_summary.startswith("Summary\n\nA short welcome.\n\nTranscript\n\n[00:00:00]")


def test_txt_of_a_translation_groups_segments_by_speaker() -> None:
    assert to_txt(conversation(), translation="es") == (
        "[00:00:00] Speaker 1: Bienvenida.\n"
        "\n"
        "[00:01:23] Speaker 2: Gracias, me alegra estar aquí.\n"
    )
    with pytest.raises(ValueError, match="no 'fr' translation"):
        to_txt(conversation(), translation="fr")


def test_txt_of_undiarized_transcript_has_no_unknown_speaker_labels() -> None:
    doc = document([word("Just", 0, 1, speaker="UU"), word("me", 1, 2, speaker="UU")])
    assert to_txt(Transcript.from_json_v2(doc)) == "[00:00:00] Just me\n"


def test_txt_splits_a_long_monologue_at_sentence_ends() -> None:
    t = Transcript.from_json_v2(make_json_v2(2000, speakers=1, seed=2))
    one_block_per_turn = to_txt(t, paragraph_seconds=None).count("\n\n") + 1
    assert one_block_per_turn == len(t.paragraphs())
    text = to_txt(t, paragraph_seconds=60)
    blocks = text.rstrip("\n").split("\n\n")
    assert len(blocks) > one_block_per_turn
    assert all(block.rstrip().endswith((".", "?")) for block in blocks)
    # nothing lost: the words are the same
    assert "".join(text.split("Speaker 1:")).split() != []
    words_out = [w for b in blocks for w in b.split(": ", 1)[1].split()]
    words_in = [w for p in t.paragraphs() for w in t.paragraph_text(p)[0].split()]
    assert words_out == words_in


def test_txt_of_empty_transcript_is_empty() -> None:
    assert to_txt(Transcript.from_json_v2(document([]))) == ""


# -- SRT ---------------------------------------------------------------------------------------


def test_srt_golden() -> None:
    assert to_srt(conversation()) == (
        "1\n00:00:00,500 --> 00:00:01,200\n[Speaker 1] Welcome back.\n\n"
        "2\n00:01:23,000 --> 00:01:24,300\n[Speaker 2] Thanks, glad to be here.\n\n"
    )


def test_srt_without_speaker_labels_and_with_narrow_lines() -> None:
    out = to_srt(conversation(), max_line_length=12, max_lines=2, speaker_labels="never")
    subs = list(srt.parse(out))
    assert [s.content for s in subs] == ["Welcome\nback.", "Thanks, glad\nto be here."]


def test_srt_breaks_cues_at_sentence_ends_and_speaker_changes() -> None:
    doc = document(
        [
            word("One", 0, 0.3),
            punct(".", 0.3, is_eos=True),
            word("Two", 0.4, 0.7),
            punct(".", 0.7, is_eos=True),
            word("Three", 0.8, 1.0, speaker="S2"),
            word("four", 1.0, 1.2, speaker="S1"),
        ]
    )
    subs = list(srt.parse(to_srt(Transcript.from_json_v2(doc), speaker_labels="never")))
    assert [s.content for s in subs] == ["One.", "Two.", "Three", "four"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(subs))


def test_srt_long_word_stands_alone() -> None:
    long_word = "Donaudampfschifffahrtsgesellschaft"
    doc = document([word("a", 0, 0.2), word(long_word, 0.2, 1.0), word("b", 1.0, 1.2)])
    out = to_srt(
        Transcript.from_json_v2(doc), max_line_length=10, max_lines=3, speaker_labels="never"
    )
    assert [s.content for s in srt.parse(out)] == [f"a\n{long_word}\nb"]


def test_srt_labels_always_and_on_change() -> None:
    t = Transcript.from_json_v2(make_json_v2(400, seed=5))
    cues_change = build_cues(t, speaker_labels="change")
    cues_always = build_cues(t, speaker_labels="always")
    labelled = [c for c in cues_change if c.lines[0].startswith("[Speaker")]
    firsts = {p.first for p in t.paragraphs()}
    assert {c.first for c in labelled} == firsts
    assert all(c.lines[0].startswith("[") for c in cues_always)
    with pytest.raises(ValueError, match="Speaker labels"):
        build_cues(t, speaker_labels="sometimes")


def test_srt_cue_longer_than_max_duration_is_split() -> None:
    results = [word(f"w{i}", i * 0.9, i * 0.9 + 0.8) for i in range(12)]  # no punctuation
    cues = build_cues(
        Transcript.from_json_v2(document(results)), max_line_length=80, speaker_labels="never"
    )
    assert len(cues) >= 2
    assert all(c.end_ms - c.start_ms <= 7000 + 700 for c in cues)


def test_srt_cues_are_never_zero_length_even_for_zero_length_words() -> None:
    doc = document(
        [word("a", 1.0, 1.0), word("b", 1.0, 1.0, speaker="S2"), word("c", 1.0, 1.0, speaker="S1")]
    )
    subs = list(srt.parse(to_srt(Transcript.from_json_v2(doc))))
    assert len(subs) == 3
    assert all(s.end > s.start for s in subs)
    assert all(a.end <= b.start for a, b in itertools.pairwise(subs))


@pytest.mark.parametrize(
    ("seed", "length", "lines", "labels", "channels"),
    [
        (1, 37, 2, "change", None),
        (2, 42, 2, "always", None),
        (3, 20, 1, "change", None),
        (4, 15, 3, "never", None),
        (5, 10, 2, "always", None),
        (6, 37, 2, "change", ["channel_1", "channel_2"]),
    ],
)
def test_srt_properties_over_synthetic_transcripts(
    seed: int, length: int, lines: int, labels: str, channels: list[str] | None
) -> None:
    t = Transcript.from_json_v2(make_json_v2(3000, speakers=3, seed=seed, channels=channels))
    out = to_srt(t, max_line_length=length, max_lines=lines, speaker_labels=labels)
    subs = list(srt.parse(out))
    assert subs, "no cues"
    assert [s.index for s in subs] == list(range(1, len(subs) + 1))
    longest_word = max(len(w.text) for w in t.words) + 2  # a word with glued punctuation
    for sub in subs:
        assert sub.end > sub.start
        content_lines = sub.content.split("\n")
        assert 1 <= len(content_lines) <= lines
        for line in content_lines:
            assert line and line == line.strip()
            assert len(line) <= length or (" " not in line and len(line) <= longest_word), line
    for before, after in itertools.pairwise(subs):
        assert before.end <= after.start
    # every word appears, in order, once the "[Name]" labels are taken out
    rendered = re.sub(r"\[(Speaker|Channel) \d+\]", " ", " ".join(s.content for s in subs))
    expected = " ".join(t.paragraph_text(p)[0] for p in t.paragraphs())
    assert rendered.split() == expected.split()


def test_srt_times_follow_the_words() -> None:
    t = conversation()
    subs = list(srt.parse(to_srt(t)))
    assert subs[0].start == timedelta(seconds=0.5)
    assert subs[1].start == timedelta(seconds=83)
    assert subs[1].end == timedelta(seconds=84.3)


def test_srt_of_empty_transcript_is_empty() -> None:
    assert to_srt(Transcript.from_json_v2(document([]))) == ""


# -- WebVTT ------------------------------------------------------------------------------------


def test_vtt_golden_with_voice_tags_and_escaping() -> None:
    t = conversation()
    edits.rename_speaker(t, "S1", "Tom & Jerry")
    assert to_vtt(t) == (
        "WEBVTT\n\n"
        "00:00:00.500 --> 00:00:01.200\n<v Tom &amp; Jerry>Welcome back.\n\n"
        "00:01:23.000 --> 00:01:24.300\n<v Speaker 2>Thanks, glad to be here.\n"
    )


def test_vtt_without_speakers() -> None:
    out = to_vtt(conversation(), speaker_labels=False)
    assert "<v" not in out and out.startswith("WEBVTT\n\n00:00:00.500 --> 00:00:01.200\nWelcome")


def test_srt_does_not_label_unnamed_unknown_speakers() -> None:
    doc = document(
        [
            word("Hi", 0, 0.5, speaker="S1"),
            punct(".", 0.5, is_eos=True),
            word("Hello", 1, 1.5, speaker="UU"),
        ]
    )
    t = Transcript.from_json_v2(doc)
    assert [s.content for s in srt.parse(to_srt(t))] == ["[Speaker 1] Hi.", "Hello"]
    edits.rename_speaker(t, "UU", "Audience")
    assert [s.content for s in srt.parse(to_srt(t))] == ["[Speaker 1] Hi.", "[Audience] Hello"]


def test_srt_pause_and_duration_limits_are_options() -> None:
    doc = document([word("a", 0, 0.5), word("b", 1.5, 2.0), word("c", 2.1, 2.5)])
    t = Transcript.from_json_v2(doc)
    assert [s.content for s in srt.parse(to_srt(t))] == ["[Speaker 1] a b c"]
    assert [s.content for s in srt.parse(to_srt(t, max_gap=0.5))] == ["[Speaker 1] a", "b c"]
    short = to_srt(t, max_duration=2.0, speaker_labels="never")
    assert [s.content for s in srt.parse(short)] == ["a b", "c"]
