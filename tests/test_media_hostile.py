"""Files that only look like audio are refused before any upload, with one sentence each."""

from __future__ import annotations

import random
import shutil
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from smdesk.media import MediaError, check_media_file
from smdesk.sandbox.sample import SAMPLE_AUDIO
from tests.sandbox.conftest import write_wav
from tests.test_media import one_sentence


def _noise(n: int = 6000) -> bytes:
    return random.Random(7).randbytes(n)


def _wav(tmp: Path) -> bytes:
    return write_wav(tmp / "src.wav", seconds=1.0).read_bytes()


def _with(offset: int, value: bytes) -> Callable[[Path], bytes]:
    def make(tmp: Path) -> bytes:
        data = bytearray(_wav(tmp))
        data[offset : offset + len(value)] = value
        return bytes(data)

    return make


HOSTILE: dict[str, Callable[[Path], bytes]] = {
    # stdlib wave raises RuntimeError on this one (it crashed the CLI, lost the app's drop)
    "huge-fmt-chunk.wav": _with(16, struct.pack("<I", 0xFFFFFFF0)),
    "tiny-fmt-chunk.wav": _with(16, struct.pack("<I", 2)),
    "header-cut.wav": lambda tmp: _wav(tmp)[:30],
    "no-data.wav": lambda tmp: _wav(tmp)[:44],
    "riff-then-noise.wav": lambda tmp: _wav(tmp)[:12] + _noise(),
    "id3-then-noise.mp3": lambda tmp: b"ID3\x04\x00\x00\x00\x00\x00\x00" + _noise(),
    "sync-then-noise.mp3": lambda tmp: b"\xff\xfb\x90\x00" + _noise(),
    "oggs-then-noise.ogg": lambda tmp: b"OggS" + _noise(),
    "flac-then-noise.flac": lambda tmp: b"fLaC" + _noise(),
    "ftyp-then-noise.m4a": lambda tmp: b"\x00\x00\x00\x18ftypM4A " + _noise(),
    "cut-ogg.ogg": lambda tmp: SAMPLE_AUDIO.read_bytes()[:2000],
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_file_that_only_looks_like_audio_is_refused(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name](tmp_path))
    with pytest.raises(MediaError) as caught:
        check_media_file(path)
    one_sentence(str(caught.value), name)
    said = str(caught.value)
    assert "cannot be read" in said or "known format" in said or "no audio" in said


def test_a_wav_cut_mid_data_is_audio_of_its_real_length(tmp_path: Path) -> None:
    whole = write_wav(tmp_path / "whole.wav", seconds=2.0).read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(whole[: 44 + 8000 * 2])  # header promises 2 s, 1 s is there
    assert check_media_file(cut).duration == pytest.approx(1.0, abs=0.01)


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg not installed")
def test_a_wav_the_stdlib_cannot_decode_is_still_accepted(tmp_path: Path) -> None:
    path = tmp_path / "recorder.wav"  # 24-bit, 3 channels: WAVE_FORMAT_EXTENSIBLE
    subprocess.run(["ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", "sine=duration=1",
                    "-c:a", "pcm_s24le", "-ac", "3", str(path)], check=True, timeout=60)
    info = check_media_file(path)
    assert info.duration == pytest.approx(1.0, abs=0.05) and info.channels == 3
