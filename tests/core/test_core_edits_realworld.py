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


def test_each_result_is_encoded_as_json_dumps_writes_it(
    document: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from smdesk.core import json_text
    from smdesk.core.transcript_doc import render_result

    t = Transcript.from_json_v2(document)
    rendered = [render_result(word) for word in t.words]
    assert [json_text.encode_result(r) for r in rendered] == [json.dumps(r) for r in rendered]
    monkeypatch.setattr(json.encoder, "c_make_encoder", None)  # a Python without json's C part
    assert json_text._one_result_encoder() is json.dumps
