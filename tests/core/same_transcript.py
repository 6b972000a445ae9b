"""One check that two Transcripts are the same in everything a user or an export could see."""

from __future__ import annotations

import json

from smdesk.core.transcript import Transcript


def assert_same(got: Transcript, expected: Transcript) -> None:
    """Every field of every Word, what the round trip keeps, and the JSON written back."""
    assert got.words == expected.words
    assert [w.origin for w in got.words] == [w.origin for w in expected.words]
    assert [(w.checked, w.paragraph_break) for w in got.words] == [
        (w.checked, w.paragraph_break) for w in expected.words]
    for name in ("duration", "language", "translations", "summary", "word_delimiter",
                 "language_delimiters", "speaker_names", "srt_overrides"):
        assert getattr(got, name) == getattr(expected, name), name
    assert got.speakers() == expected.speakers()
    assert got.paragraphs() == expected.paragraphs()
    assert got._source == expected._source
    # As text: json.dumps tells 5 from 5.0 and keeps key order, where == on dicts does not.
    assert json.dumps(got.to_json_v2()) == json.dumps(expected.to_json_v2())
    assert got.snapshot().to_json_text() == expected.snapshot().to_json_text()
