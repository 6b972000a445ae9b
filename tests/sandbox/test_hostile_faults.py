"""Faults a hostile network adds: a client vanishing mid-upload, a reply lost after the job was
created, a job registered late, a stalled upload, an error body echoing the request."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

import aiohttp
import pytest

from smdesk.sandbox import Sandbox
from tests.sandbox.conftest import KEY, config, job_form, write_wav


async def _send_part_then_vanish(sandbox: Sandbox, file_bytes: int) -> None:
    """A raw client that promises a big upload, sends part of it, and drops the connection."""
    host, port = sandbox.url.split("//")[1].split("/")[0].rsplit(":", 1)
    _reader, writer = await asyncio.open_connection(host, int(port))
    part = (
        b'--b\r\nContent-Disposition: form-data; name="config"\r\n\r\n'
        b'{"type": "transcription", "transcription_config": {"language": "en"}}\r\n'
        b'--b\r\nContent-Disposition: form-data; name="data_file"; filename="a.wav"\r\n'
        b"Content-Type: audio/wav\r\n\r\n"
    )
    head = (
        f"POST /v2/jobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {KEY}\r\n"
        "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 50000000\r\n\r\n"
    ).encode()
    writer.write(head + part + b"\0" * file_bytes)
    await writer.drain()
    await asyncio.sleep(0.2)
    writer.transport.abort()


async def test_a_client_vanishing_mid_upload_is_a_disconnect_not_a_server_error(
    sandbox: Sandbox, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="smdesk.sandbox"):
        await _send_part_then_vanish(sandbox, 2_000_000)
        for _ in range(50):
            if sandbox.stats.log:
                break
            await asyncio.sleep(0.05)
    assert [r.levelname for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert any("disconnected" in r.getMessage() for r in caplog.records)
    assert sandbox.stats.log[-1].status == 0  # no reply (was: 500 with a traceback)
    assert not sandbox.jobs
    assert list((tmp_path / "spool").iterdir()) == []


async def test_lost_reply_creates_the_job_but_the_client_gets_no_answer(
    sandbox: Sandbox, http: aiohttp.ClientSession, wav: Path
) -> None:
    sandbox.faults.lose_next_replies(1)
    with pytest.raises(aiohttp.ClientError):
        async with http.post("/v2/jobs", data=job_form(config(), wav)) as resp:
            await resp.read()
    assert len(sandbox.jobs) == 1  # billed, although the client never heard of it
    async with http.get("/v2/jobs") as resp:
        listed = (await resp.json())["jobs"]
    assert [j["id"] for j in listed] == list(sandbox.jobs)
    async with http.post("/v2/jobs", data=job_form(config(), wav)) as resp:
        assert resp.status == 201  # only one reply was lost


async def test_a_late_registered_job_is_invisible_for_a_while(
    sandbox: Sandbox, http: aiohttp.ClientSession, wav: Path
) -> None:
    sandbox.faults.register_next_jobs_late(0.6)
    async with http.post("/v2/jobs", data=job_form(config(), wav)) as resp:
        job_id = (await resp.json())["id"]
    async with http.get("/v2/jobs") as resp:
        assert (await resp.json())["jobs"] == []
    async with http.get(f"/v2/jobs/{job_id}") as resp:
        assert resp.status == 404
    await asyncio.sleep(0.7)
    async with http.get("/v2/jobs") as resp:
        assert [j["id"] for j in (await resp.json())["jobs"]] == [job_id]
    async with http.get(f"/v2/jobs/{job_id}") as resp:
        assert resp.status == 200


async def test_stalled_upload_stops_reading_for_the_given_time(
    sandbox: Sandbox, http: aiohttp.ClientSession, tmp_path: Path
) -> None:
    big = write_wav(tmp_path / "long.wav", seconds=20)
    sandbox.faults.stall_next_upload(after_bytes=50_000, seconds=0.8)
    started = time.monotonic()
    async with http.post("/v2/jobs", data=job_form(config(), big)) as resp:
        assert resp.status == 201
    assert time.monotonic() - started >= 0.8
    assert sandbox.faults.pending() == {}


async def test_an_error_body_can_echo_the_request_with_its_key(
    sandbox: Sandbox, http: aiohttp.ClientSession
) -> None:
    sandbox.faults.fail_next("list", status=400, echo_request=True, echo_prefix="x" * 10)
    async with http.get("/v2/jobs") as resp:
        body = await resp.json()
    assert resp.status == 400
    assert body["detail"].startswith("x" * 10 + "could not handle GET /v2/jobs")
    assert f"Authorization: Bearer {KEY}" in body["detail"]
