"""Faults on request: failing requests, latency, cut uploads, rejections, expiry; CLI flags."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

import aiohttp
import pytest

from smdesk.sandbox import FaultPlan, Sandbox, add_arguments, options_from_args
from tests.sandbox.conftest import (
    KEY,
    Submit,
    authorised_session,
    config,
    job_form,
    transcript,
    write_wav,
)


async def test_fail_next_uses_status_count_and_retry_after(
    sandbox: Sandbox, http: aiohttp.ClientSession
) -> None:
    sandbox.faults.fail_next("list", count=2, status=429, retry_after=1.5)
    for _ in range(2):
        async with http.get("/v2/jobs") as resp:
            assert resp.status == 429
            assert resp.headers["Retry-After"] == "1.5"
            assert resp.headers["Request-Id"]
            assert await resp.json() == {
                "code": 429,
                "error": "Max concurrent running jobs exceeded",
            }
    async with http.get("/v2/jobs") as resp:
        assert resp.status == 200
    assert [r.status for r in sandbox.stats.log] == [429, 429, 200]
    assert sandbox.stats.requests["list"] == 3


async def test_submit_fault_replies_after_the_upload(
    sandbox: Sandbox, http: aiohttp.ClientSession, wav: Path
) -> None:
    sandbox.faults.fail_next("submit", status=500)
    async with http.post("/v2/jobs", data=job_form(config(), wav)) as resp:
        assert resp.status == 500
        assert await resp.json() == {"code": 500, "error": "Internal Server Error"}
    assert not sandbox.jobs and sandbox.stats.uploads == 0
    async with http.post("/v2/jobs", data=job_form(config(), wav)) as resp:
        assert resp.status == 201


async def test_any_kind_and_entitlement_fault(
    sandbox: Sandbox, http: aiohttp.ClientSession
) -> None:
    sandbox.faults.fail_next("any", status=403)
    async with http.get("/v2/jobs/whatever") as resp:
        assert resp.status == 403
        assert await resp.json() == {
            "code": 403,
            "error": "Forbidden",
            "detail": "Entitlement check failed",
        }
    async with http.get("/v2/jobs/whatever") as resp:
        assert resp.status == 404


async def test_latency_delays_responses(sandbox: Sandbox, http: aiohttp.ClientSession) -> None:
    sandbox.faults.set_latency(5, kind="list")
    with pytest.raises(asyncio.TimeoutError):
        await http.get("/v2/jobs", timeout=aiohttp.ClientTimeout(total=0.3))
    async with http.get("/v2/jobs/none", timeout=aiohttp.ClientTimeout(total=5)) as resp:
        assert resp.status == 404  # other kinds are not delayed
    sandbox.faults.clear()
    async with http.get("/v2/jobs", timeout=aiohttp.ClientTimeout(total=5)) as resp:
        assert resp.status == 200


async def test_cut_upload_drops_the_connection_and_creates_no_job(
    sandbox: Sandbox, http: aiohttp.ClientSession, tmp_path: Path
) -> None:
    big = write_wav(tmp_path / "long.wav", seconds=30)  # ~480 KB
    sandbox.faults.cut_next_upload(after_bytes=100_000)
    with pytest.raises(aiohttp.ClientError):
        async with http.post("/v2/jobs", data=job_form(config(), big)) as resp:
            await resp.read()
    assert not sandbox.jobs and sandbox.stats.uploads == 0
    assert sandbox.stats.log[-1].status == 0
    assert list((tmp_path / "spool").iterdir()) == []  # partial spool file removed
    async with http.post("/v2/jobs", data=job_form(config(), big)) as resp:
        assert resp.status == 201  # only the next upload was cut


async def test_cut_after_a_small_upload_still_loses_the_reply(
    sandbox: Sandbox, http: aiohttp.ClientSession, wav: Path
) -> None:
    sandbox.faults.cut_next_upload(after_bytes=10_000_000)
    with pytest.raises(aiohttp.ClientError):
        async with http.post("/v2/jobs", data=job_form(config(), wav)) as resp:
            await resp.read()
    assert not sandbox.jobs


async def test_reject_next_jobs(
    sandbox: Sandbox, http: aiohttp.ClientSession, submit: Submit, wav: Path
) -> None:
    sandbox.faults.reject_next_jobs(1, message="Job rejected due to invalid audio: test")
    rejected = await submit(config(), wav)
    accepted = await submit(config(), wav)
    async with http.get(f"/v2/jobs/{rejected}", params={"wait": 30}) as resp:
        job = (await resp.json())["job"]
    assert job["status"] == "rejected"
    assert job["errors"][0]["message"] == "Job rejected due to invalid audio: test"
    assert (await transcript(http, accepted))["results"]


async def test_expire_and_reject_controls(
    sandbox: Sandbox, http: aiohttp.ClientSession, submit: Submit, wav: Path
) -> None:
    done = await submit(config(), wav)
    await transcript(http, done)
    sandbox.expire_job(done)
    assert sandbox.job_status(done) == "expired"
    async with http.get(f"/v2/jobs/{done}") as resp:
        assert resp.status == 410
        assert await resp.json() == {"code": 410, "error": "Job Expired"}
    async with http.get(f"/v2/jobs/{done}/transcript") as resp:
        assert resp.status == 410
        assert (await resp.json())["error"] == "File Expired"
    sandbox.processor.processing_seconds = 60
    running = await submit(config(), wav)
    sandbox.reject_job(running, "Job rejected due to invalid audio: manual")
    async with http.get(f"/v2/jobs/{running}") as resp:
        assert (await resp.json())["job"]["status"] == "rejected"
    with pytest.raises(KeyError):
        sandbox.finish_job("nope")


async def test_realism_reports_expired_status_and_null_notification_config(wav: Path) -> None:
    async with (
        Sandbox(api_key=KEY, processing_seconds=0.1, realism=True) as sb,
        authorised_session(sb) as http,
    ):
        async with http.post("/v2/jobs", data=job_form(config(), wav)) as resp:
            job_id = (await resp.json())["id"]
        async with http.get(f"/v2/jobs/{job_id}") as resp:
            job = (await resp.json())["job"]
        assert job["config"]["notification_config"] is None
        assert job["config"]["transcription_config"]["additional_vocab"] is None
        sb.finish_job(job_id)
        sb.expire_job(job_id)
        async with http.get(f"/v2/jobs/{job_id}") as resp:
            assert resp.status == 200
            assert (await resp.json())["job"]["status"] == "expired"
        async with http.get("/v2/jobs") as resp:
            assert [j["status"] for j in (await resp.json())["jobs"]] == ["expired"]


def test_fault_plan_validates_arguments() -> None:
    plan = FaultPlan()
    with pytest.raises(ValueError, match="unknown fault kind"):
        plan.fail_next("upload")
    with pytest.raises(ValueError, match="400-599"):
        plan.fail_next("job", status=200)
    plan.fail_next("job", count=2)
    plan.cut_next_upload()
    assert plan.pending() == {"job": 2, "cut": 1}
    plan.clear()
    assert plan.pending() == {}


def test_command_line_options() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    ns = parser.parse_args(
        [
            "--port",
            "0",
            "--api-key",
            "s3cr3t-key",
            "--processing-seconds",
            "0.5",
            "--realism",
            "--fail",
            "submit:503:2",
            "--fail",
            "job:500",
            "--latency",
            "0.25",
        ]
    )
    options = options_from_args(ns)
    assert options.api_key == "s3cr3t-key" and options.host == "127.0.0.1" and options.realism
    assert options.processing_seconds == 0.5
    sandbox = Sandbox(options)
    assert sandbox.faults.pending() == {"submit": 2, "job": 1}
    assert sandbox.faults.latency_for("list") == 0.25
    assert "s3cr3t" not in repr(options) and "s3cr3t" not in repr(sandbox)
    with pytest.raises(SystemExit):
        parser.parse_args(["--fail", "upload:503"])


async def test_cut_waits_for_a_request_that_uploads_a_file(
    sandbox: Sandbox, http: aiohttp.ClientSession, submit: Submit, wav: Path
) -> None:
    sandbox.faults.cut_next_upload(after_bytes=0)
    await submit({**config(), "fetch_data": {"url": wav.as_uri()}}, None)  # no file: not cut
    with pytest.raises(aiohttp.ClientError):
        async with http.post("/v2/jobs", data=job_form(config(), wav)) as resp:
            await resp.read()
    assert sandbox.faults.pending() == {}
