"""Waiting for jobs: long polling, fallback back-off, timeouts, cancellation, failed jobs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from smdesk.batch import (
    AsyncClient,
    ConfigurationError,
    FormatType,
    JobDetails,
    JobError,
    JobStatus,
    Transcript,
    TransportError,
)
from smdesk.batch import TimeoutError as BatchTimeoutError
from smdesk.sandbox import Sandbox
from tests.batch.conftest import API_KEY, SANDBOX_TEXT, fast_retries


@pytest.fixture
async def slow_sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(api_key=API_KEY, processing_seconds=2.0) as sb:
        yield sb


async def test_long_polling_sees_completion_with_few_requests(
    slow_sandbox: Sandbox, audio_file: Path
) -> None:
    seen: list[JobDetails] = []
    async with AsyncClient(api_key=API_KEY, url=slow_sandbox.url) as client:
        job = await client.submit_job(audio_file)
        result = await client.wait_for_completion(job.id, on_status=seen.append)
    assert isinstance(result, Transcript) and result.transcript_text == SANDBOX_TEXT
    # A 2 s job: the server holds one request until the job is done (5 s polling would take 3+).
    assert slow_sandbox.stats.requests["job"] == 1
    assert [d.status for d in seen] == [JobStatus.DONE]


async def test_without_server_side_wait_polls_back_off(
    slow_sandbox: Sandbox, audio_file: Path
) -> None:
    config = fast_retries(max_long_poll=0)  # send wait=0: the server answers at once
    async with AsyncClient(api_key=API_KEY, url=slow_sandbox.url, conn_config=config) as client:
        job = await client.submit_job(audio_file)
        statuses: list[JobStatus] = []
        await client.wait_for_completion(
            job.id, polling_interval=0.4, min_polling_interval=0.05,
            on_status=lambda d: statuses.append(d.status),
        )  # fmt: skip
    polls = slow_sandbox.stats.requests["job"]
    assert 3 <= polls <= 25  # backs off from 0.05 s towards 0.4 s over ~2 s
    assert statuses[-1] is JobStatus.DONE and set(statuses[:-1]) == {JobStatus.RUNNING}


async def test_timeout_raises_our_timeout_error_and_leaves_the_job(
    audio_file: Path,
) -> None:
    async with Sandbox(api_key=API_KEY, processing_seconds=60.0) as sandbox:
        async with AsyncClient(api_key=API_KEY, url=sandbox.url) as client:
            job = await client.submit_job(audio_file)
            with pytest.raises(BatchTimeoutError, match=r"did not finish within 1\.5 seconds"):
                await client.wait_for_completion(job.id, timeout=1.5, min_polling_interval=0.1)
        assert sandbox.job_status(job.id) == "running"
        assert sandbox.stats.requests["job"] <= 8


async def test_cancelling_wait_for_completion_propagates(audio_file: Path) -> None:
    # max_long_poll=2: the first held poll returns (on_status fires) after 2 s, and the
    # cancel then lands in the middle of the next held poll.
    config = fast_retries(max_long_poll=2)
    async with (
        Sandbox(api_key=API_KEY, processing_seconds=60.0) as sandbox,
        AsyncClient(api_key=API_KEY, url=sandbox.url, conn_config=config) as client,
    ):
        job = await client.submit_job(audio_file)
        polled = asyncio.Event()
        waiter = asyncio.create_task(
            client.wait_for_completion(job.id, on_status=lambda _: polled.set())
        )
        await asyncio.wait_for(polled.wait(), timeout=10)  # one poll done, the next is held
        await asyncio.sleep(0.2)
        waiter.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        # The client is still usable after a cancelled long poll.
        assert (await client.get_job_info(job.id)).status is JobStatus.RUNNING


async def test_rejected_job_raises_job_error_with_the_reason(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path
) -> None:
    sandbox.faults.reject_next_jobs(1, "Job rejected due to invalid audio")
    with pytest.raises(JobError, match="was rejected: Job rejected due to invalid audio") as info:
        await client.transcribe(audio_file)
    assert info.value.status_code is None


async def test_deleted_job_stops_the_wait(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path
) -> None:
    job = await client.submit_job(audio_file)
    await client.delete_job(job.id, force=True)
    with pytest.raises(JobError, match="deleted before it finished"):
        await client.wait_for_completion(job.id)


async def test_transcribe_returns_text_formats(client: AsyncClient, audio_file: Path) -> None:
    txt: str = await client.transcribe(audio_file, format_type=FormatType.TXT)
    srt = await client.transcribe(audio_file, format_type="srt")
    assert txt == f"{SANDBOX_TEXT}\n" or txt.strip() == SANDBOX_TEXT
    assert isinstance(srt, str) and srt.startswith("1\n00:00:00,")


async def test_transcribe_with_wait_takes_the_embedded_transcript(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path
) -> None:
    result = await client.transcribe(audio_file, wait=10)
    assert isinstance(result, Transcript) and result.transcript_text == SANDBOX_TEXT
    assert sandbox.stats.requests["job"] == 0  # no polling needed


async def test_bad_wait_arguments_are_rejected_before_any_request(
    client: AsyncClient, sandbox: Sandbox
) -> None:
    with pytest.raises(ConfigurationError):
        await client.wait_for_completion("abc", polling_interval=0)
    with pytest.raises(ConfigurationError):
        await client.wait_for_completion("abc", timeout=-1)
    with pytest.raises(ConfigurationError):
        await client.get_job_info("abc", wait=-1)
    with pytest.raises(ConfigurationError):
        await client.get_job_info("")
    with pytest.raises(ConfigurationError):
        await client.list_jobs(limit=0)
    assert sum(sandbox.stats.requests.values()) == 0


async def test_waiting_rides_out_a_server_outage(sandbox: Sandbox, audio_file: Path) -> None:
    config = fast_retries(max_retries=1, poll_outage_tolerance=30.0)
    async with AsyncClient(api_key=API_KEY, url=sandbox.url, conn_config=config) as client:
        job = await client.submit_job(audio_file)
        sandbox.faults.fail_next("job", count=7, status=503)  # more than the request retries
        result = await client.wait_for_completion(
            job.id, polling_interval=0.05, min_polling_interval=0.01
        )
    assert result.transcript_text == SANDBOX_TEXT
    statuses = [r.status for r in sandbox.stats.log if r.kind == "job"]
    assert statuses[:7] == [503] * 7 and statuses[-1] == 200


async def test_waiting_gives_up_after_the_outage_tolerance(
    sandbox: Sandbox, audio_file: Path
) -> None:
    config = fast_retries(max_retries=1, poll_outage_tolerance=0.3)
    async with AsyncClient(api_key=API_KEY, url=sandbox.url, conn_config=config) as client:
        job = await client.submit_job(audio_file)
        sandbox.faults.fail_next("job", count=1000, status=503)
        with pytest.raises(TransportError) as info:
            await client.wait_for_completion(job.id, polling_interval=0.05)
    assert info.value.status_code == 503
    sandbox.faults.clear()
