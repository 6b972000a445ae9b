"""Fixtures: a running sandbox on loopback, an authorised aiohttp session, small audio files."""

from __future__ import annotations

import json
import math
import struct
import wave
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from smdesk.sandbox import Sandbox

KEY = "test-key"


def write_wav(
    path: Path, seconds: float = 2.0, channels: int = 1, rate: int = 8000, freq: float = 440.0
) -> Path:
    frames = bytearray()
    for i in range(int(seconds * rate)):
        sample = int(8000 * math.sin(2 * math.pi * freq * i / rate))
        frames += struct.pack("<h", sample) * channels
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))
    return path


@pytest.fixture
def wav(tmp_path: Path) -> Path:
    return write_wav(tmp_path / "tone.wav")


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[Sandbox]:
    async with Sandbox(api_key=KEY, processing_seconds=0.2, spool_dir=tmp_path / "spool") as sb:
        yield sb


def authorised_session(sandbox: Sandbox, key: str = KEY) -> aiohttp.ClientSession:
    """A session rooted at the sandbox that sends ``key`` as the Bearer token."""
    return aiohttp.ClientSession(
        base_url=sandbox.mp_url, headers={"Authorization": f"Bearer {key}"}
    )


@pytest.fixture
async def http(sandbox: Sandbox) -> AsyncIterator[aiohttp.ClientSession]:
    async with authorised_session(sandbox) as session:
        yield session


def job_form(
    config: dict[str, Any] | None,
    path: Path | None = None,
    *,
    content_type: str = "audio/wav",
    filename: str | None = None,
) -> aiohttp.FormData:
    # quote_fields=False: aiohttp would otherwise percent-encode the filename ("a%201.wav"),
    # and the server (like the real API) takes the filename literally.
    form = aiohttp.FormData(default_to_multipart=True, quote_fields=False)
    if config is not None:
        form.add_field("config", json.dumps(config), content_type="application/json")
    if path is not None:
        form.add_field(
            "data_file",
            path.read_bytes(),
            filename=filename or path.name,
            content_type=content_type,
        )
    return form


def file_size(path: Path) -> int:
    return path.stat().st_size


def config(**transcription: Any) -> dict[str, Any]:
    return {"type": "transcription", "transcription_config": {"language": "en", **transcription}}


Submit = Callable[..., Any]


@pytest.fixture
def submit(http: aiohttp.ClientSession) -> Submit:
    """POST /v2/jobs with `cfg` and `path`; returns the job id (asserts 201)."""

    async def run(cfg: dict[str, Any], path: Path | None, **params: Any) -> str:
        async with http.post("/v2/jobs", data=job_form(cfg, path), params=params) as resp:
            body = await resp.json()
            assert resp.status == 201, body
            return str(body["id"])

    return run


async def transcript(http: aiohttp.ClientSession, job_id: str, fmt: str = "json-v2") -> Any:
    """Wait for the job (server-side wait) and fetch its transcript."""
    async with http.get(f"/v2/jobs/{job_id}/transcript", params={"format": fmt, "wait": 30}) as r:
        assert r.status == 200, await r.text()
        return await r.json() if fmt == "json-v2" else await r.text()
