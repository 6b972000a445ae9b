"""Media file checks and probing: is this a file we can upload, how long is it, what is it.

Stdlib + mutagen; ffprobe (when on PATH) is only a fallback. Imports nothing from smdesk, so every
layer (sandbox, CLI, app) can use it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(
    {
        ".wav",
        ".mp3",
        ".aac",
        ".ogg",
        ".oga",
        ".opus",
        ".mpeg",
        ".mpg",
        ".mpga",
        ".amr",
        ".m4a",
        ".mp4",
        ".flac",
        ".mov",
        ".mkv",
        ".webm",
        ".avi",
        ".wmv",
        ".m4v",
        ".3gp",
    }
)
MAX_UPLOAD_BYTES = 1_000_000_000  # the API rejects uploads of 1 GB and more

_VIDEO_EXTENSIONS = frozenset({".mp4", ".mov", ".mkv", ".webm", ".avi", ".wmv", ".m4v", ".3gp"})
_VIDEO_EXTENSIONS |= {".mpeg", ".mpg"}
# Containers mutagen cannot read: without ffprobe on PATH, their first bytes are all we check.
_NEEDS_FFPROBE = frozenset({"matroska", "avi", "amr", "mpeg-ps", "mpeg-video"})
_FINGERPRINT_SPAN = 1 << 20
_SNIFF_BYTES = 64

_CONTENT_TYPES: dict[str, str] = {
    ".wav": "audio/wav",
    ".mp3": "audio/mpeg",
    ".mpga": "audio/mpeg",
    ".aac": "audio/aac",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
    ".amr": "audio/amr",
    ".m4a": "audio/mp4",
    ".flac": "audio/flac",
    ".mpeg": "video/mpeg",
    ".mpg": "video/mpeg",
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".mov": "video/quicktime",
    ".mkv": "video/x-matroska",
    ".webm": "video/webm",
    ".avi": "video/x-msvideo",
    ".wmv": "video/x-ms-wmv",
    ".3gp": "video/3gpp",
}


class MediaError(ValueError):
    """A file that cannot be transcribed; str() is one sentence naming the file and what to do."""


@dataclass(frozen=True)
class MediaInfo:
    path: Path
    size: int
    duration: float | None
    channels: int | None
    has_video: bool


def is_supported(path: str | os.PathLike[str]) -> bool:
    """True when the file name has an extension the API accepts (content is not checked)."""
    return Path(path).suffix.lower() in SUPPORTED_EXTENSIONS


def content_type_for(filename: str) -> str:
    """The MIME type to label an upload with, from its extension."""
    return _CONTENT_TYPES.get(Path(filename).suffix.lower(), "application/octet-stream")


def sniff_container(head: bytes) -> str | None:
    """Name the media container from the first bytes of a file, or None when it is not media."""
    if len(head) >= 12 and head[:4] == b"RIFF":
        return {b"WAVE": "wav", b"AVI ": "avi"}.get(head[8:12])
    if head[:3] == b"ID3":
        return "mp3"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        # MPEG audio frame sync; layer bits 00 means an ADTS AAC stream instead of MP3.
        return "aac" if head[1] & 0x06 == 0 else "mp3"
    prefixes = {
        b"OggS": "ogg",
        b"fLaC": "flac",
        b"#!AMR": "amr",
        b"\x1a\x45\xdf\xa3": "matroska",
        b"\x30\x26\xb2\x75\x8e\x66\xcf\x11": "asf",
        b"\x00\x00\x01\xba": "mpeg-ps",
        b"\x00\x00\x01\xb3": "mpeg-video",
    }
    for prefix, kind in prefixes.items():
        if head.startswith(prefix):
            return kind
    if head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free"):
        return "mp4"
    return None


def _size(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.2f} {unit}"
    return f"{n} bytes"


def check_media_file(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_UPLOAD_BYTES
) -> MediaInfo:
    """Validate a file for upload and probe it; raises FileNotFoundError or MediaError.

    ``max_bytes`` is the upload limit: the API's 1 GB unless an on-premises server takes more.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise FileNotFoundError(f"{p} does not exist; check the path and try again.") from None
    except OSError as e:
        raise MediaError(f"{p} cannot be read ({e.strerror}); check its permissions.") from None
    if p.is_dir():
        raise MediaError(f"{p} is a folder, not a file; choose an audio or video file instead.")
    if not is_supported(p):
        suffix = p.suffix or "no extension"
        raise MediaError(
            f"{p.name} has an unsupported file type ({suffix}); use an audio or video file such "
            "as .wav, .mp3, .m4a, .ogg, .flac or .mp4."
        )
    if st.st_size == 0:
        raise MediaError(f"{p.name} is empty (0 bytes); choose a file that contains a recording.")
    if st.st_size >= max_bytes:
        limit = "the API's 1 GB" if max_bytes == MAX_UPLOAD_BYTES else f"the {_size(max_bytes)}"
        raise MediaError(
            f"{p.name} is {_size(st.st_size)}, over {limit} upload limit; "
            "compress it or split it into shorter parts first."
        )
    try:
        with p.open("rb") as f:
            head = f.read(_SNIFF_BYTES)
    except OSError as e:
        raise MediaError(f"{p.name} cannot be read ({e.strerror}); check its permissions.") from e
    kind = sniff_container(head)
    try:
        probe = _probe_stream(p)
    except Exception:  # a prober choking on hostile input is still just "cannot be read"
        probe = None
    if probe is None:
        if kind is None:
            raise MediaError(
                f"{p.name} does not contain audio or video in a known format; "
                "check that it is a real recording and not a renamed document."
            )
        if kind not in _NEEDS_FFPROBE or shutil.which("ffprobe") is not None:
            raise MediaError(
                f"{p.name} looks like {kind.upper()} from its first bytes, but its audio cannot "
                "be read (the file is damaged, incomplete or not really audio); check that it "
                "plays, then copy or export it again."
            )
        probe = (None, None, None)  # no prober for this container here: the magic must do
    duration, channels, video = probe
    if duration == 0:
        raise MediaError(
            f"{p.name} contains no audio (it lasts 0 seconds); choose a file with a recording."
        )
    has_video = video if video is not None else p.suffix.lower() in _VIDEO_EXTENSIONS
    return MediaInfo(
        path=p, size=st.st_size, duration=duration, channels=channels, has_video=has_video
    )


def probe_duration(path: str | os.PathLike[str]) -> float | None:
    """Duration in seconds (wave, mutagen, then ffprobe), or None when it cannot be determined."""
    return _probe(Path(path))[0]


def probe_audio(path: str | os.PathLike[str]) -> tuple[float | None, int | None]:
    """(duration in seconds, channel count), each None when unknown; no extension checks."""
    duration, channels, _video = _probe(Path(path))
    return duration, channels


def fingerprint(path: str | os.PathLike[str]) -> str:
    """sha256 hex over the size and the first and last MiB: fast on a 1 GB file, stable per file."""
    p = Path(path)
    size = p.stat().st_size
    digest = hashlib.sha256(str(size).encode())
    with p.open("rb") as f:
        digest.update(f.read(_FINGERPRINT_SPAN))
        if size > _FINGERPRINT_SPAN:
            f.seek(max(_FINGERPRINT_SPAN, size - _FINGERPRINT_SPAN))
            digest.update(f.read(_FINGERPRINT_SPAN))
    return digest.hexdigest()


Probe = tuple[float | None, int | None, bool | None]


def _probe(p: Path) -> Probe:
    """(duration, channels, has_video); has_video is None unless ffprobe told us."""
    try:
        return _probe_stream(p) or (None, None, None)
    except Exception:
        return None, None, None


def _probe_stream(p: Path) -> Probe | None:
    """What a prober read from the stream itself, or None when none could make sense of it."""
    with p.open("rb") as f:
        is_wav = sniff_container(f.read(_SNIFF_BYTES)) == "wav"
    # A WAV is judged on its bytes alone: mutagen would believe a header promising audio.
    result = _probe_wav_file(p) if is_wav else _probe_mutagen(p)
    if result is not None and p.suffix.lower() not in _VIDEO_EXTENSIONS:
        return result[0], result[1], False
    if is_wav:
        return None
    ff = _probe_ffprobe(p)
    if ff is not None:
        return ff
    if result is not None:
        return result[0], result[1], None
    return None


def _probe_wave(p: Path) -> tuple[float, int] | None:
    """Duration from the bytes really there (a header may promise more than a cut file has)."""
    try:
        with wave.open(str(p), "rb") as w:
            rate, frame_bytes = w.getframerate(), w.getnchannels() * w.getsampwidth()
            if rate <= 0 or frame_bytes <= 0:
                return None
            channels, frames = w.getnchannels(), w.getnframes()
        start = _wav_data_start(p)
        if start is None:
            return None
        frames = min(frames, (p.stat().st_size - start) // frame_bytes)
        return max(0, frames) / rate, channels  # 0 s: a well-formed WAV without audio
    except Exception:  # wave raises wave.Error, EOFError, RuntimeError (bad chunk size), ...
        return None


def _probe_wav_file(p: Path) -> tuple[float, int | None] | None:
    """A WAV needs a data chunk with bytes in it; PCM is measured by the stdlib, other codecs
    (WAVE_FORMAT_EXTENSIBLE, ADPCM, ...) by mutagen."""
    if _wav_data_start(p) is None:
        return None
    return _probe_wave(p) or _probe_mutagen(p)


def _wav_data_start(p: Path) -> int | None:
    """Offset of the first audio byte: walk the RIFF chunks to `data`."""
    with p.open("rb") as f:
        offset = 12
        while True:
            f.seek(offset)
            header = f.read(8)
            if len(header) < 8:
                return None
            size = int.from_bytes(header[4:], "little")
            if header[:4] == b"data":
                return offset + 8
            offset += 8 + size + (size & 1)  # chunks are padded to an even length


def _probe_mutagen(p: Path) -> tuple[float, int | None] | None:
    try:
        import mutagen

        media = mutagen.File(p)
    except Exception:  # mutagen raises many types on garbage input; any of them means "unknown"
        return None
    info = getattr(media, "info", None)
    length = getattr(info, "length", None)
    if not length or length <= 0:
        return None
    channels = getattr(info, "channels", None)
    return float(length), channels if isinstance(channels, int) else None


def _probe_ffprobe(p: Path) -> tuple[float | None, int | None, bool] | None:
    exe = shutil.which("ffprobe")
    if exe is None:
        return None
    cmd = [
        exe,
        "-v",
        "error",
        "-show_entries",
        "format=duration:stream=codec_type,channels",
        "-of",
        "json",
        str(p),
    ]
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=30, check=False)
        data = json.loads(done.stdout or b"{}")
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    streams = data.get("streams") or []
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    has_video = any(s.get("codec_type") == "video" for s in streams)
    try:
        duration: float | None = float(data.get("format", {}).get("duration"))
    except (TypeError, ValueError):
        duration = None
    if not audio and not has_video:
        return None
    if duration is not None and duration <= 0:
        duration = None
    channels = audio[0].get("channels") if audio else None
    return duration, channels if isinstance(channels, int) else None, has_video
