"""Changes against the original on the real Speechmatics outputs in ../shared/realworld/json-v2:
after random edits and a save, reverting every listed change gives the file back."""

from __future__ import annotations

import random
from typing import Any

import pytest

from smdesk.core import changes
from smdesk.core.transcript import Transcript
from tests.core.realworld import each_file, needs_realworld, read_document

from .test_core_changes import random_edit

pytestmark = needs_realworld


@each_file()
def document(request: pytest.FixtureRequest) -> dict[str, Any]:
    return read_document(request.param)


def test_reverting_every_change_gives_the_real_file_back(document: dict[str, Any]) -> None:
    t, original = Transcript.from_json_v2(document), Transcript.from_json_v2(document)
    if len(t.words) < 20:
        pytest.skip("too few words in this file for random edits")
    rng = random.Random(3)
    for _ in range(20):
        random_edit(t, rng)
    saved = Transcript.from_json_v2(t.to_json_v2())  # as the history keeps the edited copy
    found = changes.compare(saved, original)
    assert found.differences or saved.to_json_v2() == document
    changes.revert(saved, original, found.differences)
    assert saved.to_json_v2() == document
    assert changes.compare(saved, original).differences == ()
