"""Edits on the real Speechmatics outputs in ../shared/realworld/json-v2: exact undo, fast text."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from smdesk.core import edits
from smdesk.core.transcript import Transcript
from tests.core.realworld import each_file, needs_realworld, read_document

pytestmark = needs_realworld


@each_file()
def document(request: pytest.FixtureRequest) -> dict[str, Any]:
    return read_document(request.param)


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
