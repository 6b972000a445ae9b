"""core.export.preview: the cues a subtitle export writes, measured, with the checker's verdict."""

from __future__ import annotations

import dataclasses

import pytest
import srt

from smdesk.core.export import PRESETS, SRT, ExportChoices, render
from smdesk.core.export.preview import preview_subtitles
from smdesk.core.transcript import Transcript

from .factories import document, make_json_v2, punct, too_fast_to_read, word


def fast_speaker() -> Transcript:
    return Transcript.from_json_v2(too_fast_to_read())


def test_the_preview_shows_exactly_the_cues_the_srt_file_holds() -> None:
    t = Transcript.from_json_v2(make_json_v2(400, speakers=2, seed=3))
    choices = ExportChoices()
    preview = preview_subtitles(t, choices)
    written = list(srt.parse(render(t, SRT, choices).decode()))
    assert [c.number for c in preview.cues] == [s.index for s in written]
    assert ["\n".join(c.lines) for c in preview.cues] == [s.content for s in written]
    for cue, sub in zip(preview.cues, written, strict=True):
        assert round(cue.start, 3) == sub.start.total_seconds()
        assert cue.widths == tuple(len(line) for line in cue.lines)
        assert cue.cps == pytest.approx(len("".join(cue.lines)) / (cue.end - cue.start))
        assert cue.first_word is not None and 0 <= cue.first_word < len(t.words)
    lines = preview.text.split("\n")
    for cue, start in zip(preview.cues, preview.cue_lines, strict=True):  # the list's layout
        assert lines[start].startswith(f"#{cue.number}  ")
        assert [line.split(" │ ", 1)[1] for line in lines[start + 1:start + 1 + len(cue.lines)]] \
            == list(cue.lines)


def test_narrower_lines_give_more_cues() -> None:
    t = Transcript.from_json_v2(make_json_v2(400, speakers=2, seed=4))
    wide = preview_subtitles(t, ExportChoices())
    narrow_rules = dataclasses.replace(PRESETS["netflix"], max_chars_per_line=20)
    narrow = preview_subtitles(t, ExportChoices(subtitle_rules=narrow_rules))
    assert len(narrow.cues) > len(wide.cues)
    too_wide = [line for c in narrow.cues for line in c.lines if len(line) > 20]
    assert all(" " not in line for line in too_wide)  # only a word longer than a line


def test_problem_cues_say_which_rule_they_break_and_the_verdict_lists_them() -> None:
    preview = preview_subtitles(fast_speaker(), ExportChoices())
    fast = [c.number for c in preview.cues if any("reads too fast" in p for p in c.problems)]
    assert fast, "the fast speaker's cues must be flagged"
    assert "read too fast" in preview.check.summary or "reads too fast" in preview.check.summary
    listed = preview.check.summary.split("too fast: ")[1].split(";")[0]
    assert [int(n.split(" ")[0]) for n in listed.split(", ")] == fast[:12]  # "12 and 9 more"
    assert preview.problem_cues >= len(fast)
    for number in fast:
        assert preview.check.places[number] == preview.cues[number - 1].first_word
    assert any("limit 20" in p for p in preview.cues[fast[0] - 1].problems)
    heading = preview.text.split("\n")[preview.cue_lines[fast[0] - 1]]
    assert "⚠ reads too fast" in heading  # said in words, not only by colour


def test_a_calm_interview_has_no_problems() -> None:
    doc = document([word("Which", 0.5, 0.8, speaker="S1"),
                    word("platform", 0.8, 1.3, speaker="S1"),
                    punct("?", 1.3, is_eos=True, speaker="S1"),
                    word("Four", 2.0, 2.4, speaker="S2"),
                    punct(".", 2.4, is_eos=True, speaker="S2")])
    preview = preview_subtitles(Transcript.from_json_v2(doc), ExportChoices())
    assert preview.check.summary == "0 problems" and preview.problem_cues == 0
    assert all(not c.problems for c in preview.cues)


def test_a_translation_is_previewed_from_its_own_segments() -> None:
    doc = document([word("Hello", 0.5, 1.0, speaker="S1"), punct(".", 1.0, is_eos=True,
                                                                  speaker="S1")],
                   translations={"es": [{"start_time": 0.5, "end_time": 1.0,
                                         "content": "Hola.", "speaker": "S1"}]})
    t = Transcript.from_json_v2(doc)
    preview = preview_subtitles(t, ExportChoices(translation="es"))
    assert [c.lines for c in preview.cues] == [("Hola.",)]
    assert preview.cues[0].first_word is None
    with pytest.raises(ValueError, match="'fr'"):
        preview_subtitles(t, ExportChoices(translation="fr"))
