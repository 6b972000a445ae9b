"""Where the repository's resources/ folder is: beside the smdesk package, both in a source tree
and in a PyInstaller bundle (packaging/smdesk.spec copies it there). Imports nothing from smdesk,
so every layer may use it."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource(name: str) -> Path:
    """The path of ``name`` (e.g. "icons/smdesk.svg") inside resources/; it may not exist."""
    return RESOURCES / name
