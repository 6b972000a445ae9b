"""Streaming uploads: validate the source before any network traffic, then send it in chunks.

The file is never held in memory: chunks of `CHUNK_SIZE` bytes are read in the default executor
and written to the socket one by one. Progress is reported from the event loop, throttled.
"""

from __future__ import annotations

import asyncio
import errno
import io
import logging
import mimetypes
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol, cast

from aiohttp import payload as aiohttp_payload
from aiohttp.abc import AbstractStreamWriter

from smdesk.batch.errors import ConfigurationError
from smdesk.batch.names import upload_filename

logger = logging.getLogger(__name__)

CHUNK_SIZE = 256 * 1024
MAX_UPLOAD_BYTES = 1_000_000_000  # the API refuses uploads of 1 GB or more (the default limit)
PROGRESS_INTERVAL = 0.1  # seconds between progress callbacks (first and last always sent)


class BinaryReader(Protocol):
    """Any binary file object: only read(size) is required (seek/tell/name are used if there)."""

    def read(self, size: int, /) -> bytes: ...


ProgressCallback = Callable[[int, "int | None"], None]
AudioSource = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryReader | IO[bytes]

# Our own table first: mimetypes depends on the platform's registry / mime.types.
CONTENT_TYPES = {
    ".wav": "audio/wav", ".mp3": "audio/mpeg", ".mpga": "audio/mpeg", ".aac": "audio/aac",
    ".ogg": "audio/ogg", ".oga": "audio/ogg", ".opus": "audio/ogg", ".amr": "audio/amr",
    ".m4a": "audio/mp4", ".flac": "audio/flac", ".wma": "audio/x-ms-wma", ".aif": "audio/aiff",
    ".aiff": "audio/aiff", ".mp4": "video/mp4", ".m4v": "video/mp4", ".mpeg": "video/mpeg",
    ".mpg": "video/mpeg", ".mov": "video/quicktime", ".mkv": "video/x-matroska",
    ".webm": "video/webm", ".avi": "video/x-msvideo", ".wmv": "video/x-ms-wmv",
    ".3gp": "video/3gpp",
}  # fmt: skip

# Leading bytes -> extension, to name unnamed data (bytes, BytesIO) sensibly.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"OggS", ".ogg"), (0, b"fLaC", ".flac"), (0, b"ID3", ".mp3"), (0, b"#!AMR", ".amr"),
    (0, b"\x1a\x45\xdf\xa3", ".webm"), (4, b"ftyp", ".m4a"), (0, b"\xff\xfb", ".mp3"),
    (0, b"\xff\xf3", ".mp3"), (0, b"\xff\xf1", ".aac"), (0, b"\xff\xf9", ".aac"),
)  # fmt: skip


def content_type_for(filename: str) -> str:
    ext = os.path.splitext(filename)[1].lower()
    if ext in CONTENT_TYPES:
        return CONTENT_TYPES[ext]
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def sniff_extension(head: bytes) -> str:
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return ".wav"
    for offset, magic, ext in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return ext
    return ".bin"


@dataclass
class UploadSource:
    """A validated upload: what to call it, its type and size, and how to read it."""

    filename: str
    content_type: str
    size: int | None  # None: a non-seekable stream of unknown length (sent chunked)
    stream: IO[bytes]
    owned: bool  # we opened the stream, so we close it

    def close(self) -> None:
        if self.owned:
            self.stream.close()


def _check_size(size: int, name: str, max_bytes: int) -> None:
    if size == 0:
        raise ConfigurationError(
            f"The audio file '{name}' is empty (0 bytes); choose a recording that contains audio."
        )
    if size >= max_bytes:
        size_text, limit_text = _describe_size(size), _describe_limit(max_bytes)
        raise ConfigurationError(
            f"The audio file '{name}' is {size_text}, {limit_text}; "
            "compress or split it, or let the server fetch it from a URL (FetchData)."
        )


def _describe_size(size: int) -> str:
    return f"{size / 1e9:.2f} GB" if size >= 10_000_000 else f"{size:,} bytes"


def _describe_limit(max_bytes: int) -> str:
    if max_bytes == MAX_UPLOAD_BYTES:
        return "over the API's 1 GB upload limit"
    return f"at or over the upload limit of {max_bytes:,} bytes (ConnectionConfig.max_upload_bytes)"


class MissingAudioFileError(FileNotFoundError):
    """FileNotFoundError whose str() is the sentence (setting `filename` on a plain one turns
    str() into "[Errno None] None: ..." and the message is lost)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            errno.ENOENT, f"The audio file '{path}' does not exist; check the path.", str(path)
        )

    def __str__(self) -> str:
        return str(self.strerror)


def _open_path(path: Path, filename: str | None, max_bytes: int) -> UploadSource:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise MissingAudioFileError(path) from None
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(f"'{path}' is a folder, not an audio file; choose a file in it.")
    _check_size(info.st_size, str(path), max_bytes)
    try:
        stream = path.open("rb")
    except FileNotFoundError:  # deleted between the check and the upload
        raise MissingAudioFileError(path) from None
    except PermissionError:
        raise PermissionError(
            f"The audio file '{path}' cannot be read (permission denied); check its permissions."
        ) from None
    name = filename or path.name
    return UploadSource(name, content_type_for(name), info.st_size, stream, owned=True)


def _stream_size(stream: IO[bytes]) -> int | None:
    try:
        if not stream.seekable():
            return None
        position = stream.tell()
        end = stream.seek(0, io.SEEK_END)
        stream.seek(position)
        return end - position
    except (OSError, ValueError):
        return None


def _peek(stream: IO[bytes]) -> bytes:
    try:
        if stream.seekable():
            position = stream.tell()
            head = stream.read(16)
            stream.seek(position)
            return head if isinstance(head, bytes) else b""
    except (OSError, ValueError):
        pass
    return b""


def _open_stream(stream: IO[bytes], filename: str | None, max_bytes: int) -> UploadSource:
    if isinstance(stream, io.TextIOBase):
        raise ConfigurationError("The audio file object is open in text mode; open it with 'rb'.")
    if getattr(stream, "closed", False):
        raise ConfigurationError("The audio file object is already closed.")
    name_attr = getattr(stream, "name", None)
    name = filename or (os.path.basename(name_attr) if isinstance(name_attr, str) else "")
    size = _stream_size(stream)
    if size is not None:
        _check_size(size, name or "audio data", max_bytes)
    if not name:
        name = "audio" + sniff_extension(_peek(stream))
    return UploadSource(name, content_type_for(name), size, stream, owned=False)




def prepare_source(
    audio: AudioSource, filename: str | None = None, *, max_bytes: int = MAX_UPLOAD_BYTES
) -> UploadSource:
    """Validate `audio` and open it for streaming; raises before any network traffic.

    Sources of `max_bytes` or more are refused (streams of unknown length cannot be checked).
    """
    source = _prepare(audio, filename, max_bytes)
    source.filename = upload_filename(source.filename)
    return source


def _prepare(audio: AudioSource, filename: str | None, max_bytes: int) -> UploadSource:
    if isinstance(audio, str | os.PathLike):
        return _open_path(Path(os.fspath(audio)), filename, max_bytes)
    if isinstance(audio, bytes | bytearray | memoryview):
        data = bytes(audio)
        name = filename or "audio" + sniff_extension(data[:16])
        _check_size(len(data), name, max_bytes)
        return UploadSource(name, content_type_for(name), len(data), io.BytesIO(data), owned=True)
    if hasattr(audio, "read"):
        return _open_stream(cast(IO[bytes], audio), filename, max_bytes)
    raise ConfigurationError(
        f"Unsupported audio source of type {type(audio).__name__}; pass a path, bytes or a "
        "binary file object."
    )


class ProgressReporter:
    """Calls `callback(sent, total)` at most every PROGRESS_INTERVAL s; always first and last."""

    def __init__(self, callback: ProgressCallback | None, total: int | None) -> None:
        self._callback = callback
        self.total = total
        self.sent = 0
        self._last_call = float("-inf")

    def advance(self, count: int, *, final: bool = False) -> None:
        self.sent += count
        now = time.monotonic()
        if final or self.sent == self.total or now - self._last_call >= PROGRESS_INTERVAL:
            self._last_call = now
            self._notify()

    def _notify(self) -> None:
        if self._callback is None:
            return
        try:
            self._callback(self.sent, self.total)
        except Exception:  # a broken progress bar must not break the upload
            logger.exception("Upload progress callback failed; no further progress reports")
            self._callback = None


class StreamingFilePayload(aiohttp_payload.Payload):
    """Sends an UploadSource chunk by chunk; notes where and why a failed upload stopped."""

    def __init__(
        self, source: UploadSource, reporter: ProgressReporter, idle_timeout: float
    ) -> None:
        super().__init__(source.stream, content_type=source.content_type, filename=source.filename)
        self._source = source
        self._size = source.size
        self._reporter = reporter
        self.idle_timeout = idle_timeout
        self.stalled = False  # no bytes could be written for idle_timeout seconds
        self.problem: str | None = None  # the file itself misbehaved (shrank, read error)
        self.finished = False

    @property
    def bytes_sent(self) -> int:
        return self._reporter.sent

    def decode(self, encoding: str = "utf-8", errors: str = "strict") -> str:
        raise TypeError("A streamed upload cannot be decoded to text")

    async def write(self, writer: AbstractStreamWriter) -> None:
        loop = asyncio.get_running_loop()
        remaining = self._size
        self._reporter.advance(0)
        while remaining is None or remaining > 0:
            want = CHUNK_SIZE if remaining is None else min(CHUNK_SIZE, remaining)
            chunk = (await self._read(loop, want))[:want]  # never more than declared
            if not chunk:
                if remaining is not None:
                    self.problem = f"'{self._source.filename}' became shorter while uploading"
                    raise OSError(self.problem)
                break
            try:
                async with asyncio.timeout(self.idle_timeout):
                    await writer.write(chunk)
            except TimeoutError:
                self.stalled = True
                raise
            if remaining is not None:
                remaining -= len(chunk)
            self._reporter.advance(len(chunk))
        self.finished = True
        if self._reporter.total is None:
            self._reporter.advance(0, final=True)

    async def write_with_length(
        self, writer: AbstractStreamWriter, content_length: int | None
    ) -> None:
        await self.write(writer)

    async def _read(self, loop: asyncio.AbstractEventLoop, size: int) -> bytes:
        try:
            data: Any = await loop.run_in_executor(None, self._source.stream.read, size)
        except OSError as exc:
            self.problem = f"reading '{self._source.filename}' failed: {exc.strerror or exc}"
            raise
        return bytes(data) if data else b""
