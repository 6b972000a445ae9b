"""The bundled sample and its generator."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest

from smdesk.media import check_media_file
from smdesk.sandbox import make_sample
from smdesk.sandbox.sample import SAMPLE_AUDIO, SAMPLE_TRANSCRIPT, sample_for


def test_bundled_sample_is_small_and_consistent() -> None:
    info = check_media_file(SAMPLE_AUDIO)
    truth = json.loads(SAMPLE_TRANSCRIPT.read_text(encoding="utf-8"))
    assert info.size < 300_000 and info.channels == 1
    assert info.duration == pytest.approx(truth["duration"], abs=0.1)
    assert {t["speaker"] for t in truth["turns"]} == {"S1", "S2"}
    words = truth["words"]
    assert all(w["start"] <= w["end"] for w in words)
    assert all(a["start"] <= b["start"] for a, b in itertools.pairwise(words))
    for turn in truth["turns"]:
        inside = [w for w in words if turn["start"] <= w["start"] < turn["end"]]
        assert {w["speaker"] for w in inside} == {turn["speaker"]}
    assert sample_for("0" * 64) is None


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("espeak-ng", "sox", "ffmpeg")),
    reason="needs espeak-ng, sox and ffmpeg",
)
def test_generator_reproduces_the_sample(tmp_path: Path) -> None:
    data = make_sample.build(tmp_path / "s.ogg", tmp_path / "s.json")
    bundled = json.loads(SAMPLE_TRANSCRIPT.read_text(encoding="utf-8"))
    assert [w["text"] for w in data["words"]] == [w["text"] for w in bundled["words"]]
    assert data["duration"] == pytest.approx(bundled["duration"], abs=1.0)
    assert (tmp_path / "s.ogg").stat().st_size < 300_000
