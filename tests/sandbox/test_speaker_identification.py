"""The sandbox emulates speaker identification: get_speakers gives stable identifiers per voice,
and identifiers sent back in `speakers` name those voices, over real loopback HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp
import pytest

from smdesk.sandbox import Sandbox
from smdesk.sandbox.sample import SAMPLE_AUDIO
from tests.sandbox.conftest import KEY, Submit, authorised_session, config, job_form, transcript
from tests.sandbox.conftest import write_wav as write_tone


def enrol(**sdc: Any) -> dict[str, Any]:
    return config(diarization="speaker", speaker_diarization_config=sdc)


def speakers_in(doc: dict[str, Any]) -> list[str]:
    seen: list[str] = []
    for result in doc["results"]:
        speaker = result["alternatives"][0]["speaker"]
        if speaker not in seen:
            seen.append(speaker)
    return seen


async def identifiers(http: aiohttp.ClientSession, submit: Submit, path: Path) -> dict[str, Any]:
    doc = await transcript(http, await submit(enrol(get_speakers=True), path))
    return {s["label"]: s["speaker_identifiers"] for s in doc["speakers"]}


async def test_sample_gives_one_identifier_per_true_voice(
    http: aiohttp.ClientSession, submit: Submit, tmp_path: Path
) -> None:
    first = await identifiers(http, submit, SAMPLE_AUDIO)
    assert sorted(first) == ["S1", "S2"]
    assert first["S1"] != first["S2"] and all(len(ids) == 1 for ids in first.values())
    # The same voice, uploaded again under another name, gets the same identifier.
    copy = tmp_path / "renamed.ogg"
    copy.write_bytes(SAMPLE_AUDIO.read_bytes())
    assert await identifiers(http, submit, copy) == first


async def test_identifiers_survive_a_sandbox_restart(tmp_path: Path) -> None:
    found = []
    for _ in range(2):
        async with (
            Sandbox(api_key=KEY, processing_seconds=0.1) as sb,
            authorised_session(sb) as http,
        ):
            form = job_form(enrol(get_speakers=True), SAMPLE_AUDIO, content_type="audio/ogg")
            async with http.post("/v2/jobs", data=form) as resp:
                job_id = (await resp.json())["id"]
            found.append((await transcript(http, job_id))["speakers"])
    assert found[0] == found[1]


async def test_other_audio_is_deterministic_per_file_and_speaker(
    http: aiohttp.ClientSession, submit: Submit, tmp_path: Path
) -> None:
    a = write_tone(tmp_path / "a.wav", seconds=20.0, freq=440.0)
    b = write_tone(tmp_path / "b.wav", seconds=20.0, freq=523.0)
    ids_a = await identifiers(http, submit, a)
    assert await identifiers(http, submit, a) == ids_a
    ids_b = await identifiers(http, submit, b)
    assert set(map(tuple, ids_a.values())).isdisjoint(map(tuple, ids_b.values()))


async def test_known_identifiers_name_their_voice_and_others_stay_numbered(
    http: aiohttp.ClientSession, submit: Submit
) -> None:
    ids = await identifiers(http, submit, SAMPLE_AUDIO)
    cfg = enrol(speakers=[{"label": "Dr Rivera", "speaker_identifiers": ids["S2"]}])
    doc = await transcript(http, await submit(cfg, SAMPLE_AUDIO))
    assert speakers_in(doc) == ["S1", "Dr Rivera"]
    assert "speakers" not in doc  # only with get_speakers
    txt = await transcript(http, await submit(cfg, SAMPLE_AUDIO), fmt="txt")
    assert "SPEAKER: Dr Rivera" in txt


async def test_both_voices_known_and_get_speakers_lists_their_names(
    http: aiohttp.ClientSession, submit: Submit
) -> None:
    ids = await identifiers(http, submit, SAMPLE_AUDIO)
    cfg = enrol(get_speakers=True, speakers=[
        {"label": "Host", "speaker_identifiers": ids["S1"]},
        {"label": "Guest", "speaker_identifiers": ids["S2"]},
    ])  # fmt: skip
    doc = await transcript(http, await submit(cfg, SAMPLE_AUDIO))
    assert speakers_in(doc) == ["Host", "Guest"]
    assert [s["label"] for s in doc["speakers"]] == ["Host", "Guest"]


@pytest.mark.parametrize(
    ("speakers", "complaint"),
    [
        ([{"label": "S1", "speaker_identifiers": ["x"]}], "not S1"),
        ([{"label": "Ana", "speaker_identifiers": []}], "unique speaker_identifiers"),
        ([{"label": "Ana", "speaker_identifiers": ["made-up"]}], "not valid"),
    ],
)
async def test_bad_speakers_are_refused_at_submission(
    http: aiohttp.ClientSession, wav: Path, speakers: list[Any], complaint: str
) -> None:
    async with http.post("/v2/jobs", data=job_form(enrol(speakers=speakers), wav)) as resp:
        body = await resp.json()
    assert resp.status == 400 and complaint in body["detail"]


async def test_a_newer_generation_refuses_old_identifiers(
    http: aiohttp.ClientSession, submit: Submit
) -> None:
    ids = await identifiers(http, submit, SAMPLE_AUDIO)
    cfg = enrol(speakers=[{"label": "Guest", "speaker_identifiers": ids["S2"]}])
    async with (
        Sandbox(api_key=KEY, processing_seconds=0.1, voice_generation=2) as newer,
        authorised_session(newer) as other,
    ):
        form = job_form(cfg, SAMPLE_AUDIO, content_type="audio/ogg")
        async with other.post("/v2/jobs", data=form) as resp:
            body = await resp.json()
    assert resp.status == 400 and "older model" in body["detail"]
    assert newer.stats.uploads == 0  # no job was created
