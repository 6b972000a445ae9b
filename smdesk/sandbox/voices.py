"""Speaker identification, emulated: voice identifiers from `get_speakers`, names from `speakers`.

A voice is a true speaker of an upload: for the bundled sample one of its two voices (whatever the
file was called or how often it was sent), for other audio its content hash plus the speaker the
sandbox text gave it. An identifier encodes that voice and the identifier "generation", so it
stays valid across sandbox restarts (the app's stored voices keep working) and a sandbox started
with a newer `voice_generation` refuses old ones, as the real API may after a model change.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from typing import Any

from smdesk.sandbox.transcribe import Token
from smdesk.sandbox.upload import UploadError

PREFIX = "SBXV"
MAX_IDENTIFIERS = 50  # per job, over all speakers (the API's limit)
_RESERVED_LABEL = re.compile(r"^(S\d+|UU)$")


def voice_key(speaker: str, *, sha256: str | None, is_sample: bool) -> str:
    return f"sample:{speaker}" if is_sample else f"{(sha256 or '0' * 64)[:20]}:{speaker}"


def _checksum(payload: bytes) -> str:
    return hashlib.sha256(b"smdesk-sandbox-voice|" + payload).hexdigest()[:12]


def identifier_for(key: str, generation: int) -> str:
    payload = f"{generation}|{key}".encode()
    body = base64.urlsafe_b64encode(payload).decode().rstrip("=")
    return f"{PREFIX}{body}.{_checksum(payload)}"


def decode_identifier(identifier: str) -> tuple[int, str] | None:
    """(generation, voice key), or None for text the sandbox never issued."""
    if not identifier.startswith(PREFIX) or "." not in identifier:
        return None
    body, _, check = identifier[len(PREFIX) :].rpartition(".")
    try:
        payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        generation, _, key = payload.decode().partition("|")
        if _checksum(payload) != check or not key:
            return None
        return int(generation), key
    except (ValueError, UnicodeDecodeError):
        return None


def _invalid(reason: str) -> UploadError:
    return UploadError(400, "Job rejected", f"Job config JSON is invalid. Error: {reason}")


def check_speakers(transcription_config: dict[str, Any], generation: int) -> None:
    """Refuse a `speakers` list the API would refuse (shape, labels, unknown or old ids)."""
    sdc = transcription_config.get("speaker_diarization_config")
    speakers = sdc.get("speakers") if isinstance(sdc, dict) else None
    if speakers is None:
        return
    if not isinstance(speakers, list):
        raise _invalid("speaker_diarization_config.speakers must be a list")
    total = 0
    for entry in speakers:
        label = entry.get("label") if isinstance(entry, dict) else None
        ids = entry.get("speaker_identifiers") if isinstance(entry, dict) else None
        if not isinstance(label, str) or not label.strip() or _RESERVED_LABEL.match(label):
            raise _invalid("each speaker needs a label that is not S1, S2, ... or UU")
        if not isinstance(ids, list) or not ids or len(set(map(str, ids))) != len(ids):
            raise _invalid(f"speaker {label!r} needs a list of unique speaker_identifiers")
        total += len(ids)
        for identifier in ids:
            decoded = decode_identifier(str(identifier))
            if decoded is None or decoded[0] != generation:
                raise _invalid(
                    f"the speaker identifiers of {label!r} are not valid (they may have been "
                    "created by an older model); create them again with get_speakers"
                )
    if total > MAX_IDENTIFIERS:
        raise _invalid(f"at most {MAX_IDENTIFIERS} speaker identifiers per job")


def identify_speakers(
    tokens: list[Token],
    transcription_config: dict[str, Any],
    *,
    sha256: str | None,
    is_sample: bool,
    generation: int,
) -> tuple[list[Token], list[dict[str, Any]] | None]:
    """Tokens relabelled (known voices get their names, others S1, S2... in order of
    appearance) and the top-level `speakers` list when `get_speakers` was asked for."""
    if transcription_config.get("diarization") != "speaker":
        return tokens, None
    sdc = transcription_config.get("speaker_diarization_config")
    sdc = sdc if isinstance(sdc, dict) else {}
    names: dict[str, str] = {}  # voice key -> label
    for entry in sdc.get("speakers") or []:
        for identifier in entry["speaker_identifiers"]:
            decoded = decode_identifier(str(identifier))
            if decoded is not None:
                names.setdefault(decoded[1], entry["label"])
    voices: dict[str, str] = {}  # true speaker -> label in this transcript
    unknown = 0
    for token in tokens:
        if token.speaker not in voices:
            key = voice_key(token.speaker, sha256=sha256, is_sample=is_sample)
            if key in names:
                voices[token.speaker] = names[key]
            else:
                unknown += 1
                voices[token.speaker] = f"S{unknown}"
    relabelled = [dataclasses.replace(t, speaker=voices[t.speaker]) for t in tokens]
    if not sdc.get("get_speakers"):
        return relabelled, None
    listed = [
        {"label": label, "speaker_identifiers": [
            identifier_for(voice_key(true, sha256=sha256, is_sample=is_sample), generation)
        ]}
        for true, label in voices.items()
    ]  # fmt: skip
    return relabelled, listed
