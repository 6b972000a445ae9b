"""Client plumbing: headers on the wire, session ownership, construction rules."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field

import aiohttp
import pytest
from aiohttp import web

import smdesk
from smdesk.batch import AsyncClient, BatchError, ConfigurationError, JobDetails, JobStatus
from smdesk.sandbox import Sandbox
from tests.batch.conftest import API_KEY


@dataclass
class Recorder:
    url: str = ""
    headers: list[Mapping[str, str]] = field(default_factory=list)
    queries: list[dict[str, str]] = field(default_factory=list)


@pytest.fixture
async def recorder() -> AsyncIterator[Recorder]:
    """A minimal server recording what the client sends (headers are not visible in the sandbox)."""
    seen = Recorder()

    async def handle(request: web.Request) -> web.Response:
        seen.headers.append(request.headers.copy())  # case-insensitive
        seen.queries.append(dict(request.query))
        if request.path.endswith("/jobs"):
            return web.json_response({"jobs": []})
        return web.json_response({"job": {"id": "j1", "status": "running"}},
                                 headers={"Request-Id": "server-rid"})  # fmt: skip

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    seen.url = f"http://127.0.0.1:{runner.addresses[0][1]}/v2"
    yield seen
    await runner.cleanup()


async def test_each_request_has_its_own_request_id_and_our_user_agent(recorder: Recorder) -> None:
    async with AsyncClient(api_key=API_KEY, url=recorder.url) as client:
        await client.list_jobs(limit=3, include_deleted=True)
        await client.list_jobs()
        details = await client.get_job_info("j1", wait=5)
    ids = [h["X-Request-Id"] for h in recorder.headers]
    assert len(set(ids)) == 3 and all(uuid.UUID(i) for i in ids)
    agent = f"smdesk/{smdesk.__version__} "
    assert all(h["User-Agent"].startswith(agent) for h in recorder.headers)
    assert all(h["Authorization"] == f"Bearer {API_KEY}" for h in recorder.headers)
    assert recorder.queries == [{"limit": "3", "include_deleted": "true"}, {}, {"wait": "5"}]
    assert details.status is JobStatus.RUNNING


async def test_an_injected_session_is_used_and_left_open(sandbox: Sandbox) -> None:
    async with aiohttp.ClientSession() as session:
        async with AsyncClient(api_key=API_KEY, url=sandbox.url, session=session) as client:
            assert await client.list_jobs() == []
        assert not session.closed
        await session.close()
        with pytest.raises(BatchError, match="session given to AsyncClient has been closed"):
            await client.list_jobs()


async def test_an_owned_session_is_closed_and_reopened_on_demand(sandbox: Sandbox) -> None:
    client = AsyncClient(api_key=API_KEY, url=sandbox.url)
    assert await client.list_jobs() == []
    await client.close()
    await client.close()  # idempotent
    assert await client.list_jobs() == []  # a closed client opens a new session when used again
    await client.close()


def test_construction_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPEECHMATICS_API_KEY", raising=False)
    monkeypatch.delenv("SPEECHMATICS_BATCH_URL", raising=False)
    assert AsyncClient("positional-key").url == "https://asr.api.speechmatics.com/v2"
    with pytest.raises(ConfigurationError, match="line breaks") as info:
        AsyncClient(api_key="abc\ndef")
    assert "abc" not in str(info.value)
    with pytest.raises(ConfigurationError, match="not valid"):
        AsyncClient(api_key="k", url="not a url")


@pytest.fixture
async def scripted() -> AsyncIterator[tuple[str, list[str]]]:
    """A server whose job goes through the statuses in `script`, answering at once (no wait)."""
    script: list[str] = []
    transcript = {"format": "2.9", "results": [
        {"type": "word", "start_time": 0, "end_time": 1, "alternatives": [{"content": "Hi"}]}]}

    async def job(request: web.Request) -> web.Response:
        status = script.pop(0) if len(script) > 1 else script[0]
        return web.json_response({"job": {"id": "j1", "status": status, "future": [1]}})

    async def get_transcript(request: web.Request) -> web.Response:
        return web.json_response(transcript)

    app = web.Application()
    app.router.add_get("/v2/jobs/j1", job)
    app.router.add_get("/v2/jobs/j1/transcript", get_transcript)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}/v2", script
    await runner.cleanup()


async def test_unknown_statuses_are_waited_through(scripted: tuple[str, list[str]]) -> None:
    url, script = scripted
    script.extend(["running", "transcribing", "aligning", "done"])
    seen: list[tuple[JobStatus, str]] = []
    async with AsyncClient(api_key=API_KEY, url=url) as client:
        result = await client.wait_for_completion(
            "j1", polling_interval=0.05, min_polling_interval=0.01,
            on_status=lambda d: seen.append((d.status, d.raw_status)),
        )  # fmt: skip
    assert result.transcript_text == "Hi"
    assert seen == [
        (JobStatus.RUNNING, "running"), (JobStatus.UNKNOWN, "transcribing"),
        (JobStatus.UNKNOWN, "aligning"), (JobStatus.DONE, "done"),
    ]  # fmt: skip


async def test_async_callbacks_are_refused(scripted: tuple[str, list[str]]) -> None:
    url, _ = scripted

    async def on_status(details: JobDetails) -> None: ...

    async with AsyncClient(api_key=API_KEY, url=url) as client:
        with pytest.raises(ConfigurationError, match="on_status must be a plain"):
            await client.wait_for_completion("j1", on_status=on_status)  # type: ignore[arg-type]
        with pytest.raises(ConfigurationError, match="progress must be a plain"):
            await client.submit_job(b"RIFF", progress=on_status)  # type: ignore[arg-type]
