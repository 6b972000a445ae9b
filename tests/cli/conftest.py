"""Fixtures for the CLI tests: a real sandbox over loopback HTTP and small real media files."""

from __future__ import annotations

import math
import shutil
import struct
import wave
from collections.abc import Iterator
from pathlib import Path

import keyring.core
import pytest

from smdesk.sandbox import SandboxThread

REPO = Path(__file__).resolve().parents[2]
SANDBOX_KEY = "cli-test-key-5f1c9a"


@pytest.fixture(scope="session")
def sample_audio() -> Path:
    try:
        from smdesk.sandbox import sample
    except ImportError:  # before the sandbox package exposes the constant
        return REPO / "resources" / "sample-interview.ogg"
    return Path(sample.SAMPLE_AUDIO)


@pytest.fixture(scope="session")
def sandbox_thread() -> Iterator[SandboxThread]:
    with SandboxThread(api_key=SANDBOX_KEY, processing_seconds=0.05) as thread:
        yield thread


@pytest.fixture
def sandbox(sandbox_thread: SandboxThread,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[SandboxThread]:
    """The shared sandbox, with the CLI's environment pointing at it and no faults left over."""
    sandbox_thread.sandbox.faults.clear()
    monkeypatch.setenv("SPEECHMATICS_API_KEY", SANDBOX_KEY)
    monkeypatch.setenv("SPEECHMATICS_BATCH_URL", sandbox_thread.url)
    yield sandbox_thread
    sandbox_thread.sandbox.faults.clear()


def _reload_keyring_backend() -> None:
    """keyring picks its backend once per process; make it re-read PYTHON_KEYRING_BACKEND."""
    keyring.core.init_backend()


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run in tmp_path, never read a keyring (unless a test opts in) or the user's settings."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SMDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("SMDESK_DEBUG", raising=False)
    _reload_keyring_backend()
    yield
    monkeypatch.undo()
    _reload_keyring_backend()  # leave other test areas the real backend


@pytest.fixture
def interview(tmp_path: Path, sample_audio: Path) -> Path:
    """A copy of the bundled two-speaker sample in its own folder."""
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy(sample_audio, folder / "interview.ogg"))


def write_tone(path: Path, seconds: float = 1.0, rate: int = 8000) -> Path:
    """A short mono 16-bit WAV (a real, probe-able recording)."""
    frames = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
                      for i in range(int(seconds * rate)))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)
    return path


@pytest.fixture
def tone(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    return write_tone(folder / "tone.wav")
