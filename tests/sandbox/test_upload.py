"""Uploads are streamed to a spool file, checked against the size limit, and cleaned up."""

from __future__ import annotations

import hashlib
import tracemalloc
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
from aiohttp.payload import AsyncIterablePayload

from smdesk.sandbox import Sandbox
from tests.sandbox.conftest import KEY, authorised_session, config, job_form, write_wav

CHUNK = 256 * 1024


async def chunks(total: int, seed: bytes) -> AsyncIterator[bytes]:
    """A RIFF/WAVE header followed by pseudo-random bytes, produced lazily."""
    block = hashlib.sha256(seed).digest() * (CHUNK // 32)
    yield b"RIFF\xff\xff\xff\xffWAVE" + block[: CHUNK - 12]
    sent = CHUNK
    while sent < total:
        yield block[: min(CHUNK, total - sent)]
        sent += CHUNK


def streaming_form(total: int) -> aiohttp.FormData:
    form = aiohttp.FormData(default_to_multipart=True, quote_fields=False)
    form.add_field(
        "config", '{"type": "transcription", "transcription_config": {"language": "en"}}'
    )
    payload = AsyncIterablePayload(chunks(total, b"x"), content_type="audio/wav")
    form.add_field("data_file", payload, filename="stream.wav", content_type="audio/wav")
    return form


async def expected_sha256(total: int) -> str:
    digest = hashlib.sha256()
    async for chunk in chunks(total, b"x"):
        digest.update(chunk)
    return digest.hexdigest()


async def test_large_upload_is_spooled_not_held_in_memory(tmp_path: Path) -> None:
    total = 64 << 20
    spool = tmp_path / "spool"
    async with (
        Sandbox(api_key=KEY, processing_seconds=30, spool_dir=spool) as sb,
        authorised_session(sb) as http,
    ):
        tracemalloc.start()
        try:
            async with http.post("/v2/jobs", data=streaming_form(total)) as resp:
                assert resp.status == 201
                job_id = (await resp.json())["id"]
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < 16 << 20  # a 64 MiB upload never sits in memory
        job = sb.jobs[job_id]
        assert job.size == total and job.sha256 == await expected_sha256(total)
        assert job.spool_path is not None and job.spool_path.stat().st_size == total
        assert job.spool_path.parent == spool
        sb.finish_job(job_id)  # not audio -> rejected, and the spool file is deleted
        assert sb.job_status(job_id) == "rejected"
        assert list(spool.iterdir()) == []


async def test_upload_at_the_limit_is_rejected_and_removed(tmp_path: Path) -> None:
    big = write_wav(tmp_path / "long.wav", seconds=30)  # ~480 KB
    spool = tmp_path / "spool"
    async with (
        Sandbox(
            api_key=KEY, processing_seconds=0.1, spool_dir=spool, max_upload_bytes=100_000
        ) as sb,
        authorised_session(sb) as http,
    ):
        async with http.post("/v2/jobs", data=job_form(config(), big)) as resp:
            assert resp.status == 400
            body = await resp.json()
        assert body["code"] == 400 and body["error"] == "Job rejected"
        assert "maximum" in body["detail"] and "fetch_data" in body["detail"]
        assert not sb.jobs and list(spool.iterdir()) == []
        small = write_wav(tmp_path / "short.wav", seconds=1)
        async with http.post("/v2/jobs", data=job_form(config(), small)) as resp:
            assert resp.status == 201


async def test_spool_directory_is_temporary_by_default(wav: Path) -> None:
    async with Sandbox(api_key=KEY, processing_seconds=30) as sb:
        spool = sb.spool_dir
        assert spool.is_dir()
        async with (
            authorised_session(sb) as http,
            http.post("/v2/jobs", data=job_form(config(), wav)) as resp,
        ):
            assert resp.status == 201
    assert not spool.exists()
