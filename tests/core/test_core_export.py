"""TXT, SRT and WebVTT exports, through the one renderer (core.export.render)."""

from __future__ import annotations

import dataclasses
import itertools
import re
from datetime import timedelta
from typing import Any

import pytest
import srt

from smdesk.core import edits
from smdesk.core.export import PRESETS, SRT, TXT, VTT, ExportChoices, render
from smdesk.core.transcript import Transcript

from .factories import document, make_json_v2, punct, word


def to_txt(t: Transcript, **choices: Any) -> str:
    """The text export; the summary only when asked (``include_summary=True``)."""
    return render(t, TXT, ExportChoices(**{"include_summary": False, **choices})).decode()


def to_srt(t: Transcript, *, width: int = 42, lines: int = 2, labels: bool = False) -> str:
    """SRT under Netflix's rules with ``width`` characters and ``lines`` lines a cue."""
    rules = dataclasses.replace(PRESETS["netflix"], max_chars_per_line=width, max_lines=lines)
    choices = ExportChoices(subtitle_rules=rules, subtitle_speaker_labels=labels)
    return render(t, SRT, choices).decode()


def to_vtt(t: Transcript, *, voices: bool = True) -> str:
    return render(t, VTT, ExportChoices(speaker_names=voices)).decode()


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
    assert to_txt(t, speaker_names=False, timestamps="none") == (
        "Welcome back.\n\nThanks, glad to be here.\n"
    )
    assert to_txt(t, timestamps="none").startswith("Speaker 1: Welcome back.\n\n")
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
    one_block_per_turn = len(t.paragraphs())
    text = to_txt(t)  # turns longer than a minute are split at sentence ends
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


# -- SRT and WebVTT (laid out by the subtitle engine; see also test_export_formats.py) ------------


def test_srt_has_no_speaker_labels_unless_asked() -> None:
    plain = [s.content for s in srt.parse(to_srt(conversation()))]
    assert plain == ["Welcome back.", "Thanks, glad to be here."]
    labelled = " ".join(s.content for s in srt.parse(to_srt(conversation(), labels=True)))
    assert "Speaker 1" in labelled and "Speaker 2" in labelled


def test_srt_narrow_lines_wrap_between_words() -> None:
    subs = list(srt.parse(to_srt(conversation(), width=12, lines=2)))
    lines = [line for s in subs for line in s.content.splitlines()]
    assert all(len(line) <= 12 for line in lines)
    assert " ".join(lines).split() == ["Welcome", "back.", "Thanks,", "glad", "to", "be", "here."]


def test_srt_cues_are_never_zero_length_even_for_zero_length_words() -> None:
    doc = document(
        [word("a", 1.0, 1.0), word("b", 1.0, 1.0, speaker="S2"), word("c", 1.0, 1.0, speaker="S1")]
    )
    subs = list(srt.parse(to_srt(Transcript.from_json_v2(doc))))
    assert subs and all(s.end > s.start for s in subs)
    assert all(a.end <= b.start for a, b in itertools.pairwise(subs))


@pytest.mark.parametrize(
    ("seed", "length", "lines", "labels", "channels"),
    [
        (1, 37, 2, False, None),
        (2, 42, 2, True, None),
        (3, 20, 1, False, None),
        (4, 15, 3, False, None),
        (6, 37, 2, False, ["channel_1", "channel_2"]),
    ],
)
def test_srt_properties_over_synthetic_transcripts(
    seed: int, length: int, lines: int, labels: bool, channels: list[str] | None
) -> None:
    t = Transcript.from_json_v2(make_json_v2(3000, speakers=3, seed=seed, channels=channels))
    subs = list(srt.parse(to_srt(t, width=length, lines=lines, labels=labels)))
    assert subs, "no cues"
    assert [s.index for s in subs] == list(range(1, len(subs) + 1))
    longest_word = max(len(w.text) for w in t.words) + 4  # glued punctuation, a dash
    for sub in subs:
        assert sub.end > sub.start
        content_lines = sub.content.split("\n")
        assert 1 <= len(content_lines) <= lines
        for line in content_lines:
            assert line and line == line.strip()
            word_only = re.sub(r"^\[[^\]]*\] ", "", line) if labels else line
            assert len(line) <= length or (" " not in word_only
                                           and len(word_only) <= longest_word), line
    for before, after in itertools.pairwise(subs):
        assert before.end <= after.start
    if not labels:  # every token appears, in order (the dash of a two-speaker cue aside)
        rendered = "".join(re.sub(r"^- ?", "", line).replace(" ", "")
                           for s in subs for line in s.content.splitlines())
        assert rendered == "".join(w.text for w in t.words).replace(" ", "")


def test_srt_times_follow_the_words() -> None:
    subs = list(srt.parse(to_srt(conversation())))
    assert timedelta(seconds=0.3) <= subs[0].start <= timedelta(seconds=0.5)
    assert timedelta(seconds=82.8) <= subs[1].start <= timedelta(seconds=83)
    assert subs[1].end >= timedelta(seconds=84.3)


def test_srt_of_empty_transcript_is_empty() -> None:
    assert to_srt(Transcript.from_json_v2(document([]))) == ""


def test_vtt_voice_tags_are_escaped() -> None:
    t = conversation()
    edits.rename_speaker(t, "S1", "Tom & Jerry <3")
    out = to_vtt(t)
    assert out.startswith("WEBVTT\n\n")
    assert "<v Tom &amp; Jerry &lt;3>Welcome back." in out
    assert "<v Speaker 2>Thanks, glad to be here." in out


def test_vtt_without_speakers() -> None:
    out = to_vtt(conversation(), voices=False)
    assert "<v" not in out and "\nWelcome back.\n" in out
