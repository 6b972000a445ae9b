"""The bundled sample interview (resources/ at the repo root) and its true transcript."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from smdesk.resources import resource

SAMPLE_AUDIO: Path = resource("sample-interview.ogg")
SAMPLE_TRANSCRIPT: Path = resource("sample-interview.json")


@functools.cache
def _sample() -> tuple[str, dict[str, Any]] | None:
    try:
        digest = hashlib.sha256(SAMPLE_AUDIO.read_bytes()).hexdigest()
        data = json.loads(SAMPLE_TRANSCRIPT.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return digest, data


def sample_for(sha256: str | None) -> dict[str, Any] | None:
    """The sample's transcript data when `sha256` is the bundled sample's content hash."""
    sample = _sample()
    if sample is None or sha256 is None or sha256 != sample[0]:
        return None
    return sample[1]
