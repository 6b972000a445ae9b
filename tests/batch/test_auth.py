"""JWTAuth against the sandbox's key-minting endpoint, and keeping keys out of sight."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from smdesk.batch import (
    AsyncClient,
    AuthenticationError,
    ConfigurationError,
    ConnectionConfig,
    JWTAuth,
    StaticKeyAuth,
    TransportError,
)
from smdesk.sandbox import Sandbox
from tests.batch.conftest import API_KEY, SANDBOX_TEXT, fast_retries


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _mint_statuses(sandbox: Sandbox) -> list[int]:
    return [r.status for r in sandbox.stats.log if r.kind == "mint"]


async def test_jwt_is_minted_once_and_reused(sandbox: Sandbox, audio_file: Path) -> None:
    auth = JWTAuth(API_KEY, mp_url=sandbox.mp_url, clock=FakeClock())
    async with AsyncClient(auth=auth, url=sandbox.url) as client:
        result = await client.transcribe(audio_file)
        await client.list_jobs()
    assert result.transcript_text == SANDBOX_TEXT
    assert _mint_statuses(sandbox) == [201]
    token = await auth.get_token()
    assert token != API_KEY and sandbox.keys.is_valid(token)
    assert not sandbox.keys.is_long_lived(token)


async def test_jwt_is_refreshed_before_the_ttl_runs_out(sandbox: Sandbox) -> None:
    clock = FakeClock()
    auth = JWTAuth(API_KEY, ttl=120, mp_url=sandbox.mp_url, clock=clock)
    async with AsyncClient(auth=auth, url=sandbox.url) as client:
        await client.list_jobs()
        first = await auth.get_token()
        clock.now += 100  # still 20 s left: reused
        await client.list_jobs()
        assert await auth.get_token() == first
        clock.now += 15  # within the 10 s safety margin: replaced
        await client.list_jobs()
        second = await auth.get_token()
    assert second != first
    assert _mint_statuses(sandbox) == [201, 201]


async def test_concurrent_requests_share_one_mint(sandbox: Sandbox) -> None:
    auth = JWTAuth(API_KEY, mp_url=sandbox.mp_url)
    async with AsyncClient(auth=auth, url=sandbox.url) as client:
        await asyncio.gather(*(client.list_jobs() for _ in range(10)))
    assert _mint_statuses(sandbox) == [201]
    assert auth.mint_count == 1


async def test_invalidate_forces_a_new_key(sandbox: Sandbox) -> None:
    auth = JWTAuth(API_KEY, mp_url=sandbox.mp_url)
    first = await auth.get_token()
    auth.invalidate()
    assert await auth.get_token() != first
    assert auth.mint_count == 2


async def test_mint_is_retried_on_transient_errors(sandbox: Sandbox) -> None:
    sandbox.faults.fail_next("mint", count=1, status=503)
    auth = JWTAuth(API_KEY, mp_url=sandbox.mp_url)
    assert await auth.get_token()
    assert _mint_statuses(sandbox) == [503, 201]


async def test_mint_with_a_bad_key_is_an_authentication_error(
    sandbox: Sandbox, audio_file: Path
) -> None:
    auth = JWTAuth("not-the-key", mp_url=sandbox.mp_url)
    async with AsyncClient(auth=auth, url=sandbox.url) as client:
        with pytest.raises(AuthenticationError) as info:
            await client.submit_job(audio_file)
    assert info.value.status_code == 401
    assert "not-the-key" not in str(info.value)
    assert sandbox.stats.requests["submit"] == 0  # failed before the upload started
    assert _mint_statuses(sandbox) == [401]


def test_jwt_settings_come_from_arguments_or_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SPEECHMATICS_API_KEY", "env-key")
    monkeypatch.setenv("SM_MANAGEMENT_PLATFORM_URL", "http://127.0.0.1:1/")
    assert JWTAuth().mp_url == "http://127.0.0.1:1"
    assert JWTAuth(mp_url="http://localhost:2").mp_url == "http://localhost:2"
    monkeypatch.delenv("SM_MANAGEMENT_PLATFORM_URL")
    assert JWTAuth().mp_url == "https://mp.speechmatics.com"
    with pytest.raises(ConfigurationError, match="ttl"):
        JWTAuth(ttl=30)
    monkeypatch.delenv("SPEECHMATICS_API_KEY")
    with pytest.raises(ConfigurationError, match="SPEECHMATICS_API_KEY"):
        StaticKeyAuth()
    with pytest.raises(ValueError, match="No Speechmatics API key"):
        AsyncClient()


def test_reprs_never_show_the_key() -> None:
    config = ConnectionConfig(url="http://127.0.0.1:1/v2", api_key=API_KEY)
    objects = [
        StaticKeyAuth(API_KEY),
        JWTAuth(API_KEY),
        config,
        AsyncClient(conn_config=config),
        AsyncClient(API_KEY, url="http://127.0.0.1:1/v2"),
    ]
    for thing in objects:
        assert API_KEY not in repr(thing) and API_KEY not in str(thing)
        assert "redacted" in repr(thing)


async def test_logs_never_show_keys_or_tokens(
    sandbox: Sandbox, audio_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    auth = JWTAuth(API_KEY, mp_url=sandbox.mp_url)
    sandbox.faults.fail_next("job", count=1, status=503)
    async with AsyncClient(auth=auth, url=sandbox.url, conn_config=fast_retries()) as client:
        job = await client.submit_job(audio_file)
        await client.wait_for_completion(job.id)
        await client.delete_job(job.id)
    token = await auth.get_token()
    batch_records = [r for r in caplog.records if r.name.startswith("smdesk.batch")]
    assert any(job.id in r.getMessage() for r in batch_records)  # job ids are logged
    assert any("request_id=" in r.getMessage() for r in batch_records)
    for secret in (API_KEY, token):
        assert secret not in caplog.text


@pytest.fixture
async def echoing_server() -> AsyncIterator[str]:
    """A misbehaving server that echoes the Authorization header in its error bodies."""

    async def echo(request: web.Request) -> web.Response:
        said = request.headers.get("Authorization", "")
        return web.json_response({"code": 500, "error": f"Bad header {said}"}, status=500)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", echo)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}/v2"
    await runner.cleanup()


async def test_keys_echoed_by_a_server_are_scrubbed_from_errors(
    echoing_server: str, audio_file: Path
) -> None:
    async with AsyncClient(
        api_key=API_KEY, url=echoing_server, conn_config=fast_retries(max_retries=1)
    ) as client:
        for call in (client.list_jobs(), client.submit_job(audio_file)):
            with pytest.raises(TransportError) as info:
                await call
            assert info.value.status_code == 500
            assert "Bad header Bearer <redacted>" in str(info.value)
            assert API_KEY not in str(info.value)


async def test_a_refused_temporary_key_is_replaced_once(
    sandbox: Sandbox, audio_file: Path
) -> None:
    auth = JWTAuth(API_KEY, mp_url=sandbox.mp_url)
    async with AsyncClient(auth=auth, url=sandbox.url) as client:
        job = await client.submit_job(audio_file)
        sandbox.faults.fail_next("job", count=1, status=401)
        assert (await client.get_job_info(job.id)).id == job.id
        sandbox.faults.fail_next("job", count=2, status=401)
        with pytest.raises(AuthenticationError):
            await client.get_job_info(job.id)
    statuses = [r.status for r in sandbox.stats.log if r.kind == "job"]
    assert statuses == [401, 200, 401, 401]  # one fresh-key retry each time, no more
    assert _mint_statuses(sandbox) == [201, 201, 201]  # the last refusal just drops the key


async def test_a_refused_static_key_is_not_retried(client: AsyncClient, sandbox: Sandbox) -> None:
    sandbox.faults.fail_next("list", count=1, status=401)
    with pytest.raises(AuthenticationError):
        await client.list_jobs()
    assert [r.status for r in sandbox.stats.log if r.kind == "list"] == [401]
