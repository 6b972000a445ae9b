"""Streaming multipart receiver for POST /v2/jobs: the file goes straight to a spool file."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from aiohttp import BodyPartReader, MultipartReader, web

from smdesk.sandbox.faults import Stall

CHUNK = 1 << 20
_SAFE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}")
MAX_CONFIG_BYTES = 1 << 20


class UploadError(Exception):
    """The form cannot be accepted; `status`, `error`, `detail` become the API error body."""

    def __init__(self, status: int, error: str, detail: str | None = None) -> None:
        super().__init__(detail or error)
        self.status, self.error, self.detail = status, error, detail


class UploadCutError(Exception):
    """The connection was dropped on purpose (FaultPlan.cut_next_upload)."""


@dataclass
class ReceivedForm:
    config_text: str | None = None
    spool_path: Path | None = None
    filename: str | None = None
    content_type: str | None = None
    size: int = 0
    sha256: str | None = None

    def discard(self) -> None:
        if self.spool_path is not None:
            with contextlib.suppress(OSError):
                self.spool_path.unlink()
            self.spool_path = None


def _write_chunk(f: IO[bytes], digest: hashlib._Hash, chunk: bytes) -> None:
    f.write(chunk)
    digest.update(chunk)


async def receive_form(
    request: web.Request,
    spool_dir: Path,
    *,
    max_bytes: int,
    cut_after: int | None,
    stall: Stall | None = None,
) -> ReceivedForm:
    """Read the multipart body part by part; never holds more than one chunk in memory."""
    try:
        reader = await request.multipart()
    except (AssertionError, ValueError, KeyError):
        raise UploadError(400, "Malformed request", "Expected a multipart/form-data body") from None
    form = ReceivedForm()
    try:
        while True:
            part = await reader.next()
            if part is None:
                break
            if isinstance(part, MultipartReader):
                await _drain_reader(part)
            elif part.name == "config":
                form.config_text = await _read_config(part)
            elif part.name == "data_file" and form.spool_path is None:
                await _spool_file(request, part, form, spool_dir, max_bytes, cut_after, stall)
            else:
                await _drain_part(part)
    except BaseException:
        form.discard()
        raise
    if cut_after is not None and form.spool_path is not None:
        cut_connection(request)  # the file was smaller than the cut point: drop before replying
        form.discard()
        raise UploadCutError()
    return form


async def _read_config(part: BodyPartReader) -> str:
    data = bytearray()
    while chunk := await part.read_chunk(64 * 1024):
        data += chunk
        if len(data) > MAX_CONFIG_BYTES:
            raise UploadError(400, "Job rejected", "Job config JSON is invalid. Error: too large")
    try:
        return data.decode(part.get_charset(default="utf-8"))
    except (UnicodeDecodeError, LookupError):
        raise UploadError(400, "Job rejected", "Job config JSON is invalid") from None


async def _spool_file(
    request: web.Request,
    part: BodyPartReader,
    form: ReceivedForm,
    spool_dir: Path,
    max_bytes: int,
    cut_after: int | None,
    stall: Stall | None,
) -> None:
    form.filename = part.filename or "data_file"
    form.content_type = part.headers.get("Content-Type")
    # Keep a plain extension (helps format sniffing); anything odd in the name is dropped.
    suffix = Path(form.filename).suffix
    suffix = suffix if _SAFE_SUFFIX.fullmatch(suffix) else ""
    fd, name = tempfile.mkstemp(prefix="upload-", suffix=suffix, dir=spool_dir)
    form.spool_path = Path(name)
    digest = hashlib.sha256()
    with open(fd, "wb") as f:  # noqa: ASYNC230 - writes go through to_thread below
        while chunk := await part.read_chunk(CHUNK):
            if cut_after is not None and form.size + len(chunk) >= cut_after:
                cut_connection(request)
                raise UploadCutError()
            form.size += len(chunk)
            if stall is not None and form.size >= stall.after_bytes:
                await asyncio.sleep(stall.seconds)  # stop reading: the client's sends back up
                stall = None
            if form.size >= max_bytes:
                await _drain_part(part, budget=4 * max_bytes)
                raise UploadError(
                    400,
                    "Job rejected",
                    f"File size exceeds the maximum of {max_bytes} bytes; "
                    "use fetch_data for larger files",
                )
            # Disk write + hash off the event loop so other requests stay responsive.
            await asyncio.to_thread(_write_chunk, f, digest, chunk)
    form.sha256 = digest.hexdigest()


def cut_connection(request: web.Request) -> None:
    transport = request.transport
    if transport is not None:
        transport.abort()


async def _drain_part(part: BodyPartReader, budget: int | None = None) -> None:
    seen = 0
    while chunk := await part.read_chunk(CHUNK):
        seen += len(chunk)
        if budget is not None and seen > budget:
            raise UploadError(400, "Job rejected", "Request body is too large")


async def _drain_reader(reader: MultipartReader) -> None:
    while (inner := await reader.next()) is not None:
        if isinstance(inner, MultipartReader):
            await _drain_reader(inner)
        else:
            await _drain_part(inner)
