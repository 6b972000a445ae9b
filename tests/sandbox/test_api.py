"""The Batch API v2 surface over real loopback HTTP: lifecycle, waits, listing, deletion, errors."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp

from smdesk.sandbox import Sandbox
from tests.sandbox.conftest import (
    KEY,
    Submit,
    authorised_session,
    config,
    file_size,
    job_form,
    transcript,
    write_wav,
)


async def test_submit_poll_and_fetch_transcript(
    sandbox: Sandbox, http: aiohttp.ClientSession, wav: Path
) -> None:
    async with http.post("/v2/jobs", data=job_form(config(), wav)) as resp:
        assert resp.status == 201
        assert resp.content_type == "application/json"
        body = await resp.json()
    assert set(body) == {"id"} and len(body["id"]) == 10 and body["id"].isalnum()
    async with http.get(f"/v2/jobs/{body['id']}", params={"wait": 30}) as resp:
        job = (await resp.json())["job"]
    assert job["status"] == "done"
    assert job["data_name"] == "tone.wav" and job["duration"] == 2
    assert job["created_at"].endswith("Z") and len(job["created_at"]) == 24
    assert job["config"] == config()
    doc = await transcript(http, body["id"])
    assert doc["format"] == "2.9" and doc["job"]["id"] == body["id"]


async def test_every_response_carries_a_request_id(http: aiohttp.ClientSession) -> None:
    ids = set()
    for method, path in [
        ("GET", "/v2/jobs"),
        ("GET", "/v2/jobs/nope"),
        ("POST", "/v2/jobs"),
        ("GET", "/v2/nowhere"),
    ]:
        async with http.request(method, path) as resp:
            assert resp.headers.get("Request-Id")
            ids.add(resp.headers["Request-Id"])
    assert len(ids) == 4


async def test_missing_or_wrong_key_is_401_json(sandbox: Sandbox, wav: Path) -> None:
    async with aiohttp.ClientSession(base_url=sandbox.mp_url) as anonymous:
        async with anonymous.get("/v2/jobs") as resp:
            assert resp.status == 401
            assert resp.content_type == "application/json"
            assert await resp.json() == {"code": 401, "error": "Permission Denied"}
        wrong = {"Authorization": "Bearer not-the-key"}
        async with anonymous.post("/v2/jobs", data=job_form(config(), wav), headers=wrong) as resp:
            assert resp.status == 401
        async with anonymous.get("/v2/jobs", headers={"Authorization": KEY}) as resp:
            assert resp.status == 401  # no "Bearer" scheme
    assert not sandbox.jobs


async def test_status_wait_holds_until_the_job_leaves_running(tmp_path: Path, wav: Path) -> None:
    async with (
        Sandbox(api_key=KEY, processing_seconds=60) as sb,
        authorised_session(sb) as http,
    ):
        async with http.post("/v2/jobs", data=job_form(config(), wav)) as resp:
            job_id = (await resp.json())["id"]
        waiter = asyncio.create_task(http.get(f"/v2/jobs/{job_id}", params={"wait": 60}))
        await asyncio.sleep(0.2)
        assert not waiter.done()  # held by the server
        sb.finish_job(job_id)
        resp = await waiter
        assert (await resp.json())["job"]["status"] == "done"
        resp.release()
        async with http.get(f"/v2/jobs/{job_id}", params={"wait": 0}) as resp:
            assert (await resp.json())["job"]["status"] == "done"


async def test_transcript_is_404_while_running(tmp_path: Path, wav: Path) -> None:
    async with (
        Sandbox(api_key=KEY, processing_seconds=60) as sb,
        authorised_session(sb) as http,
    ):
        async with http.post("/v2/jobs", data=job_form(config(), wav)) as resp:
            job_id = (await resp.json())["id"]
        async with http.get(f"/v2/jobs/{job_id}/transcript") as resp:
            assert resp.status == 404
            assert (await resp.json())["code"] == 404
        async with http.get(f"/v2/jobs/{job_id}", params={"wait": 1}) as resp:
            assert (await resp.json())["job"]["status"] == "running"
        async with http.get(f"/v2/jobs/{job_id}/log") as resp:
            assert resp.status == 404
        assert sb.job_status(job_id) == "running"


async def test_post_with_wait_embeds_the_transcript(http: aiohttp.ClientSession, wav: Path) -> None:
    params = {"wait": 30, "format": "txt"}
    async with http.post("/v2/jobs", data=job_form(config(), wav), params=params) as resp:
        assert resp.status == 201
        body = await resp.json()
    assert body["status"] == "done"
    assert body["txt"].startswith("This is sandbox text, not a real transcription.")
    async with http.post("/v2/jobs", data=job_form(config(), wav), params={"wait": 0}) as resp:
        body = await resp.json()
    assert body["status"] == "created" and "json-v2" not in body


async def test_delete_running_job_needs_force(
    sandbox: Sandbox, http: aiohttp.ClientSession, submit: Submit, wav: Path
) -> None:
    sandbox.processor.processing_seconds = 60
    job_id = await submit(config(), wav)
    async with http.delete(f"/v2/jobs/{job_id}") as resp:
        assert resp.status == 423
        assert await resp.json() == {"code": 423, "error": "Resource Locked"}
    async with http.delete(f"/v2/jobs/{job_id}", params={"force": "true"}) as resp:
        assert resp.status == 200
        assert (await resp.json())["job"]["status"] == "deleted"
    async with http.get(f"/v2/jobs/{job_id}/transcript") as resp:
        assert resp.status == 404
    async with http.delete(f"/v2/jobs/{job_id}") as resp:
        assert resp.status == 404


async def test_list_limits_order_and_deleted(
    sandbox: Sandbox, http: aiohttp.ClientSession, submit: Submit, wav: Path
) -> None:
    ids = [await submit(config(), wav) for _ in range(3)]
    await transcript(http, ids[0])
    async with http.delete(f"/v2/jobs/{ids[0]}") as resp:
        assert resp.status == 200
    async with http.get("/v2/jobs") as resp:
        listed = [j["id"] for j in (await resp.json())["jobs"]]
    assert listed == [ids[2], ids[1]]  # newest first, deleted hidden
    async with http.get("/v2/jobs", params={"include_deleted": "true", "limit": 2}) as resp:
        assert [j["id"] for j in (await resp.json())["jobs"]] == [ids[2], ids[1]]
    async with http.get("/v2/jobs", params={"include_deleted": "true"}) as resp:
        jobs = (await resp.json())["jobs"]
    assert [j["status"] for j in jobs][-1] == "deleted"
    newest = sandbox.jobs[ids[2]].created_at.isoformat()
    async with http.get("/v2/jobs", params={"created_before": newest}) as resp:
        assert ids[2] not in [j["id"] for j in (await resp.json())["jobs"]]
    for bad in ("0", "101", "ten"):
        async with http.get("/v2/jobs", params={"limit": bad}) as resp:
            assert resp.status == 422
            assert (await resp.json())["code"] == 422
    async with http.get("/v2/jobs", params={"created_before": "yesterday"}) as resp:
        assert resp.status == 422


async def test_bad_configs_are_400_with_the_api_body(
    http: aiohttp.ClientSession, wav: Path
) -> None:
    cases = [
        ("{not json", "Job rejected"),
        ('{"type": "transcription"}', "Job rejected"),
        ('{"type": "alignment", "transcription_config": {"language": "en"}}', "Job rejected"),
        ('{"type": "transcription", "transcription_config": {}}', "No language selected"),
        (
            '{"type": "transcription", "transcription_config": {"language": "en", '
            '"diarization": "people"}}',
            "Job rejected",
        ),
    ]
    for text, error in cases:
        form = job_form(None, wav)
        form.add_field("config", text)
        async with http.post("/v2/jobs", data=form) as resp:
            assert resp.status == 400, text
            body = await resp.json()
            assert body["code"] == 400 and body["error"] == error, text
    async with http.post("/v2/jobs", data=job_form(config())) as resp:
        assert resp.status == 400
        assert (await resp.json())["error"] == "Missing data_file"
    async with http.post("/v2/jobs", data=b"raw bytes") as resp:
        assert resp.status == 400


async def test_upload_content_type_and_filename_are_recorded(
    sandbox: Sandbox, http: aiohttp.ClientSession, wav: Path
) -> None:
    form = job_form(config(), wav, content_type="audio/x-wav", filename="Interview 1.wav")
    async with http.post("/v2/jobs", data=form) as resp:
        job_id = (await resp.json())["id"]
    job = sandbox.jobs[job_id]
    assert job.upload_content_type == "audio/x-wav"
    assert job.upload_filename == "Interview 1.wav" and job.data_name == "Interview 1.wav"
    assert job.size == file_size(wav)
    assert sandbox.stats.uploads == 1


async def test_non_audio_is_rejected_with_errors(
    http: aiohttp.ClientSession, submit: Submit, tmp_path: Path
) -> None:
    text = tmp_path / "notes.mp3"
    text.write_text("this is not audio at all\n" * 50)
    job_id = await submit(config(), text)
    async with http.get(f"/v2/jobs/{job_id}", params={"wait": 30}) as resp:
        job = (await resp.json())["job"]
    assert job["status"] == "rejected"
    [error] = job["errors"]
    assert error["message"].startswith("Job rejected due to invalid audio")
    assert error["timestamp"].endswith("Z")
    async with http.get(f"/v2/jobs/{job_id}/transcript") as resp:
        assert resp.status == 404
    async with http.get(f"/v2/jobs/{job_id}/log") as resp:
        assert resp.status == 200 and "invalid audio" in await resp.text()


async def test_fetch_data_from_file_url_and_refusal_of_remote_hosts(
    http: aiohttp.ClientSession, submit: Submit, wav: Path
) -> None:
    local = await submit({**config(), "fetch_data": {"url": wav.as_uri()}}, None)
    doc = await transcript(http, local)
    assert doc["job"]["duration"] == 2 and doc["job"]["data_name"] == ""
    assert file_size(wav) > 0  # the user's file is never removed
    remote = await submit({**config(), "fetch_data": {"url": "https://example.com/a.mp3"}}, None)
    async with http.get(f"/v2/jobs/{remote}", params={"wait": 30}) as resp:
        job = (await resp.json())["job"]
    assert job["status"] == "rejected" and job["duration"] == 0
    assert job["errors"][0]["message"].startswith("unable to fetch audio")
    async with http.post(
        "/v2/jobs", data=job_form({**config(), "fetch_data": {"url": wav.as_uri()}}, wav)
    ) as resp:
        assert resp.status == 400  # both a file and fetch_data


async def test_fetch_data_from_a_loopback_http_server(
    sandbox: Sandbox, http: aiohttp.ClientSession, submit: Submit, wav: Path
) -> None:
    from aiohttp import web

    seen_headers: list[str] = []

    async def serve_audio(request: web.Request) -> web.StreamResponse:
        seen_headers.append(request.headers.get("X-Token", ""))
        return web.FileResponse(wav)

    app = web.Application()
    app.router.add_get("/a.wav", serve_audio)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        fetch = {"url": f"http://127.0.0.1:{port}/a.wav", "auth_headers": ["X-Token: abc"]}
        job_id = await submit({**config(), "fetch_data": fetch}, None)
        doc = await transcript(http, job_id)
        assert doc["job"]["duration"] == 2 and seen_headers == ["abc"]
        async with http.get(f"/v2/jobs/{job_id}") as resp:
            echoed = (await resp.json())["job"]["config"]["fetch_data"]
        assert echoed == {"url": fetch["url"]}  # auth headers are never echoed
        missing = await submit({**config(), "fetch_data": {"url": fetch["url"] + "x"}}, None)
        async with http.get(f"/v2/jobs/{missing}", params={"wait": 30}) as resp:
            job = (await resp.json())["job"]
        assert job["errors"][0]["message"] == "unable to fetch audio: http status code 404"
    finally:
        await runner.cleanup()


async def test_mint_temporary_key(sandbox: Sandbox, http: aiohttp.ClientSession) -> None:
    async with http.post("/v1/api_keys", params={"type": "batch"}, json={"ttl": 60}) as resp:
        assert resp.status == 201
        body = await resp.json()
    assert body["apikey_id"] is None and body["key_value"].count(".") == 2
    temp = {"Authorization": f"Bearer {body['key_value']}"}
    async with aiohttp.ClientSession(base_url=sandbox.mp_url, headers=temp) as session:
        async with session.get("/v2/jobs") as resp:
            assert resp.status == 200
        async with session.post("/v1/api_keys", json={"ttl": 60}) as resp:
            assert resp.status == 401  # a temporary key cannot mint more keys
    for bad in ({"ttl": 59}, {"ttl": 86401}, {"ttl": "60"}, {}):
        async with http.post("/v1/api_keys", json=bad) as resp:
            assert resp.status == 400, bad


async def test_usage_summarises_finished_jobs(
    http: aiohttp.ClientSession, submit: Submit, wav: Path
) -> None:
    await transcript(http, await submit(config(), wav))
    async with http.get("/v2/usage") as resp:
        summary = (await resp.json())["summary"][0]
    assert summary["count"] == 1 and summary["duration_hrs"] > 0


async def test_expired_temporary_key_is_refused(sandbox: Sandbox) -> None:
    stale = sandbox.keys.mint(ttl=-1)  # minted already past its expiry
    fresh = sandbox.keys.mint(ttl=60)
    async with aiohttp.ClientSession(base_url=sandbox.mp_url) as session:
        async with session.get("/v2/jobs", headers={"Authorization": f"Bearer {stale}"}) as resp:
            assert resp.status == 401
        async with session.get("/v2/jobs", headers={"Authorization": f"Bearer {fresh}"}) as resp:
            assert resp.status == 200


async def test_wait_must_be_a_whole_number(
    http: aiohttp.ClientSession, submit: Submit, wav: Path
) -> None:
    job_id = await submit(config(), wav)
    for bad in ("soon", "1.5", "-1"):
        async with http.get(f"/v2/jobs/{job_id}", params={"wait": bad}) as resp:
            assert resp.status == 422, bad
            assert (await resp.json())["code"] == 422
    async with http.get(f"/v2/jobs/{job_id}/transcript", params={"format": "docx"}) as resp:
        assert resp.status == 400
        assert (await resp.json())["error"] == "Format Not Supported"


async def test_zero_length_audio_is_rejected(
    http: aiohttp.ClientSession, submit: Submit, tmp_path: Path
) -> None:
    silent = write_wav(tmp_path / "nothing.wav", seconds=0)
    job_id = await submit(config(), silent)
    async with http.get(f"/v2/jobs/{job_id}", params={"wait": 30}) as resp:
        job = (await resp.json())["job"]
    assert job["status"] == "rejected" and job["duration"] == 0
    assert "invalid audio" in job["errors"][0]["message"]


def test_only_loopback_hosts_are_fetched() -> None:
    from smdesk.sandbox.processing import is_loopback_host

    for host in ("127.0.0.1", "127.5.6.7", "::1", "[::1]", "localhost", "LOCALHOST"):
        assert is_loopback_host(host), host
    for host in ("example.com", "localhost.example.com", "10.0.0.1", "0.0.0.0", "", None):
        assert not is_loopback_host(host), host


async def test_odd_filenames_are_kept_as_data_name_only(
    sandbox: Sandbox, http: aiohttp.ClientSession, wav: Path
) -> None:
    for name in ("../../etc/passwd.wav", "Grüße – Interview.wav", "no extension", "odd.w@v"):
        async with http.post("/v2/jobs", data=job_form(config(), wav, filename=name)) as resp:
            assert resp.status == 201, name
            job = sandbox.jobs[(await resp.json())["id"]]
        assert job.data_name == name
        assert job.spool_path is None or job.spool_path.parent == sandbox.spool_dir
