"""What a json-v2 file says about its own job: the detected language and its subtitle layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smdesk.core.transcript import Transcript
from tests.core.factories import document, punct, word

REALWORLD = Path("../shared/realworld/json-v2")


def words_without_language() -> list[dict[str, object]]:
    results = [word("Guten", 0.1, 0.4), word("Tag", 0.4, 0.8), punct(".", 0.8, is_eos=True)]
    for result in results:
        for alternative in result["alternatives"]:  # type: ignore[union-attr]
            alternative.pop("language", None)  # type: ignore[union-attr]
    return results


def test_predicted_language_of_an_auto_job_is_the_language() -> None:
    doc = document(words_without_language(), language="auto")
    doc["metadata"]["language_identification"] = {"predicted_language": "de"}
    assert Transcript.from_json_v2(doc).language == "de"


def test_without_identification_an_auto_job_is_not_reported_as_auto_from_words() -> None:
    doc = document([word("Hello", 0.1, 0.4)], language="auto")
    assert Transcript.from_json_v2(doc).language == "en"  # the words' own language


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld/json-v2 is not present")
def test_real_auto_job_with_predicted_language() -> None:
    data = json.loads((REALWORLD / "vcon-real-speechmatics-response.json").read_text("utf-8"))
    assert data["metadata"]["transcription_config"]["language"] == "auto"
    for result in data["results"]:  # as an engine that labels no words would send it
        for alternative in result.get("alternatives", []):
            alternative.pop("language", None)
    assert Transcript.from_json_v2(data).language == "en"


def test_srt_overrides_are_data_on_the_transcript() -> None:
    doc = document([word("Hi", 0.1, 0.4)])
    doc["metadata"]["output_config"] = {"srt_overrides": {"max_line_length": 30, "max_lines": 1}}
    assert Transcript.from_json_v2(doc).srt_overrides == {"max_line_length": 30, "max_lines": 1}


@pytest.mark.parametrize(
    "output_config",
    [None, {}, {"srt_overrides": None}, {"srt_overrides": {"max_lines": 0}},
     {"srt_overrides": {"max_line_length": "30", "max_lines": True}}],
)
def test_missing_or_bad_srt_overrides_are_empty(output_config: object) -> None:
    doc = document([word("Hi", 0.1, 0.4)])
    doc["metadata"]["output_config"] = output_config
    assert Transcript.from_json_v2(doc).srt_overrides == {}
