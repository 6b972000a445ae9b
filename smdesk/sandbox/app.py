"""The aiohttp application: routes, auth, faults, Request-Id and stats for every request."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiohttp import web

from smdesk.sandbox import handlers
from smdesk.sandbox.auth import bearer_token
from smdesk.sandbox.errors import FAULT_DETAILS, api_error
from smdesk.sandbox.upload import UploadCutError

if TYPE_CHECKING:
    from smdesk.sandbox.runner import Sandbox

log = logging.getLogger(__name__)
SANDBOX: web.AppKey[Sandbox] = web.AppKey("sandbox")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def request_kind(request: web.Request) -> str:
    route = request.match_info.route
    return route.name or "unknown"


def _authorised(request: web.Request, sandbox: Sandbox, kind: str) -> bool:
    token = bearer_token(request.headers.get("Authorization"))
    if token is None:
        return False
    if kind == "mint":  # only the long-lived key may mint temporary keys
        return sandbox.keys.is_long_lived(token)
    return sandbox.keys.is_valid(token)


async def _drain_body(request: web.Request) -> None:
    """Read and drop an unread body, so a fault reply reaches a client that is still sending."""
    while await request.content.readany():
        pass


@web.middleware
async def api_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    sandbox = request.app[SANDBOX]
    kind = request_kind(request)
    request_id = str(uuid.uuid4())
    status = 0
    try:
        response = await _respond(request, handler, sandbox, kind)
        status = response.status
        response.headers["Request-Id"] = request_id
        return response
    except UploadCutError:
        status = 0  # connection dropped on purpose: no response at all
        raise asyncio.CancelledError() from None
    except ConnectionResetError:
        # The client went away (gave up, was killed, lost its network) while sending: nobody is
        # left to answer, and it is not a server failure.
        log.info("client disconnected during %s %s", request.method, request.path)
        status = 0
        raise asyncio.CancelledError() from None
    finally:
        sandbox.stats.record(request.method, request.path, kind, status)


async def _respond(
    request: web.Request, handler: Handler, sandbox: Sandbox, kind: str
) -> web.StreamResponse:
    latency = sandbox.faults.latency_for(kind)
    if latency > 0:
        await asyncio.sleep(latency)
    failure = sandbox.faults.take_failure(kind) if kind != "unknown" else None
    if failure is not None:
        if request.body_exists:
            await _drain_body(request)
        headers = {}
        if failure.retry_after is not None:
            headers["Retry-After"] = f"{failure.retry_after:g}"
        detail = FAULT_DETAILS.get(failure.status)
        if failure.echo_request:
            detail = failure.echo_prefix + echo_of(request)
        return api_error(failure.status, detail=detail, headers=headers)
    if kind == "unknown":
        return _unknown_route(request)
    if not _authorised(request, sandbox, kind):
        if request.body_exists:
            await _drain_body(request)
        return api_error(401)
    try:
        return await handler(request)
    except (web.HTTPException, UploadCutError, ConnectionResetError, asyncio.CancelledError):
        raise
    except Exception:
        log.exception("sandbox handler failed for %s %s", request.method, request.path)
        return api_error(500)


def echo_of(request: web.Request) -> str:
    """The request line and headers, as a careless server repeats them in an error page."""
    headers = "; ".join(f"{name}: {value}" for name, value in request.headers.items())
    return f"could not handle {request.method} {request.path_qs} ({headers})"


def _unknown_route(request: web.Request) -> web.Response:
    exc = request.match_info.http_exception
    if exc is not None and exc.status == 405:
        return api_error(405, "Method Not Allowed")
    return api_error(404, "Not Found", f"No route for {request.method} {request.path}")


def create_app(sandbox: Sandbox) -> web.Application:
    app = web.Application(middlewares=[api_middleware], client_max_size=1 << 20)
    app[SANDBOX] = sandbox
    r = app.router
    r.add_post("/v2/jobs", handlers.submit, name="submit")
    r.add_get("/v2/jobs", handlers.list_jobs, name="list")
    r.add_get("/v2/jobs/{job_id}", handlers.get_job, name="job")
    r.add_delete("/v2/jobs/{job_id}", handlers.delete_job, name="delete")
    r.add_get("/v2/jobs/{job_id}/transcript", handlers.transcript, name="transcript")
    r.add_get("/v2/jobs/{job_id}/log", handlers.job_log, name="log")
    r.add_get("/v2/usage", handlers.usage, name="usage")
    r.add_post("/v1/api_keys", handlers.mint_key, name="mint")
    return app
