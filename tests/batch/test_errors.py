"""Retries of idempotent requests and the status -> exception mapping, against the sandbox."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from smdesk.batch import (
    AsyncClient,
    AuthenticationError,
    BatchError,
    ConfigurationError,
    ConnectionError,
    JobError,
    JobExpiredError,
    JobStatus,
    TranscriptNotReadyError,
    TransportError,
)
from smdesk.sandbox import Sandbox
from tests.batch.conftest import API_KEY, fast_retries


def _statuses(sandbox: Sandbox, kind: str) -> list[int]:
    return [r.status for r in sandbox.stats.log if r.kind == kind]


async def _finished_job(client: AsyncClient, sandbox: Sandbox, audio_file: Path) -> str:
    job = await client.submit_job(audio_file)
    sandbox.finish_job(job.id)
    return job.id


@pytest.mark.parametrize("status", [503, 500, 502, 504, 429, 408])
async def test_get_job_is_retried_on_transient_statuses(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path, status: int
) -> None:
    job_id = await _finished_job(client, sandbox, audio_file)
    sandbox.faults.fail_next("job", count=2, status=status)
    details = await client.get_job_info(job_id)
    assert details.status is JobStatus.DONE
    assert _statuses(sandbox, "job") == [status, status, 200]


async def test_retry_after_is_honoured(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path
) -> None:
    job_id = await _finished_job(client, sandbox, audio_file)
    sandbox.faults.fail_next("transcript", count=1, status=429, retry_after=0.4)
    started = time.monotonic()
    transcript = await client.get_transcript(job_id)
    assert time.monotonic() - started >= 0.4  # waited as asked, not the 10 ms test backoff
    assert transcript.transcript_text
    assert _statuses(sandbox, "transcript") == [429, 200]


async def test_delete_and_list_are_retried(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path
) -> None:
    job_id = await _finished_job(client, sandbox, audio_file)
    sandbox.faults.fail_next("list", count=1, status=502)
    sandbox.faults.fail_next("delete", count=1, status=503)
    assert [j.id for j in await client.list_jobs()] == [job_id]
    deleted = await client.delete_job(job_id)
    assert deleted is not None and deleted.status is JobStatus.DELETED
    assert _statuses(sandbox, "list") == [502, 200]
    assert _statuses(sandbox, "delete") == [503, 200]


async def test_retries_stop_at_the_configured_limit(sandbox: Sandbox, audio_file: Path) -> None:
    async with AsyncClient(url=sandbox.url, conn_config=fast_retries(max_retries=2)) as client:
        job_id = await _finished_job(client, sandbox, audio_file)
        sandbox.faults.fail_next("job", count=5, status=503)
        with pytest.raises(TransportError) as info:
            await client.get_job_info(job_id)
    assert info.value.status_code == 503
    assert info.value.request_id
    assert "try again later" in str(info.value)
    assert _statuses(sandbox, "job") == [503, 503, 503]


async def test_a_retry_after_longer_than_the_cap_is_reported_not_slept(
    sandbox: Sandbox, audio_file: Path
) -> None:
    async with AsyncClient(url=sandbox.url, conn_config=fast_retries(max_retry_after=1)) as client:
        job_id = await _finished_job(client, sandbox, audio_file)
        sandbox.faults.fail_next("job", count=1, status=429, retry_after=3600)
        with pytest.raises(TransportError) as info:
            await client.get_job_info(job_id)
    assert info.value.status_code == 429 and info.value.retry_after == 3600
    assert _statuses(sandbox, "job") == [429]


async def test_client_errors_are_not_retried(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path
) -> None:
    job_id = await _finished_job(client, sandbox, audio_file)
    sandbox.faults.fail_next("job", count=1, status=400)
    with pytest.raises(ConfigurationError) as info:
        await client.get_job_info(job_id)
    assert info.value.status_code == 400
    assert isinstance(info.value, ValueError)
    assert _statuses(sandbox, "job") == [400]


async def test_unreachable_server_is_a_connection_error_after_retries() -> None:
    async with AsyncClient(
        api_key=API_KEY, url="http://127.0.0.1:9/v2", conn_config=fast_retries(max_retries=1)
    ) as client:
        with pytest.raises(ConnectionError, match=r"cannot connect to 127\.0\.0\.1:9") as info:
            await client.list_jobs()
    assert info.value.status_code is None and info.value.request_id
    assert isinstance(info.value, TransportError)


async def test_every_method_raises_authentication_error_for_a_bad_key(
    sandbox: Sandbox, audio_file: Path
) -> None:
    async with AsyncClient(api_key=API_KEY, url=sandbox.url) as good:
        job_id = await _finished_job(good, sandbox, audio_file)
    async with AsyncClient(api_key="wrong-key", url=sandbox.url) as bad:
        calls: list[Callable[[], Awaitable[object]]] = [
            lambda: bad.submit_job(audio_file),
            lambda: bad.transcribe(audio_file),
            lambda: bad.get_job_info(job_id),
            lambda: bad.list_jobs(),
            lambda: bad.delete_job(job_id),
            lambda: bad.get_transcript(job_id),
            lambda: bad.wait_for_completion(job_id),
            lambda: bad.get_job_log(job_id),
        ]
        for call in calls:
            with pytest.raises(AuthenticationError) as info:
                await call()
            assert info.value.status_code == 401
            assert "wrong-key" not in str(info.value) and "wrong-key" not in repr(info.value)
    assert sandbox.jobs[job_id].status == "done"  # nothing was deleted
    assert _statuses(sandbox, "job") == [401, 401]  # one each, never retried


async def test_forbidden_is_an_authentication_error(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path
) -> None:
    job_id = await _finished_job(client, sandbox, audio_file)
    sandbox.faults.fail_next("job", count=1, status=403)
    with pytest.raises(AuthenticationError) as info:
        await client.get_job_info(job_id)
    assert info.value.status_code == 403


async def test_not_found_mappings(client: AsyncClient, sandbox: Sandbox, audio_file: Path) -> None:
    with pytest.raises(JobError, match="Job nosuchjob1 was not found") as info:
        await client.get_job_info("nosuchjob1")
    assert info.value.status_code == 404 and not isinstance(info.value, TranscriptNotReadyError)
    with pytest.raises(JobError, match="not found"):
        await client.delete_job("nosuchjob1")
    with pytest.raises(TranscriptNotReadyError):
        await client.get_transcript("nosuchjob1")
    running = await client.submit_job(audio_file)
    with pytest.raises(TranscriptNotReadyError, match="not available yet") as ready:
        await client.get_transcript(running.id)
    assert ready.value.status_code == 404 and isinstance(ready.value, JobError)


async def test_deleting_a_running_job_needs_force(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path
) -> None:
    job = await client.submit_job(audio_file)
    with pytest.raises(JobError, match="pass force=True") as info:
        await client.delete_job(job.id)
    assert info.value.status_code == 423
    assert sandbox.job_status(job.id) == "running"
    deleted = await client.delete_job(job.id, force=True)
    assert deleted is not None and deleted.status is JobStatus.DELETED
    listed = await client.list_jobs(include_deleted=True)
    assert [j.status for j in listed] == [JobStatus.DELETED]
    assert await client.list_jobs() == []


async def test_expired_job(client: AsyncClient, sandbox: Sandbox, audio_file: Path) -> None:
    job_id = await _finished_job(client, sandbox, audio_file)
    sandbox.expire_job(job_id)
    with pytest.raises(JobExpiredError) as info:
        await client.get_transcript(job_id)
    assert info.value.status_code == 410
    with pytest.raises(JobExpiredError):
        await client.wait_for_completion(job_id)


async def test_errors_carry_the_request_id_we_sent(
    client: AsyncClient, sandbox: Sandbox
) -> None:
    with pytest.raises(JobError) as first:
        await client.get_job_info("nosuchjob1")
    with pytest.raises(JobError) as second:
        await client.get_job_info("nosuchjob1")
    assert first.value.request_id and second.value.request_id
    assert first.value.request_id != second.value.request_id  # fresh per request


def test_one_root_for_every_error() -> None:
    import smdesk.batch as batch

    exported = [getattr(batch, name) for name in batch.__all__]
    errors = [e for e in exported if isinstance(e, type) and issubclass(e, BaseException)]
    assert len(errors) == 10
    assert all(issubclass(e, BatchError) for e in errors)
    assert issubclass(batch.TimeoutError, TimeoutError)  # the builtin, too
    assert issubclass(batch.ConnectionError, OSError)
    assert issubclass(batch.JobExpiredError, batch.JobError)
    assert issubclass(batch.RequestTimeoutError, batch.TimeoutError)
