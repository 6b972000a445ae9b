"""Request handlers of the Batch API v2 (and the temporary-key endpoint)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from aiohttp import web

from smdesk.sandbox.config import parse_config
from smdesk.sandbox.echo import realistic_config, sdk_safe_config
from smdesk.sandbox.errors import api_error, json_response, query_type_error
from smdesk.sandbox.jobs import (
    DELETED,
    DONE,
    EXPIRED,
    REJECTED,
    RUNNING,
    Job,
    iso_ms,
    new_job_id,
    utc_now,
)
from smdesk.sandbox.render import srt_overrides, to_srt, to_txt
from smdesk.sandbox.upload import UploadCutError, UploadError, cut_connection, receive_form
from smdesk.sandbox.voices import check_speakers

if TYPE_CHECKING:
    from smdesk.sandbox.runner import Sandbox

FORMATS = ("json-v2", "txt", "srt")
MAX_WAIT_SECONDS = 3600
_TRUE, _FALSE = frozenset({"true", "1", "yes"}), frozenset({"false", "0", "no"})


class QueryError(Exception):
    def __init__(self, response: web.Response) -> None:
        super().__init__("bad query")
        self.response = response


def _sandbox(request: web.Request) -> Sandbox:
    from smdesk.sandbox.app import SANDBOX

    return request.app[SANDBOX]


def _int_param(request: web.Request, name: str) -> int | None:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise QueryError(query_type_error(name)) from None


def _bool_param(request: web.Request, name: str) -> bool:
    raw = request.query.get(name, "false").lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise QueryError(api_error(422, f"{name} in query must be of type boolean"))


def _wait_seconds(request: web.Request, default: float) -> float:
    wait = _int_param(request, "wait")
    if wait is None:
        return default
    if wait < 0:
        raise QueryError(api_error(422, "wait in query must be greater than or equal to 0"))
    return float(min(wait, MAX_WAIT_SECONDS))


def _format(request: web.Request) -> str:
    fmt = request.query.get("format") or "json-v2"
    fmt = "json-v2" if fmt in ("json", "json_v2") else fmt
    if fmt not in FORMATS:
        raise QueryError(api_error(400, "Format Not Supported", f"format must be one of {FORMATS}"))
    return fmt


def _handles_query_errors(fn: Any) -> Any:
    async def wrapper(request: web.Request) -> web.StreamResponse:
        try:
            return await fn(request)  # type: ignore[no-any-return]
        except QueryError as e:
            return e.response

    wrapper.__name__ = fn.__name__
    return wrapper


def job_details(sandbox: Sandbox, job: Job) -> dict[str, Any]:
    realism = sandbox.options.realism
    details: dict[str, Any] = {
        "config": realistic_config(job.config) if realism else sdk_safe_config(job.config),
        "created_at": iso_ms(job.created_at),
        "data_name": job.data_name,
        "id": job.id,
        "status": job.status,
    }
    if job.duration is not None:
        details["duration"] = round(job.duration)
    if job.errors:
        details["errors"] = list(job.errors)
    if realism:
        lang = (job.config.get("transcription_config") or {}).get("language")
        details["lang"] = lang  # v1 back-compat field the real API still sends
    return details


def rendered(job: Job, fmt: str) -> tuple[Any, str]:
    """(body, content type) of a done job's transcript in `fmt`."""
    assert job.transcript is not None
    if fmt == "txt":
        return to_txt(job.transcript), "text/plain"
    if fmt == "srt":
        length, lines = srt_overrides(job.config)
        return to_srt(job.transcript, length, lines), "text/plain"
    return job.transcript, "application/json"


def _lookup(sandbox: Sandbox, request: web.Request) -> Job | web.Response:
    job = sandbox.store.get(request.match_info["job_id"])
    return job if job is not None and job.registered else api_error(404, "Job not found")


@_handles_query_errors
async def submit(request: web.Request) -> web.StreamResponse:
    sandbox = _sandbox(request)
    wait = _int_param(request, "wait")
    if wait is not None and wait < 0:
        return api_error(422, "wait in query must be greater than or equal to 0")
    fmt = _format(request)
    cut = sandbox.faults.take_cut()
    try:
        form = await receive_form(
            request, sandbox.spool_dir, max_bytes=sandbox.options.max_upload_bytes, cut_after=cut,
            stall=sandbox.faults.take_stall(),
        )  # fmt: skip
    except UploadError as e:
        return api_error(e.status, e.error, e.detail)
    if cut is not None and form.spool_path is None:
        sandbox.faults.put_back_cut(cut)
    try:
        config = parse_config(form.config_text)
        check_speakers(config["transcription_config"], sandbox.options.voice_generation)
        fetch = config.get("fetch_data")
        if fetch is not None and form.spool_path is not None:
            raise UploadError(
                400,
                "Job rejected",
                "Job config JSON is invalid. Error: data_file and fetch_data cannot both be given",
            )
        if fetch is None and form.spool_path is None:
            raise UploadError(400, "Missing data_file")
    except UploadError as e:
        form.discard()
        return api_error(e.status, e.error, e.detail)
    job = sandbox.store.add(
        Job(
            id=new_job_id(),
            config=config,
            created_at=utc_now(),
            data_name=form.filename or "",
            spool_path=form.spool_path,
            upload_content_type=form.content_type,
            upload_filename=form.filename,
            size=form.size,
            sha256=form.sha256,
            fetch_url=fetch["url"] if fetch else None,
            forced_rejection=sandbox.faults.take_rejection(),
            voice_generation=sandbox.options.voice_generation,
            visible_from=time.monotonic() + sandbox.faults.take_late_registration(),
        )
    )
    if form.spool_path is not None:
        sandbox.stats.count_upload()
    sandbox.processor.start(job)
    if sandbox.faults.take_lost_reply():  # the job exists; its id never reaches the client
        cut_connection(request)
        raise UploadCutError()
    body: dict[str, Any] = {"id": job.id}
    if wait is not None:
        await job.wait_until_not_running(float(min(wait, MAX_WAIT_SECONDS)))
        body["status"] = "created" if job.status == RUNNING else job.status
        if job.status == DONE and job.transcript is not None:
            body[fmt] = rendered(job, fmt)[0]
    return json_response(body, status=201)


@_handles_query_errors
async def list_jobs(request: web.Request) -> web.StreamResponse:
    sandbox = _sandbox(request)
    limit = _int_param(request, "limit")
    if limit is not None and not 1 <= limit <= 100:
        return api_error(422, "limit must be between 1 and 100")
    include_deleted = _bool_param(request, "include_deleted")
    before = _created_before(request)
    jobs = []
    for job in sandbox.store.newest_first():
        if not job.registered:
            continue
        if before is not None and job.created_at >= before:
            continue
        if job.status == DELETED and not include_deleted:
            continue
        if job.status == EXPIRED and not sandbox.options.realism:
            continue  # speechmatics-batch 1.1.0 cannot parse "expired"
        jobs.append(job_details(sandbox, job))
        if limit is not None and len(jobs) >= limit:
            break
    return json_response({"jobs": jobs})


def _created_before(request: web.Request) -> datetime | None:
    raw = request.query.get("created_before")
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        error = api_error(422, "created_before in query must be of type date-time")
        raise QueryError(error) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@_handles_query_errors
async def get_job(request: web.Request) -> web.StreamResponse:
    sandbox = _sandbox(request)
    found = _lookup(sandbox, request)
    if isinstance(found, web.Response):
        return found
    await found.wait_until_not_running(_wait_seconds(request, sandbox.options.default_wait))
    if found.status == EXPIRED and not sandbox.options.realism:
        return api_error(410, "Job Expired")
    return json_response({"job": job_details(sandbox, found)})


@_handles_query_errors
async def delete_job(request: web.Request) -> web.StreamResponse:
    sandbox = _sandbox(request)
    found = _lookup(sandbox, request)
    if isinstance(found, web.Response):
        return found
    force = _bool_param(request, "force")
    if found.status == DELETED:
        return api_error(404, "Job not found")
    if found.status == EXPIRED:
        return api_error(410, "Job Expired")
    if found.status == RUNNING and not force:
        return api_error(423, "Resource Locked")
    if found.task is not None and not found.task.done():
        found.task.cancel()
    found.transcript = None
    found.log("Job deleted" + (" while running (force)" if force else ""))
    found.leave_running(DELETED)
    return json_response({"job": job_details(sandbox, found)})


@_handles_query_errors
async def transcript(request: web.Request) -> web.StreamResponse:
    sandbox = _sandbox(request)
    fmt = _format(request)
    found = _lookup(sandbox, request)
    if isinstance(found, web.Response):
        return found
    await found.wait_until_not_running(_wait_seconds(request, sandbox.options.default_wait))
    if found.status == EXPIRED:
        return api_error(410, "File Expired", "File deleted from the storage")
    if found.status == RUNNING:
        return api_error(404, "Transcription not ready")
    if found.status == REJECTED:
        return api_error(404, "Job rejected", found.errors[-1]["message"] if found.errors else None)
    if found.status != DONE or found.transcript is None:
        return api_error(404, "Job not found")
    body, content_type = rendered(found, fmt)
    if content_type == "application/json":
        return json_response(body)
    return web.Response(text=body, content_type=content_type, charset="utf-8")


async def job_log(request: web.Request) -> web.StreamResponse:
    sandbox = _sandbox(request)
    found = _lookup(sandbox, request)
    if isinstance(found, web.Response):
        return found
    if found.status == EXPIRED:
        return api_error(410, "File Expired", "File deleted from the storage")
    if found.status in (RUNNING, DELETED):
        return api_error(404, "Log file not available")
    return web.Response(text="\n".join(found.log_lines) + "\n", content_type="text/plain")


async def usage(request: web.Request) -> web.StreamResponse:
    sandbox = _sandbox(request)
    done = [j for j in sandbox.store if j.status == DONE]
    hours = round(sum(j.duration or 0.0 for j in done) / 3600, 4)
    summary = [
        {"mode": "batch", "type": "transcription", "count": len(done), "duration_hrs": hours}
    ]
    today = utc_now().strftime("%Y-%m-%d")
    return json_response(
        {
            "since": f"{today}T00:00:00Z",
            "until": f"{today}T23:59:59Z",
            "summary": summary,
            "details": summary,
        }
    )


async def mint_key(request: web.Request) -> web.StreamResponse:
    sandbox = _sandbox(request)
    key_type = request.query.get("type", "batch")
    if key_type not in ("batch", "rt"):
        return api_error(400, "Bad Request", "type must be 'batch' or 'rt'")
    try:
        body = await request.json()
    except ValueError:
        return api_error(400, "Bad Request", 'The body must be JSON like {"ttl": 3600}')
    ttl = body.get("ttl") if isinstance(body, dict) else None
    if not isinstance(ttl, int) or isinstance(ttl, bool) or not 60 <= ttl <= 86400:
        return api_error(400, "Bad Request", "ttl must be an integer between 60 and 86400")
    token = sandbox.keys.mint(ttl, key_type)
    return json_response({"apikey_id": None, "key_value": token}, status=201)
