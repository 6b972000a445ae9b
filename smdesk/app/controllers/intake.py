"""Turning dropped or chosen paths into checked media files (blocking: run in an executor).

Folders are walked recursively. Every refused file gets a reason; files inside a dropped folder
that are plainly not media (photos, documents) are summarised in one line per folder instead of
one line each, so a folder of 200 photos does not flood the message area.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from smdesk.media import MediaError, MediaInfo, check_media_file, fingerprint, is_supported

MAX_LISTED_NAMES = 3


@dataclass(frozen=True)
class AcceptedFile:
    info: MediaInfo
    fingerprint: str


@dataclass
class Intake:
    accepted: list[AcceptedFile] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one sentence per problem


def _walk(folder: Path) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(root) / n for n in sorted(names) if not n.startswith("."))
    return files


def _check(path: Path, intake: Intake) -> None:
    try:
        info = check_media_file(path)
        intake.accepted.append(AcceptedFile(info, fingerprint(path)))
    except (MediaError, FileNotFoundError) as exc:
        intake.refused.append(str(exc))
    except OSError as exc:
        intake.refused.append(
            f"{path.name} cannot be read ({exc.strerror}); check its permissions."
        )


def _folder(folder: Path, intake: Intake) -> None:
    skipped: list[str] = []
    found = 0
    for path in _walk(folder):
        if is_supported(path):
            found += 1
            _check(path, intake)
        else:
            skipped.append(path.name)
    if skipped:
        names = ", ".join(skipped[:MAX_LISTED_NAMES])
        extra = len(skipped) - MAX_LISTED_NAMES
        more = f" and {extra} more" if extra > 0 else ""
        noun = "file" if len(skipped) == 1 else "files"
        intake.refused.append(
            f"{folder.name}: skipped {len(skipped)} {noun} that are not audio or video files "
            f"Speechmatics accepts ({names}{more})."
        )
    if found == 0 and not skipped:
        intake.refused.append(f"{folder.name} is an empty folder.")


def collect_media(paths: list[str]) -> Intake:
    """Check every path (files and folders, recursively); duplicates are taken once."""
    intake = Intake()
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            _folder(path, intake)
        elif path.resolve() not in seen:
            _check(path, intake)
        for accepted in intake.accepted:
            seen.add(accepted.info.path.resolve())
    # the same file reached through a folder and directly
    unique: dict[Path, AcceptedFile] = {}
    for item in intake.accepted:
        unique.setdefault(item.info.path.resolve(), item)
    intake.accepted = list(unique.values())
    return intake
