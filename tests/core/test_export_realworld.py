"""Every format of the real Speechmatics outputs in ../shared/realworld/json-v2, read back."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from pathlib import Path

import docx
import pytest
import srt
import webvtt

from smdesk.core.export import CSV, DOCX, JSON, SRT, VTT, ExportChoices, render
from smdesk.core.transcript import Transcript
from tests.core.realworld import each_file, needs_realworld

pytestmark = needs_realworld


@each_file()
def real(request: pytest.FixtureRequest) -> Transcript:
    path: Path = request.param
    return Transcript.from_json_v2(json.loads(path.read_text(encoding="utf-8")))


def tokens(t: Transcript) -> str:
    return "".join("".join(w.text for w in t.words).split())


def cue_text(content: str) -> str:
    """A cue's text without spaces and without the dash that marks a second speaker."""
    return "".join("".join(re.sub(r"^- ?", "", line).split()) for line in content.splitlines())


def test_subtitles_hold_every_word_in_order_and_never_overlap(real: Transcript) -> None:
    subs = list(srt.parse(render(real, SRT).decode()))
    assert "".join(cue_text(s.content) for s in subs) == tokens(real)
    assert all(a.end <= b.start for a, b in itertools.pairwise(subs))
    captions = webvtt.from_string(render(real, VTT).decode()).captions
    assert len(captions) == len(subs)


def test_json_round_trip_is_lossless(real: Transcript) -> None:
    back = Transcript.from_json_v2(json.loads(render(real, JSON)))
    assert back.to_json_v2() == real.to_json_v2()


def test_docx_and_csv_hold_the_same_paragraphs(real: Transcript) -> None:
    choices = ExportChoices(timestamps="none", speaker_names=False, include_summary=False)
    rows = list(csv.DictReader(io.StringIO(render(real, CSV, choices).decode("utf-8-sig"))))
    document = docx.Document(io.BytesIO(render(real, DOCX, choices)))
    turns = [p.text for p in document.paragraphs if p.style.name == "Transcript Turn"]
    assert turns == [r["text"] for r in rows]


def test_each_translation_exports_as_subtitles(real: Transcript) -> None:
    for language, segments in real.translations.items():
        subs = list(srt.parse(render(real, SRT, ExportChoices(translation=language)).decode()))
        assert len(subs) >= len([s for s in segments if s.text.strip()])
