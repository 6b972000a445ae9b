"""The engine measured by the independent checker (tests/core/subtitle_rules.py), issue 7 §3.

Synthetic cases (tests/core/subtitle_cases.py) and the real Speechmatics outputs in
../shared/realworld/json-v2 go through make_cues, become an SRT file, and the checker, which
shares no code with the engine, counts the breaks; the server-style SRT (what the API does,
smdesk.sandbox.render) is checked the same way for comparison.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import srt

from smdesk.core.subtitles import PRESETS, Cue, check_cues, make_cues
from smdesk.core.transcript import Transcript
from smdesk.sandbox.render import to_srt as server_srt

from .factories import make_json_v2
from .subtitle_cases import Case, all_cases
from .subtitle_rules import BBC, GUIDES, NETFLIX, Guide, check_srt

REALWORLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "realworld" / "json-v2"
SPEED_RULES = {"reading_speed", "words_per_minute"}


def engine_srt(doc: dict[str, Any], preset: str) -> str:
    return _compose(make_cues(Transcript.from_json_v2(doc), PRESETS[preset]))


def _compose(cues: list[Cue]) -> str:
    return str(srt.compose(
        [srt.Subtitle(n, timedelta(seconds=c.start), timedelta(seconds=c.end), c.text)
         for n, c in enumerate(cues, start=1)],
        reindex=False,
    ))


@pytest.mark.parametrize("guide", [NETFLIX, BBC], ids=lambda g: g.name)
def test_presets_hold_the_guides_numbers(guide: Guide) -> None:
    rules = PRESETS[guide.name]
    assert rules.max_chars_per_line == guide.max_chars
    assert rules.max_lines == guide.max_lines
    assert rules.max_cps == guide.max_cps and rules.max_wpm == guide.max_wpm
    assert rules.min_duration == pytest.approx(guide.min_duration)
    assert rules.max_duration == guide.max_duration
    assert rules.min_gap == pytest.approx(guide.gap_frames / guide.fps)
    assert rules.max_lead <= guide.lead + 1e-9 and rules.max_linger <= guide.linger + 1e-9


CASES = all_cases()


@pytest.mark.parametrize("guide", [NETFLIX, BBC], ids=lambda g: g.name)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_synthetic_cases(case: Case, guide: Guide) -> None:
    ours = check_srt(engine_srt(case.doc, guide.name), case.doc, guide)
    server = check_srt(server_srt(case.doc, guide.max_chars, guide.max_lines), case.doc, guide)
    assert ours.count("lost_words") == 0
    if case.feasible:
        assert ours.hard_breaks() == {}, case.name
    else:
        # Only the rule the case makes impossible breaks, and no more often than the API's SRT.
        assert set(ours.hard_breaks()) <= SPEED_RULES | {"line_length"}
        assert ours.hard <= server.hard
        assert ours.hard >= ours.reading_floor  # the floor is a true lower bound
    assert ours.count("orphan") == 0


def test_fast_speaker_breaks_only_reading_speed_and_fewer_than_the_api() -> None:
    case = next(c for c in CASES if c.name.startswith("fast"))
    for guide in (NETFLIX, BBC):
        ours = check_srt(engine_srt(case.doc, guide.name), case.doc, guide)
        server = check_srt(server_srt(case.doc, guide.max_chars, 2), case.doc, guide)
        assert ours.hard > 0, "4.5 words a second cannot be read at these speeds"
        assert set(ours.hard_breaks()) <= SPEED_RULES
        assert ours.hard < server.hard


@pytest.mark.parametrize("preset", ["netflix", "bbc"])
def test_the_engines_checker_agrees_with_the_independent_one(preset: str) -> None:
    """check_cues (what the app shows) counts what the independent checker counts."""
    guide = GUIDES[preset]
    for case in CASES:
        cues = make_cues(Transcript.from_json_v2(case.doc), PRESETS[preset])
        ours = Counter(b.rule for b in check_cues(cues, PRESETS[preset]))
        theirs = check_srt(engine_srt(case.doc, preset), case.doc, guide)
        for rule in ("line_length", "lines", "reading_speed", "words_per_minute",
                     "min_duration", "max_duration", "gap", "overlap", "dual_speaker"):
            assert ours[rule] == theirs.count(rule), (case.name, rule)


@pytest.mark.parametrize(
    ("preset", "channels"),
    [("netflix", None), ("bbc", None), ("vertical", None), ("netflix", ["left", "right"])],
)
def test_properties_over_a_long_synthetic_interview(
    preset: str, channels: list[str] | None
) -> None:
    doc = make_json_v2(1500, speakers=3, seed=11, channels=channels)
    rules = PRESETS[preset]
    guide = GUIDES.get(preset, NETFLIX)
    cues = make_cues(Transcript.from_json_v2(doc), rules)
    report = check_srt(engine_srt(doc, preset), doc, guide)
    assert report.count("lost_words") == 0 and report.count("sync") == 0
    assert report.count("overlap") == 0 and report.count("dual_speaker") == 0
    breaks = {b.rule for b in check_cues(cues, rules)}
    assert "gap" not in breaks and "overlap" not in breaks and "lines" not in breaks
    for cue in cues:
        for line in cue.lines:
            assert len(line) <= rules.max_chars_per_line or " " not in line.lstrip("- "), line


@pytest.mark.parametrize(
    ("width", "lines", "cps", "wpm", "gap_frames"),
    [(10, 1, None, None, 0), (30, 3, 15.0, None, 2), (60, 2, None, 160.0, 4),
     (16, 2, 25.0, 200.0, 1)],
)
def test_custom_rules_keep_their_limits(
    width: int, lines: int, cps: float | None, wpm: float | None, gap_frames: int
) -> None:
    rules = dataclasses.replace(PRESETS["netflix"], name="custom", max_chars_per_line=width,
                                max_lines=lines, max_cps=cps, max_wpm=wpm,
                                min_gap_frames=gap_frames)
    doc = make_json_v2(800, speakers=2, seed=width)
    transcript = Transcript.from_json_v2(doc)
    cues = make_cues(transcript, rules)
    longest_token = max(len(w.text) for w in transcript.words) + 2
    for cue in cues:
        assert 1 <= len(cue.lines) <= lines
        assert all(len(line) <= width or (len(line) <= longest_token and " " not in line)
                   for line in cue.lines), cue.lines
    for before, after in itertools.pairwise(cues):
        assert after.start - before.end >= rules.min_gap - 0.0005
    guide = dataclasses.replace(NETFLIX, max_chars=width, max_lines=lines)
    report = check_srt(_compose(cues), doc, guide)
    assert report.count("lost_words") == 0 and report.count("overlap") == 0


def _realworld_files() -> list[Path]:
    return sorted(REALWORLD.glob("*.json")) if REALWORLD.is_dir() else []


@pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"real transcripts not found at {REALWORLD}")
@pytest.mark.parametrize("guide", [NETFLIX, BBC], ids=lambda g: g.name)
def test_real_transcripts_break_fewer_rules_than_the_api_srt(guide: Guide) -> None:
    total_ours = total_server = 0
    for path in _realworld_files():
        doc = json.loads(path.read_text(encoding="utf-8"))
        if not doc.get("results"):
            continue
        ours = check_srt(engine_srt(doc, guide.name), doc, guide)
        server = check_srt(server_srt(doc, guide.max_chars, guide.max_lines), doc, guide)
        assert ours.count("lost_words") == 0, path.name
        # What remains is speech faster than the preset's reading speed allows.
        assert set(ours.hard_breaks()) <= SPEED_RULES, (path.name, ours.hard_breaks())
        assert ours.hard <= server.hard, path.name
        total_ours += ours.hard
        total_server += server.hard
    assert total_ours < total_server / 3
