"""The API's error bodies: {"code", "error", "detail"?} with Content-Type application/json."""

from __future__ import annotations

import json

from aiohttp import web

# The `error` text the API uses for each status when nothing more specific applies.
DEFAULT_ERRORS: dict[int, str] = {
    400: "Bad Request",
    401: "Permission Denied",
    403: "Forbidden",
    404: "Job not found",
    408: "Request Timeout",
    410: "Job Expired",
    413: "Request Entity Too Large",
    422: "Unprocessable Entity",
    423: "Resource Locked",
    429: "Max concurrent running jobs exceeded",
    500: "Internal Server Error",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
FAULT_DETAILS: dict[int, str] = {403: "Entitlement check failed"}


def api_error(
    status: int,
    error: str | None = None,
    detail: str | None = None,
    headers: dict[str, str] | None = None,
) -> web.Response:
    text = error or DEFAULT_ERRORS.get(status, "Error")
    body: dict[str, object] = {"code": status, "error": text}
    if detail:
        body["detail"] = detail
    return web.Response(
        status=status, text=json.dumps(body), content_type="application/json", headers=headers
    )


def config_invalid(reason: str | None = None) -> web.Response:
    detail = "Job config JSON is invalid" + (f". Error: {reason}" if reason else "")
    return api_error(400, "Job rejected", detail)


def query_type_error(name: str) -> web.Response:
    return api_error(422, f"{name} in query must be of type int64")


def json_response(data: object, status: int = 200) -> web.Response:
    return web.Response(status=status, text=json.dumps(data), content_type="application/json")
