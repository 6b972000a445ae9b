"""The real Speechmatics json-v2 outputs in ../shared/realworld/json-v2 (read from there, never
copied into the repository): where they are, and the skip that says so when ../shared is absent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REALWORLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "realworld" / "json-v2"
FILES = sorted(REALWORLD.glob("*.json")) if REALWORLD.is_dir() else []

needs_realworld = pytest.mark.skipif(
    not FILES, reason=f"the real json-v2 outputs are not at {REALWORLD} (../shared is absent)"
)


def each_file() -> Any:
    """``@each_file()`` on a fixture: run it once per real file (``request.param`` is the path)."""
    return pytest.fixture(params=FILES, ids=[f.stem for f in FILES])


def read_document(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
