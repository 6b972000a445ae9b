"""Edits on the real Speechmatics outputs in ../shared/realworld/json-v2: exact undo, fast text."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from smdesk.core import edits
from smdesk.core.transcript import Transcript

REALWORLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "realworld" / "json-v2"
FILES = sorted(REALWORLD.glob("*.json")) if REALWORLD.is_dir() else []

pytestmark = pytest.mark.skipif(
    not FILES, reason=f"the real json-v2 outputs are not at {REALWORLD} (../shared is absent)"
)


@pytest.fixture(params=FILES, ids=[f.stem for f in FILES])
def document(request: pytest.FixtureRequest) -> dict[str, Any]:
    path: Path = request.param
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_snapshot_text_is_the_same_document(document: dict[str, Any]) -> None:
    t = Transcript.from_json_v2(document)
    assert json.loads(t.snapshot().to_json_text()) == t.to_json_v2() == document


def test_edits_on_real_files_undo_to_the_file(document: dict[str, Any]) -> None:
    t = Transcript.from_json_v2(document)
    if not t.words:
        pytest.skip("no words in this file")
    rng = random.Random(7)
    undo: list[edits.Edit] = []
    for _ in range(12):
        index = rng.randrange(len(t.words))
        last = min(index + rng.randrange(3), len(t.words) - 1)
        choice = rng.randrange(4)
        if choice == 0:
            applied = edits.replace_text(t, index, last, "corrected words, here.")
        elif choice == 1:
            applied = edits.delete_words(t, index, last)
        elif choice == 2:
            applied = edits.give_to_speaker(t, index, last, None, "Someone")
        else:
            applied = edits.check_word(t, index)
        undo.append(applied.inverse)
        assert json.loads(t.snapshot().to_json_text()) == t.to_json_v2()
    again = Transcript.from_json_v2(json.loads(t.snapshot().to_json_text()))
    assert again.words == t.words and again.paragraphs() == t.paragraphs()
    for inverse in reversed(undo):
        edits.apply(t, inverse)
    assert t.to_json_v2() == document
