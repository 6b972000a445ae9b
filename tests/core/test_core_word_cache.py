"""The kept parsed form of a transcript (core.word_cache): the same Transcript as its json-v2 text,
and nothing at all when the bytes cannot be trusted."""

from __future__ import annotations

import json
import marshal
import zlib
from pathlib import Path
from typing import Any

import pytest

from bench.synthetic_transcript import synthetic_json_v2
from smdesk.core import edits, word_cache
from smdesk.core.transcript import Transcript
from smdesk.core.transcript_read import read_json_text

from .factories import document, entity, make_json_v2, punct, word
from .realworld import FILES, needs_realworld
from .same_transcript import assert_same


def cached(text: str) -> Transcript:
    data = word_cache.encode(read_json_text(text))
    transcript = Transcript.from_word_cache(data)
    assert transcript is not None
    return transcript


def edited_text(doc: dict[str, Any]) -> str:
    """What autosave writes after a reviewer's usual edits."""
    t = Transcript.from_json_v2(doc)
    speakers = t.speakers()
    edits.rename_speaker(t, speakers[0], "Ana Ruiz")
    edits.replace_text(t, 3 % len(t.words), 3 % len(t.words), "corrected")
    edits.check_word(t, 5 % len(t.words))
    paragraph = t.paragraphs()[0]
    inside = [i for i in range(paragraph.first + 1, paragraph.last + 1)
              if not t.words[i].is_punctuation]
    if inside:
        edits.split_paragraph(t, inside[len(inside) // 2])
    return t.snapshot().to_json_text()


ODD = document(
    [word("one", 1, 2), entity("$2.05", ["two", "dollars", "five"], 3.0, 4.0),
     {"type": "speaker_change", "start_time": 4.0, "end_time": 4.0},
     {**word("loud", 5.0, 6.0), "volume": 3.5}, {**word("null", 6.0, 7.0), "channel": None},
     word("hi", 7.0, 7.5, speaker="UU", channel="channel_2"), punct(".", 7.5, is_eos=True)],
    chapters=[{"title": "One"}],
)
DOCUMENTS = {
    "bench": synthetic_json_v2(3000, 0.3),
    "translated": make_json_v2(400, translations=True),
    "channels": make_json_v2(200, channels=["channel_1", "channel_2"]),
    "odd results": ODD,
    "no words": document([]),
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_cache_gives_the_transcript_its_text_gives(name: str) -> None:
    text = json.dumps(DOCUMENTS[name])
    assert_same(cached(text), Transcript.from_json_text(text))
    edited = edited_text(DOCUMENTS[name]) if name != "no words" else text
    assert_same(cached(edited), Transcript.from_json_text(edited))


@needs_realworld
@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_real_files_read_the_same_from_the_cache(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        expected = Transcript.from_json_text(text)
    except ValueError:
        pytest.skip(f"{path.name} is not a json-v2 transcript")
    assert_same(cached(text), expected)
    if expected.words:
        doc = json.loads(text)
        edited = edited_text(doc)
        assert_same(cached(edited), Transcript.from_json_text(edited))


def test_a_transcript_from_the_cache_edits_and_exports_like_one_from_the_text() -> None:
    text = json.dumps(ODD)
    pair = [cached(text), Transcript.from_json_text(text)]
    for t in pair:
        edits.replace_text(t, 1, 1, "$3.10")
        edits.replace_text(t, 2, 2, "quiet")
        edits.rename_speaker(t, "S1", "Ben")
    assert_same(*pair)
    for t in pair:
        edits.restore(t, Transcript.from_json_v2(ODD))
    # the raw results kept were not edited, and the text as a whole reads back the same
    assert pair[0].to_json_v2() == ODD
    assert_same(*pair)


def test_damaged_or_foreign_bytes_are_not_trusted() -> None:
    data = word_cache.encode(read_json_text(json.dumps(DOCUMENTS["translated"])))
    middle = len(data) // 2
    flipped = data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:]
    key = data[: data.index(b"\n") + 1]
    other_shape = marshal.dumps((1, 2, 3))
    forged = key + zlib.compress(other_shape)
    other_version = data.replace(b"cache 1", b"cache 9", 1)
    for bad in (flipped, data[:-10], data[:5], b"", b"garbage", other_version, forged):
        assert word_cache.decode(bad) is None
        assert Transcript.from_word_cache(bad) is None
