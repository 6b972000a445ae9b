"""Fixtures for smdesk.batch tests: a real sandbox over loopback HTTP and small real audio files."""

from __future__ import annotations

import math
import struct
import wave
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from smdesk.batch import AsyncClient, ConnectionConfig
from smdesk.sandbox import Sandbox, SandboxThread

API_KEY = "test-key-0123456789"
SANDBOX_TEXT = "This is sandbox text, not a real transcription."


def write_wav(path: Path, seconds: float = 1.0, rate: int = 8000) -> Path:
    """A mono 16-bit 440 Hz tone; the sandbox answers unknown audio with deterministic text."""
    one_second = b"".join(
        struct.pack("<h", int(6000 * math.sin(2 * math.pi * 440 * i / rate))) for i in range(rate)
    )
    frames = int(rate * seconds)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        for _ in range(frames // rate):
            out.writeframes(one_second)
        out.writeframes(one_second[: 2 * (frames % rate)])
    return path


def fast_retries(**overrides: float) -> ConnectionConfig:
    """Default limits, but retry pauses short enough for tests."""
    values = {"retry_base_delay": 0.01, "retry_max_delay": 0.05, **overrides}
    return ConnectionConfig(**values)  # type: ignore[arg-type]


@pytest.fixture
def audio_file(tmp_path: Path) -> Path:
    return write_wav(tmp_path / "audio.wav", seconds=1.0)


@pytest.fixture
async def sandbox(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Sandbox]:
    async with Sandbox(api_key=API_KEY, processing_factor=0.0, processing_seconds=0.3) as sb:
        monkeypatch.setenv("SPEECHMATICS_API_KEY", API_KEY)
        monkeypatch.setenv("SPEECHMATICS_BATCH_URL", sb.url)
        monkeypatch.setenv("SM_MANAGEMENT_PLATFORM_URL", sb.mp_url)
        yield sb


@pytest.fixture
async def client(sandbox: Sandbox) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(api_key=API_KEY, url=sandbox.url, conn_config=fast_retries()) as c:
        yield c


@pytest.fixture
def sandbox_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[SandboxThread]:
    """A sandbox on its own thread, for code that calls asyncio.run() itself (README examples).

    default_wait=2 mirrors the real API, which holds GET job/transcript for ~2 s by default.
    """
    with SandboxThread(
        api_key=API_KEY, processing_factor=0.0, processing_seconds=0.3, default_wait=2.0
    ) as thread:
        monkeypatch.setenv("SPEECHMATICS_API_KEY", API_KEY)
        monkeypatch.setenv("SPEECHMATICS_BATCH_URL", thread.url)
        monkeypatch.setenv("SM_MANAGEMENT_PLATFORM_URL", thread.mp_url)
        yield thread
