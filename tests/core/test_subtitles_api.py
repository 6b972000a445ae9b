"""The public surface of smdesk.core.subtitles: presets, rules, cues, the checker's words."""

from __future__ import annotations

import dataclasses

import pytest

from smdesk.core import edits
from smdesk.core.subtitles import (
    PRESETS,
    Cue,
    RuleBreak,
    SubtitleRules,
    check_cues,
    describe_breaks,
    make_cues,
    make_translation_cues,
)
from smdesk.core.transcript import Transcript

from .factories import document, punct, word


def test_presets_carry_the_guides_numbers() -> None:
    assert set(PRESETS) == {"netflix", "bbc", "vertical"}
    netflix, bbc, vertical = PRESETS["netflix"], PRESETS["bbc"], PRESETS["vertical"]
    assert (netflix.max_chars_per_line, netflix.max_lines, netflix.max_cps) == (42, 2, 20.0)
    assert netflix.min_duration == pytest.approx(5 / 6) and netflix.max_duration == 7.0
    assert netflix.min_gap_frames == 2
    assert (bbc.max_chars_per_line, bbc.max_lines, bbc.max_wpm) == (37, 2, 180.0)
    assert (bbc.min_duration, bbc.max_duration) == (1.0, 7.0)
    assert vertical.max_lines == 1 and vertical.max_chars_per_line < 37
    assert all(rules.label and rules.name == key for key, rules in PRESETS.items())


def test_rules_are_frozen_and_custom_is_a_replace() -> None:
    custom = dataclasses.replace(PRESETS["netflix"], name="custom", max_chars_per_line=30)
    assert custom.max_chars_per_line == 30 and PRESETS["netflix"].max_chars_per_line == 42
    with pytest.raises(dataclasses.FrozenInstanceError):
        custom.max_lines = 3  # type: ignore[misc]
    with pytest.raises(ValueError, match="characters per line"):
        SubtitleRules(max_chars_per_line=0)
    with pytest.raises(ValueError, match="maximum duration"):
        SubtitleRules(min_duration=3.0, max_duration=2.0)


def _dialogue() -> Transcript:
    return Transcript.from_json_v2(
        document(
            [
                word("Which", 0.0, 0.3),
                word("platform", 0.3, 0.8),
                punct("?", 0.8, is_eos=True),
                word("Four", 0.9, 1.2, speaker="S2"),
                punct(".", 1.2, is_eos=True, speaker="S2"),
                word("Thank", 4.0, 4.3),
                word("you", 4.3, 4.5),
                punct(".", 4.5, is_eos=True),
            ]
        )
    )


def test_make_cues_puts_quick_exchanges_in_dash_form() -> None:
    rules = PRESETS["netflix"]
    cues = make_cues(_dialogue(), rules)
    assert cues[0].lines == ("-Which platform?", "-Four.")
    assert cues[0].line_speakers == ("S1", "S2")
    assert (cues[0].first_word, cues[0].last_word) == (0, 4)
    assert cues[-1].lines == ("Thank you.",)
    assert check_cues(cues, rules) == []


def test_speaker_labels_are_off_by_default_and_use_current_names() -> None:
    transcript = _dialogue()
    edits.rename_speaker(transcript, "S1", "Ana")
    plain = make_cues(transcript, PRESETS["bbc"])
    labelled = make_cues(transcript, PRESETS["bbc"], speaker_labels=True)
    assert not any("[" in line for cue in plain for line in cue.lines)
    assert any(line.startswith("- [Ana] ") or line.startswith("[Ana] ")
               for cue in labelled for line in cue.lines)


def test_checker_names_each_broken_rule_and_cue() -> None:
    rules = PRESETS["netflix"]
    cues = [
        Cue(0.0, 0.5, ("Far too short.",), ("S1",)),  # too short, too fast
        Cue(0.52, 3.0, ("x" * 50,), ("S1",)),  # line too long, gap under 2 frames
        Cue(3.1, 12.0, ("Which?", "Four."), ("S1", "S2")),  # too long, no dashes
    ]
    found = {(b.cue_number, b.rule) for b in check_cues(cues, rules)}
    assert found == {
        (1, "min_duration"), (1, "reading_speed"), (2, "line_length"), (2, "gap"),
        (2, "reading_speed"), (3, "max_duration"), (3, "dual_speaker"),
    }


def test_describe_breaks_in_one_sentence_per_rule() -> None:
    assert describe_breaks([]) == "0 problems"
    breaks = [RuleBreak(n, "reading_speed", "") for n in (12, 40, 77)]
    breaks.append(RuleBreak(5, "min_duration", ""))
    assert describe_breaks(breaks) == "3 cues read too fast: 12, 40, 77; 1 cue is too short: 5"


def test_translation_cues_use_the_segments_times_and_speakers() -> None:
    doc = document(
        [word("Hello", 0.0, 0.5), punct(".", 0.5, is_eos=True)],
        translations={
            "es": [
                {"start_time": 0.0, "end_time": 0.5, "content": "Hola.", "speaker": "S1"},
                {"start_time": 2.0, "end_time": 4.0, "content": "¿Qué tal?", "speaker": "S2"},
            ]
        },
    )
    cues = make_translation_cues(Transcript.from_json_v2(doc), "es", PRESETS["netflix"])
    assert [c.lines for c in cues] == [("Hola.",), ("¿Qué tal?",)]
    assert [c.line_speakers for c in cues] == [("S1",), ("S2",)]
    assert cues[1].start == 2.0 and all(c.first_word is None for c in cues)
    with pytest.raises(ValueError, match="no 'fr' translation"):
        make_translation_cues(Transcript.from_json_v2(doc), "fr", PRESETS["netflix"])


def test_describe_breaks_lists_a_dozen_then_counts_the_rest() -> None:
    breaks = [RuleBreak(n, "gap", "") for n in range(1, 21)]
    breaks += [RuleBreak(3, "line_length", ""), RuleBreak(3, "line_length", "")]
    assert describe_breaks(breaks) == (
        "1 cue has a line too long: 3; "
        "20 cues follow the previous one too closely: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12"
        " and 8 more"
    )
