"""The streaming json-v2 decoder: json.loads' values, results handed over one at a time."""

from __future__ import annotations

import json
from typing import Any

import pytest

from smdesk.core.json_stream import decode_streaming_results
from smdesk.core.transcript import Transcript

from .factories import make_json_v2


def streamed(text: str) -> tuple[dict[str, Any] | None, list[Any]]:
    taken: list[Any] = []
    return decode_streaming_results(text, taken.append), taken


def as_loads(data: dict[str, Any] | None, taken: list[Any]) -> dict[str, Any] | None:
    """What json.loads would have given, with the handed-over results put back."""
    if data is not None and isinstance(data.get("results"), list):
        assert data["results"] == []
        data["results"] = taken
    return data


@pytest.mark.parametrize("dumps", [
    lambda d: json.dumps(d),
    lambda d: json.dumps(d, indent=2),
    lambda d: json.dumps(d, separators=(",", ":")),
    lambda d: json.dumps(d, ensure_ascii=False),
    lambda d: "\r\n\t " + json.dumps(d, indent="\t").replace(": ", " :\n ") + " \n",
])
def test_gives_what_json_loads_gives_however_the_text_is_laid_out(dumps: Any) -> None:
    doc = make_json_v2(300, translations=True)
    doc["results"][3]["alternatives"][0]["content"] = 'Zoë "quoted" \\ \u2028 😀'
    doc["extra"] = {"nested": [[], {}, None, True, 1e-7, 10**30, float("nan")]}
    text = dumps(doc)
    data, taken = streamed(text)
    got, expected = as_loads(data, taken), json.loads(text)
    assert json.dumps(got) == json.dumps(expected)  # also NaN, and the order of keys
    assert len(taken) == len(doc["results"])


@pytest.mark.parametrize("text", ['{"results": []}', '{"results": [ ] , "a": {}}', "{}",
                                  '{"results": {"not": "a list"}}', '{"results": 5}'])
def test_empty_and_odd_results(text: str) -> None:
    data, taken = streamed(text)
    assert as_loads(data, taken) == json.loads(text)


@pytest.mark.parametrize("text", [
    "", "   ", "[]", '"results"', '{"results": [1,]}', '{"results": [1 2]}', '{"a": 1,}',
    '{"a": 1} {}', '{"a": 1}x', '{"results": [], "results": [1]}', '{"a" 1}', '{a: 1}',
    '{"results": [{"x": 1}', '{"a": "unterminated}',
])
def test_declines_what_it_does_not_read_like_json_loads(text: str) -> None:
    data, _ = streamed(text)
    assert data is None


def test_a_repeated_key_still_reads_as_json_loads_reads_it() -> None:
    doc = make_json_v2(20)
    text = json.dumps(doc)[:-1] + ', "results": ' + json.dumps(doc["results"][:5]) + "}"
    assert len(Transcript.from_json_text(text).words) == len(
        Transcript.from_json_v2(json.loads(text)).words) < 20


def test_results_are_handed_over_before_the_rest_is_read() -> None:
    order: list[str] = []
    text = '{"results": [{"n": 1}, {"n": 2}], "after": 3}'
    data = decode_streaming_results(text, lambda r: order.append(f"result {r['n']}"))
    assert order == ["result 1", "result 2"] and data == {"results": [], "after": 3}
