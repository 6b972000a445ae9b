"""smdesk.media: validation messages, container sniffing, probing, fingerprints, content types."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from smdesk.media import (
    MAX_UPLOAD_BYTES,
    SUPPORTED_EXTENSIONS,
    MediaError,
    check_media_file,
    content_type_for,
    fingerprint,
    is_supported,
    probe_duration,
    sniff_container,
)
from smdesk.sandbox.sample import SAMPLE_AUDIO
from tests.sandbox.conftest import write_wav

needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg not installed")


def one_sentence(message: str, name: str) -> None:
    assert name in message
    assert message.endswith(".") and "\n" not in message and ". " not in message


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as info:
        check_media_file(tmp_path / "gone.wav")
    one_sentence(str(info.value), "gone.wav")


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("folder.wav", None, "is a folder"),
        ("empty.wav", b"", "is empty"),
        ("notes.txt", b"hi", "unsupported file type"),
        ("noext", b"hi", "unsupported file type"),
        ("fake.mp3", b"not audio\n" * 100, "known format"),
        ("zeros.ogg", bytes(4096), "known format"),
    ],
)
def test_bad_files_raise_one_clear_sentence(
    tmp_path: Path, name: str, content: bytes | None, fragment: str
) -> None:
    path = tmp_path / name
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    with pytest.raises(MediaError) as info:
        check_media_file(path)
    one_sentence(str(info.value), path.name)
    assert fragment in str(info.value)


def test_too_large_file(tmp_path: Path) -> None:
    big = tmp_path / "huge.wav"
    with big.open("wb") as f:
        f.truncate(MAX_UPLOAD_BYTES)  # sparse: no real disk use
    with pytest.raises(MediaError, match="1 GB upload limit") as info:
        check_media_file(big)
    one_sentence(str(info.value), "huge.wav")
    assert len(fingerprint(big)) == 64  # reads 2 MiB, not 1 GB


def test_a_raised_limit_accepts_larger_files_and_names_itself(tmp_path: Path) -> None:
    # on-premises servers may take more than the API's 1 GB; the limit follows the connection
    big = tmp_path / "long-day.wav"
    with big.open("wb") as f:
        f.write(write_wav(tmp_path / "seed.wav").read_bytes())
        f.truncate(MAX_UPLOAD_BYTES + 10)
    assert check_media_file(big, max_bytes=2 * MAX_UPLOAD_BYTES).size == MAX_UPLOAD_BYTES + 10
    small = write_wav(tmp_path / "clip.wav")
    with pytest.raises(MediaError, match=r"is \d+\.\d\d kB, over the 1.00 kB upload limit") as info:
        check_media_file(small, max_bytes=1000)
    one_sentence(str(info.value), "clip.wav")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "locked.wav")
    path.chmod(0)
    try:
        with pytest.raises(MediaError, match="cannot be read") as info:
            check_media_file(path)
        one_sentence(str(info.value), "locked.wav")
    finally:
        path.chmod(0o644)


def test_wav_and_sample_are_probed(tmp_path: Path) -> None:
    stereo = write_wav(tmp_path / "two.WAV", seconds=1.5, channels=2)
    info = check_media_file(stereo)
    assert info.duration == pytest.approx(1.5) and info.channels == 2
    assert info.size == stereo.stat().st_size and not info.has_video
    sample = check_media_file(SAMPLE_AUDIO)
    assert 30 <= (sample.duration or 0) <= 45 and sample.channels == 1 and not sample.has_video
    assert probe_duration(SAMPLE_AUDIO) == pytest.approx(sample.duration)
    assert probe_duration(tmp_path) is None


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "wav"),
        (b"RIFF\x00\x00\x00\x00AVI LIST", "avi"),
        (b"ID3\x04\x00", "mp3"),
        (b"\xff\xfb\x90\x64", "mp3"),
        (b"\xff\xf1\x50\x80", "aac"),
        (b"OggS\x00\x02", "ogg"),
        (b"fLaC\x00\x00", "flac"),
        (b"\x00\x00\x00\x20ftypM4A ", "mp4"),
        (b"\x00\x00\x00\x18ftypisom", "mp4"),
        (b"#!AMR\n", "amr"),
        (b"\x1a\x45\xdf\xa3\x9f", "matroska"),
        (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9", "asf"),
        (b"\x00\x00\x01\xba\x44", "mpeg-ps"),
        (b"%PDF-1.7", None),
        (b"PK\x03\x04", None),
        (b"", None),
    ],
)
def test_sniff_container(head: bytes, kind: str | None) -> None:
    assert sniff_container(head) == kind


@needs_ffmpeg
@pytest.mark.parametrize(
    ("name", "args", "has_video"),
    [
        ("a.mp3", [], False),
        ("a.ogg", ["-c:a", "libvorbis"], False),
        ("a.opus", ["-c:a", "libopus"], False),
        ("a.flac", [], False),
        ("a.m4a", ["-c:a", "aac"], False),
        ("a.aac", ["-c:a", "aac"], False),
        ("a.webm", ["-c:a", "libopus"], False),
        ("a.wmv", ["-c:a", "wmav2"], False),
        ("a.mpg", ["-c:a", "mp2"], False),
        ("v.mp4", ["VIDEO"], True),
        ("v.mkv", ["VIDEO"], True),
        ("v.avi", ["VIDEO"], True),
    ],
)
def test_real_containers_pass_and_are_probed(
    tmp_path: Path, name: str, args: list[str], has_video: bool
) -> None:
    path = tmp_path / name
    inputs = ["-f", "lavfi", "-i", "sine=frequency=440:duration=2:sample_rate=16000"]
    if args == ["VIDEO"]:
        inputs += ["-f", "lavfi", "-i", "testsrc=duration=2:size=64x48:rate=5"]
        args = ["-shortest"]
    cmd = ["ffmpeg", "-y", "-loglevel", "error", *inputs, *args, str(path)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=60)
    info = check_media_file(path)
    assert info.duration == pytest.approx(2.0, abs=0.25), name
    assert info.has_video is has_video


def test_fingerprint_is_stable_and_sees_both_ends(tmp_path: Path) -> None:
    data = os.urandom(3 << 20)
    a = tmp_path / "a.wav"
    a.write_bytes(data)
    copy = tmp_path / "copy.wav"
    copy.write_bytes(data)
    assert fingerprint(a) == fingerprint(copy)
    changed_end = tmp_path / "end.wav"
    changed_end.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    assert fingerprint(changed_end) != fingerprint(a)
    longer = tmp_path / "longer.wav"
    longer.write_bytes(data + b"\x00")
    assert fingerprint(longer) != fingerprint(a)


def test_supported_extensions_and_content_types() -> None:
    assert is_supported("talk.MP3") and is_supported(Path("x/y.m4a"))
    assert not is_supported("notes.txt") and not is_supported("README")
    assert len(SUPPORTED_EXTENSIONS) == 20 and all(e.startswith(".") for e in SUPPORTED_EXTENSIONS)
    assert content_type_for("a.mp3") == "audio/mpeg"
    assert content_type_for("A.OGG") == "audio/ogg"
    assert content_type_for("a.wav") == "audio/wav"
    assert content_type_for("a.m4a") == "audio/mp4"
    assert content_type_for("a.mp4") == "video/mp4"
    assert content_type_for("a.flac") == "audio/flac"
    assert content_type_for("a.xyz") == "application/octet-stream"
    for ext in SUPPORTED_EXTENSIONS:
        assert content_type_for(f"f{ext}") != "application/octet-stream", ext
