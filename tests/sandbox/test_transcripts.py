"""What the sandbox transcribes and how it renders json-v2, txt and srt."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import aiohttp
import srt

from smdesk.sandbox import Sandbox
from smdesk.sandbox.render import to_srt, to_txt
from smdesk.sandbox.sample import SAMPLE_AUDIO, SAMPLE_TRANSCRIPT
from smdesk.sandbox.transcribe import SANDBOX_FIRST_SENTENCE, sandbox_tokens
from tests.sandbox.conftest import Submit, config, job_form, transcript, write_wav


def words_of(doc: dict[str, Any]) -> list[str]:
    return [r["alternatives"][0]["content"] for r in doc["results"] if r["type"] == "word"]


async def test_sandbox_text_is_marked_deterministic_and_spans_the_audio(
    http: aiohttp.ClientSession, submit: Submit, tmp_path: Path
) -> None:
    a = write_wav(tmp_path / "a.wav", seconds=20, freq=300)
    b = write_wav(tmp_path / "b.wav", seconds=20, freq=500)
    doc_a1 = await transcript(http, await submit(config(diarization="speaker"), a))
    doc_a2 = await transcript(http, await submit(config(diarization="speaker"), a))
    doc_b = await transcript(http, await submit(config(diarization="speaker"), b))
    txt = await transcript(http, await submit(config(), a), "txt")
    assert txt.startswith(SANDBOX_FIRST_SENTENCE)
    assert words_of(doc_a1) == words_of(doc_a2)
    assert words_of(doc_a1) != words_of(doc_b)
    results = doc_a1["results"]
    assert results[-1]["end_time"] <= 20 and results[-1]["end_time"] > 16
    starts = [r["start_time"] for r in results]
    assert starts == sorted(starts)
    speakers = {r["alternatives"][0]["speaker"] for r in results}
    assert speakers == {"S1", "S2"}
    for r in results:
        alt = r["alternatives"][0]
        assert 0 < alt["confidence"] <= 1 and alt["language"] == "en"
        if r["type"] == "punctuation":
            assert r["start_time"] == r["end_time"] and r["attaches_to"] == "previous"
            assert r["is_eos"] == (alt["content"] in ".?!")


async def test_without_diarization_speakers_are_uu_and_txt_has_no_speaker_lines(
    http: aiohttp.ClientSession, submit: Submit
) -> None:
    job_id = await submit(config(), SAMPLE_AUDIO)
    doc = await transcript(http, job_id)
    assert {r["alternatives"][0]["speaker"] for r in doc["results"]} == {"UU"}
    txt = await transcript(http, job_id, "txt")
    assert "SPEAKER" not in txt
    assert txt.startswith("Good morning, and welcome to the programme. Today I'm talking")


async def test_sample_returns_true_words_timings_and_speakers(
    http: aiohttp.ClientSession, submit: Submit
) -> None:
    truth = json.loads(SAMPLE_TRANSCRIPT.read_text(encoding="utf-8"))
    doc = await transcript(http, await submit(config(diarization="speaker"), SAMPLE_AUDIO))
    assert len(doc["results"]) == len(truth["words"])
    for result, word in zip(doc["results"], truth["words"], strict=True):
        assert result["alternatives"][0]["content"] == word["text"]
        assert result["alternatives"][0]["speaker"] == word["speaker"]
        assert result["start_time"] == word["start"]
    assert doc["job"]["duration"] == round(truth["duration"])
    assert 30 <= truth["duration"] <= 45 and 6 <= len(truth["turns"]) <= 10


async def test_txt_marks_each_speaker_turn(http: aiohttp.ClientSession, submit: Submit) -> None:
    txt = await transcript(http, await submit(config(diarization="speaker"), SAMPLE_AUDIO), "txt")
    lines = txt.splitlines()
    assert lines[0] == "SPEAKER: S1" and lines[2] == "SPEAKER: S2"
    assert lines[3] == "Thank you for having me. It's a pleasure to be here."
    assert sum(line.startswith("SPEAKER: ") for line in lines) == 9


async def test_channel_diarization_labels(
    http: aiohttp.ClientSession, submit: Submit, tmp_path: Path
) -> None:
    stereo = write_wav(tmp_path / "stereo.wav", seconds=10, channels=2)
    doc = await transcript(http, await submit(config(diarization="channel"), stereo))
    assert {r["channel"] for r in doc["results"]} == {"Channel 1", "Channel 2"}
    labelled = config(diarization="channel", channel_diarization_labels=["Agent", "Caller"])
    doc = await transcript(http, await submit(labelled, SAMPLE_AUDIO))
    first_turn = {r["channel"] for r in doc["results"][:5]}
    assert first_turn == {"Agent"} and doc["results"][-1]["channel"] == "Agent"
    assert {r["channel"] for r in doc["results"]} == {"Agent", "Caller"}


async def test_entities_have_spoken_and_written_forms(
    http: aiohttp.ClientSession, submit: Submit
) -> None:
    job_id = await submit(config(enable_entities=True), SAMPLE_AUDIO)
    doc = await transcript(http, job_id)
    entities = [r for r in doc["results"] if r["type"] == "entity"]
    assert [e["alternatives"][0]["content"] for e in entities] == ["2019", "300", "40"]
    year = entities[0]
    assert year["entity_class"] == "date"
    assert [w["alternatives"][0]["content"] for w in year["spoken_form"]] == ["twenty", "nineteen"]
    assert year["written_form"][0]["alternatives"][0]["content"] == "2019"
    assert "It started in 2019, when" in await transcript(http, job_id, "txt")


async def test_translations_summary_and_metadata(
    http: aiohttp.ClientSession, submit: Submit
) -> None:
    cfg = {
        **config(diarization="speaker"),
        "translation_config": {"target_languages": ["es", "de"]},
        "summarization_config": {"summary_type": "paragraphs", "summary_length": "brief"},
    }
    doc = await transcript(http, await submit(cfg, SAMPLE_AUDIO))
    es = doc["translations"]["es"]
    assert es[0] == {
        "content": "[es] Good morning, and welcome to the programme.",
        "end_time": es[0]["end_time"],
        "start_time": 0.4,
        "speaker": "S1",
    }
    assert len(es) == len(doc["translations"]["de"]) > 9
    assert doc["summary"]["content"].startswith("[sandbox summary]")
    meta = doc["metadata"]
    assert meta["type"] == "transcription" and meta["created_at"].endswith("Z")
    assert meta["transcription_config"] == cfg["transcription_config"]
    assert meta["translation_config"] == cfg["translation_config"]
    assert meta["language_pack_info"]["word_delimiter"] == " "
    assert meta["orchestrator_version"]
    assert "translation_errors" not in meta


async def test_translation_pairs(http: aiohttp.ClientSession, submit: Submit, wav: Path) -> None:
    auto = {**config(), "translation_config": {"target_languages": ["es", "xx"]}}
    auto["transcription_config"]["language"] = "auto"
    doc = await transcript(http, await submit(auto, wav))
    assert set(doc["translations"]) == {"es"}
    detected = doc["metadata"]["language_identification"]["results"][0]["alternatives"][0]
    assert detected["language"] == "en"
    assert doc["metadata"]["translation_errors"] == [
        {
            "type": "unsupported_translation_pair",
            "message": "Translation from en to xx currently not supported",
        }
    ]
    explicit = {**config(), "translation_config": {"target_languages": ["xx"]}}
    job_id = await submit(explicit, wav)
    async with http.get(f"/v2/jobs/{job_id}", params={"wait": 30}) as resp:
        job = (await resp.json())["job"]
    assert job["status"] == "rejected"
    assert job["errors"][0]["message"] == "Translation from en to xx currently not supported"
    too_many = {**config(), "translation_config": {"target_languages": list("abcdef")}}
    async with http.post("/v2/jobs", data=job_form(too_many, wav)) as resp:
        assert resp.status == 400


async def test_srt_honours_overrides(http: aiohttp.ClientSession, submit: Submit) -> None:
    for overrides, length, lines in [
        (None, 37, 2),
        ({"max_line_length": 20, "max_lines": 1}, 20, 1),
    ]:
        cfg = config(diarization="speaker")
        if overrides:
            cfg["output_config"] = {"srt_overrides": overrides}
        text = await transcript(http, await submit(cfg, SAMPLE_AUDIO), "srt")
        cues = list(srt.parse(text))
        assert len(cues) > 10
        for cue in cues:
            cue_lines = cue.content.split("\n")
            assert len(cue_lines) <= lines
            assert all(len(line) <= length or " " not in line for line in cue_lines)
            assert cue.end > cue.start
        assert cues[0].content.startswith("Good morning")
        joined = " ".join(c.content.replace("\n", " ") for c in cues)
        assert "Thank you for joining us. Thank you for having me." in joined


def test_txt_joins_punctuation_per_attaches_to() -> None:
    def item(content: str, kind: str = "word", attaches: str | None = None) -> dict[str, Any]:
        r: dict[str, Any] = {
            "type": kind,
            "start_time": 0,
            "end_time": 0,
            "alternatives": [{"content": content, "speaker": "UU"}],
        }
        if attaches:
            r["attaches_to"] = attaches
        return r

    doc = {
        "results": [
            item("Yes"),
            item(",", "punctuation", "previous"),
            item("*", "punctuation", "next"),
            item("great"),
            item("for"),
            item("-", "punctuation", "both"),
            item("sure"),
            item("&", "punctuation", "none"),
            item("stuff"),
        ]
    }
    assert to_txt(doc) == "Yes, *great for-sure & stuff\n"
    doc["metadata"] = {"language_pack_info": {"word_delimiter": ""}}
    assert to_txt(doc) == "Yes,*greatfor-sure&stuff\n"
    assert to_srt({"results": []}) == ""


def test_long_audio_gets_text_over_its_whole_length() -> None:
    tokens = sandbox_tokens("ab" * 32, 3600.0)
    words = [t for t in tokens if t.kind == "word"]
    assert 8000 <= len(words) <= 9500
    assert words[-1].end <= 3600 and words[-1].end > 3500
    assert all(a.start <= b.start for a, b in itertools.pairwise(words))


async def test_sandbox_text_for_other_languages_keeps_the_language_code(
    sandbox: Sandbox, http: aiohttp.ClientSession, submit: Submit, wav: Path
) -> None:
    doc = await transcript(http, await submit(config(language="ja"), wav))
    assert {r["alternatives"][0]["language"] for r in doc["results"]} == {"ja"}
    assert doc["metadata"]["language_pack_info"]["word_delimiter"] == ""
