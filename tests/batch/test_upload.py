"""Uploads: streamed in bounded chunks, real content types, progress, errors before traffic."""

from __future__ import annotations

import asyncio
import gc
import hashlib
import io
import os
import sys
import tracemalloc
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import psutil
import pytest

from smdesk.batch import (
    CHUNK_SIZE,
    AsyncClient,
    BatchError,
    ConfigurationError,
    ConnectionConfig,
    ConnectionError,
    FetchData,
    JobConfig,
    RequestTimeoutError,
    TranscriptionConfig,
    TransportError,
)
from smdesk.sandbox import Sandbox
from tests.batch.conftest import API_KEY, write_wav


class ChunkCheckingReader(io.RawIOBase):
    """A binary file wrapper that fails the test if anyone reads more than one chunk at once."""

    def __init__(self, path: Path, *, seekable: bool = True) -> None:
        self._file = path.open("rb")
        self._seekable = seekable
        self.name = str(path)
        self.read_sizes: list[int] = []

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._seekable

    def tell(self) -> int:
        return self._file.tell()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._file.seek(offset, whence)

    def read(self, size: int | None = -1) -> bytes:
        assert size is not None and 0 < size <= CHUNK_SIZE, f"read({size}) is not bounded"
        self.read_sizes.append(size)
        return self._file.read(size)

    def close(self) -> None:
        self._file.close()
        super().close()


def _size(path: Path) -> int:
    return path.stat().st_size


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def _requests(sandbox: Sandbox) -> int:
    return sum(sandbox.stats.requests.values())


async def test_file_object_is_read_in_bounded_chunks(
    client: AsyncClient, sandbox: Sandbox, tmp_path: Path
) -> None:
    path = write_wav(tmp_path / "long.wav", seconds=200.0)  # 3.2 MB
    reader = ChunkCheckingReader(path)
    job = await client.submit_job(reader)
    reader.close()
    assert len(reader.read_sizes) >= path.stat().st_size // CHUNK_SIZE
    received = sandbox.job(job.id)
    assert received.size == path.stat().st_size
    assert received.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert received.data_name == "long.wav"


@pytest.fixture
async def sandbox_process() -> AsyncIterator[str]:
    """The sandbox in its own process, so tracemalloc sees only the client's memory."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "smdesk.sandbox", "--port", "0", "--api-key", API_KEY,
        "--processing-seconds", "60", stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        first_line = await asyncio.wait_for(process.stdout.readline(), timeout=30)
        yield first_line.decode().split(" at ")[-1].strip()
    finally:
        process.terminate()
        await process.wait()


async def test_path_upload_memory_does_not_grow_with_file_size(
    sandbox_process: str, tmp_path: Path
) -> None:
    path = write_wav(tmp_path / "big.wav", seconds=1500.0)  # 24 MB
    async with AsyncClient(api_key=API_KEY, url=sandbox_process) as client:
        await client.list_jobs()  # session and connection set up before measuring
        gc.collect()
        tracemalloc.start()
        try:
            job = await client.submit_job(path)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert (await client.get_job_info(job.id)).data_name == "big.wav"
    assert peak < 4_000_000, f"peak {peak:,} bytes for a {_size(path):,} byte file"


async def test_progress_is_monotonic_and_ends_at_total(
    client: AsyncClient, tmp_path: Path
) -> None:
    path = write_wav(tmp_path / "p.wav", seconds=120.0)
    calls: list[tuple[int, int | None]] = []
    await client.submit_job(path, progress=lambda sent, total: calls.append((sent, total)))
    size = path.stat().st_size
    assert calls[0] == (0, size)
    assert calls[-1] == (size, size)
    sent = [s for s, _ in calls]
    assert sent == sorted(sent)
    assert all(total == size for _, total in calls)


async def test_stream_of_unknown_length_is_sent_chunked(
    client: AsyncClient, sandbox: Sandbox, tmp_path: Path
) -> None:
    path = write_wav(tmp_path / "pipe.wav", seconds=40.0)
    reader = ChunkCheckingReader(path, seekable=False)
    calls: list[tuple[int, int | None]] = []
    job = await client.submit_job(reader, progress=lambda s, t: calls.append((s, t)))
    reader.close()
    assert sandbox.job(job.id).size == path.stat().st_size
    assert calls[-1] == (path.stat().st_size, None)


async def test_a_failing_progress_callback_does_not_break_the_upload(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path
) -> None:
    def broken(sent: int, total: int | None) -> None:
        raise RuntimeError("progress bar bug")

    job = await client.submit_job(audio_file, progress=broken)
    assert sandbox.job(job.id).size == _size(audio_file)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.wav", "audio/wav"), ("a.MP3", "audio/mpeg"), ("a.m4a", "audio/mp4"),
        ("a.ogg", "audio/ogg"), ("a.opus", "audio/ogg"), ("a.flac", "audio/flac"),
        ("a.amr", "audio/amr"), ("a.aac", "audio/aac"), ("a.mp4", "video/mp4"),
        ("a.mov", "video/quicktime"), ("a.webm", "video/webm"), ("a.mkv", "video/x-matroska"),
    ],
)  # fmt: skip
async def test_content_type_follows_the_extension(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path, name: str, expected: str
) -> None:
    job = await client.submit_job(audio_file, filename=name)
    assert sandbox.job(job.id).upload_content_type == expected
    assert sandbox.job(job.id).data_name == name


async def test_accepts_paths_bytes_and_file_objects(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path
) -> None:
    data = _bytes(audio_file)
    by_path = await client.submit_job(audio_file)  # pathlib.Path (the SDK fails on these)
    by_bytes = await client.submit_job(data)
    by_buffer = await client.submit_job(io.BytesIO(data))
    with audio_file.open("rb") as handle:
        by_handle = await client.submit_job(handle)
    for job in (by_path, by_bytes, by_buffer, by_handle):
        assert sandbox.job(job.id).sha256 == hashlib.sha256(data).hexdigest()
        assert sandbox.job(job.id).upload_content_type == "audio/wav"
    assert sandbox.job(by_bytes.id).data_name == "audio.wav"  # named from the RIFF header
    assert sandbox.job(by_handle.id).data_name == "audio.wav"


async def test_non_ascii_file_names_survive(
    client: AsyncClient, sandbox: Sandbox, tmp_path: Path
) -> None:
    path = write_wav(tmp_path / "Interview – café 1.wav")
    job = await client.submit_job(str(path))
    assert job.data_name == "Interview – café 1.wav"
    assert sandbox.job(job.id).data_name == "Interview – café 1.wav"


async def test_missing_file_raises_file_not_found_before_any_request(
    client: AsyncClient, sandbox: Sandbox, tmp_path: Path
) -> None:
    missing = tmp_path / "nope.wav"
    with pytest.raises(FileNotFoundError, match=r"nope\.wav") as info:
        await client.submit_job(str(missing))
    assert info.value.filename == str(missing)
    with pytest.raises(FileNotFoundError):
        await client.transcribe(missing)
    assert _requests(sandbox) == 0


async def test_bad_files_fail_with_one_sentence_before_any_request(
    client: AsyncClient, sandbox: Sandbox, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.wav"
    empty.touch()
    huge = tmp_path / "huge.wav"
    with huge.open("wb") as f:
        f.truncate(1_000_000_001)  # sparse: no disk used
    with pytest.raises(IsADirectoryError, match="is a folder"):
        await client.submit_job(tmp_path)
    with pytest.raises(ConfigurationError, match=r"'.*empty\.wav' is empty"):
        await client.submit_job(empty)
    with pytest.raises(ConfigurationError, match=r"huge\.wav' is 1\.00 GB, over the API's 1 GB"):
        await client.submit_job(huge)
    with pytest.raises(ConfigurationError, match="empty"):
        await client.submit_job(b"")
    with pytest.raises(ConfigurationError, match="text mode"):
        await client.submit_job(io.StringIO("not audio"))  # type: ignore[arg-type]
    assert _requests(sandbox) == 0


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root"
)
async def test_unreadable_file_raises_permission_error(
    client: AsyncClient, audio_file: Path
) -> None:
    os.chmod(audio_file, 0)
    with pytest.raises(PermissionError, match="cannot be read"):
        await client.submit_job(audio_file)


async def test_audio_and_fetch_data_are_exclusive(client: AsyncClient, audio_file: Path) -> None:
    fetch = JobConfig(fetch_data=FetchData(url="https://example.invalid/a.wav"),
                      transcription_config=TranscriptionConfig())  # fmt: skip
    with pytest.raises(ConfigurationError, match="either"):
        await client.submit_job(audio_file, config=fetch)
    with pytest.raises(ConfigurationError, match="Nothing to transcribe"):
        await client.submit_job()


async def test_fetch_data_job_is_submitted_without_a_file(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path
) -> None:
    url = audio_file.as_uri()  # the sandbox can fetch file:// URLs
    config = JobConfig(fetch_data=FetchData(url=url), transcription_config=TranscriptionConfig())
    job = await client.submit_job(config=config)
    assert job.data_name == url
    assert sandbox.job(job.id).fetch_url == url


async def test_submit_is_never_retried(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path
) -> None:
    sandbox.faults.fail_next("submit", count=1, status=503)
    with pytest.raises(TransportError) as info:
        await client.submit_job(audio_file)
    assert info.value.status_code == 503
    assert info.value.request_id
    assert sandbox.stats.requests["submit"] == 1
    assert sandbox.stats.uploads == 0 and not sandbox.jobs


async def test_connection_cut_mid_upload_is_a_clear_connection_error(
    client: AsyncClient, sandbox: Sandbox, tmp_path: Path
) -> None:
    path = write_wav(tmp_path / "cut.wav", seconds=120.0)  # ~2 MB
    sandbox.faults.cut_next_upload(after_bytes=65536)
    with pytest.raises(ConnectionError) as info:
        await client.submit_job(path)
    message = str(info.value)
    assert "The upload of 'cut.wav'" in message and "no job was created" in message
    assert info.value.status_code is None and info.value.request_id
    assert isinstance(info.value, OSError)  # also the builtin ConnectionError
    assert sandbox.stats.requests["submit"] == 1  # not retried
    assert not sandbox.jobs


class _SilentServer:
    """Accepts a connection, reads the request head, then never reads again (a stalled peer)."""

    def __init__(self) -> None:
        self.head = b""
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []

    async def __aenter__(self) -> str:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}/v2"

    async def __aexit__(self, *exc: Any) -> None:
        for writer in self._writers:
            writer.close()
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.append(writer)
        self.head = await reader.readuntil(b"\r\n\r\n")
        await asyncio.Event().wait()


async def test_stalled_upload_times_out_and_declares_its_length(tmp_path: Path) -> None:
    path = tmp_path / "stall.wav"
    with path.open("wb") as f:
        f.truncate(64_000_000)  # more than the kernel's socket buffers can absorb
    server = _SilentServer()
    async with server as url:
        config = ConnectionConfig(upload_idle_timeout=0.5, max_retries=0)
        async with AsyncClient(api_key=API_KEY, url=url, conn_config=config) as client:
            with pytest.raises(RequestTimeoutError, match="stalled") as info:
                await client.submit_job(path)
    assert isinstance(info.value, TimeoutError)
    head = server.head.decode("latin-1").lower()
    assert "content-length:" in head and "transfer-encoding: chunked" not in head
    assert API_KEY not in str(info.value)


def _open_paths() -> set[str]:
    return {f.path for f in psutil.Process().open_files()}


async def test_cancelling_an_upload_propagates_and_closes_the_file(
    client: AsyncClient, sandbox: Sandbox, tmp_path: Path
) -> None:
    path = write_wav(tmp_path / "cancel.wav", seconds=600.0)  # ~10 MB
    sandbox.faults.set_latency(1.0, kind="submit")  # the reply cannot come before the cancel
    started = asyncio.Event()

    def on_progress(sent: int, total: int | None) -> None:
        if sent > 0:
            started.set()

    upload = asyncio.create_task(client.submit_job(path, progress=on_progress))
    await asyncio.wait_for(started.wait(), timeout=30)
    upload.cancel()
    with pytest.raises(asyncio.CancelledError):
        await upload
    assert str(path) not in _open_paths()
    sandbox.faults.clear()


class ShrinkingReader(ChunkCheckingReader):
    """Claims (by seeking) to be longer than what read() will deliver, like a truncated file."""

    def __init__(self, path: Path, deliver: int) -> None:
        super().__init__(path)
        self._left = deliver

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(min(size or 0, self._left)) if self._left else b""
        self._left -= len(data)
        return data


async def test_a_file_that_shrinks_during_upload_fails_clearly(
    client: AsyncClient, sandbox: Sandbox, tmp_path: Path
) -> None:
    path = write_wav(tmp_path / "shrinks.wav", seconds=100.0)
    reader = ShrinkingReader(path, deliver=300_000)
    with pytest.raises(BatchError, match=r"'shrinks\.wav' became shorter while uploading") as info:
        await client.submit_job(reader)
    reader.close()
    assert "no job was created" in str(info.value)
    assert not sandbox.jobs
