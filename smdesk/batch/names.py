"""The one canonical form of an upload's file name.

The client sends this form (the server echoes it as ``data_name``), so whoever looks for the job
an interrupted upload created must compare ``upload_filename(local name)`` with the server's
name, never the raw local name (leading spaces, control characters or undecodable bytes made
the search miss the job and bill a second one).
"""

from __future__ import annotations

import os

__all__ = ["upload_filename"]


def upload_filename(name: str) -> str:
    """Base name without control characters or surrounding whitespace, valid UTF-8."""
    base = os.path.basename(name)
    # Undecodable bytes (surrogate escapes from os.fsdecode) become U+FFFD: a header needs text.
    base = base.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    base = "".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in base)
    return base.strip() or "audio"
