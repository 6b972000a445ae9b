"""Turning dropped or chosen paths into checked media files and queued jobs (blocking: run
in an executor).

Folders are walked recursively. Every refused file gets a reason; files inside a dropped folder
that are plainly not media (photos, documents) are summarised in one line per folder instead of
one line each, so a folder of 200 photos does not flood the message area.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from smdesk.media import (
    MAX_UPLOAD_BYTES,
    MediaError,
    MediaInfo,
    check_media_file,
    fingerprint,
    is_supported,
)
from smdesk.store.history import History, JobRecord, Phase

MAX_LISTED_NAMES = 3


@dataclass(frozen=True)
class AcceptedFile:
    info: MediaInfo
    fingerprint: str


@dataclass
class Intake:
    accepted: list[AcceptedFile] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one sentence per problem
    notes: list[str] = field(default_factory=list)  # information, nothing refused


def _walk(folder: Path) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(root) / n for n in sorted(names) if not n.startswith("."))
    return files


def _check(path: Path, intake: Intake, max_bytes: int) -> None:
    try:
        info = check_media_file(path, max_bytes=max_bytes)
        intake.accepted.append(AcceptedFile(info, fingerprint(path)))
    except (MediaError, FileNotFoundError) as exc:
        intake.refused.append(str(exc))
    except OSError as exc:
        intake.refused.append(
            f"{path.name} cannot be read ({exc.strerror}); check its permissions."
        )


def _folder(folder: Path, intake: Intake, max_bytes: int) -> None:
    skipped: list[str] = []
    found = 0
    for path in _walk(folder):
        if is_supported(path):
            found += 1
            _check(path, intake, max_bytes)
        else:
            skipped.append(path.name)
    if skipped:
        names = ", ".join(skipped[:MAX_LISTED_NAMES])
        extra = len(skipped) - MAX_LISTED_NAMES
        more = f" and {extra} more" if extra > 0 else ""
        what = ("1 file that is not an audio or video file" if len(skipped) == 1 else
                f"{len(skipped)} files that are not audio or video files")
        intake.refused.append(
            f"{folder.name}: skipped {what} Speechmatics accepts ({names}{more})."
        )
    if found == 0 and not skipped:
        intake.refused.append(f"{folder.name} is an empty folder.")


def collect_media(paths: list[str], max_bytes: int = MAX_UPLOAD_BYTES) -> Intake:
    """Check every path (files and folders, recursively); duplicates are taken once.

    ``max_bytes`` is the upload limit of the connection the files will go to.
    """
    intake = Intake()
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            _folder(path, intake, max_bytes)
        elif path.resolve() not in seen:
            _check(path, intake, max_bytes)
        for accepted in intake.accepted:
            seen.add(accepted.info.path.resolve())
    # the same file reached through a folder and directly
    unique: dict[Path, AcceptedFile] = {}
    for item in intake.accepted:
        unique.setdefault(item.info.path.resolve(), item)
    intake.accepted = list(unique.values())
    return intake


def record_jobs(
    history: History, intake: Intake, options_json: str, endpoint: str
) -> list[JobRecord]:
    """Add the accepted files to the history as QUEUED jobs (blocking: run on the DB thread).

    A file already waiting or running with the same options is refused (an accidental second
    drop would be paid twice); one transcribed before is queued again, with a note.
    """
    records: list[JobRecord] = []
    for item in intake.accepted:
        name = item.info.path.name
        earlier = history.find_by_fingerprint(item.fingerprint, options_json)
        if any(not r.phase.is_final for r in earlier):
            intake.refused.append(
                f"{name} is already in the queue with the same options, so it was not added twice."
            )
            continue
        if any(r.phase is Phase.DONE for r in earlier):
            intake.notes.append(
                f"{name} was transcribed before with the same options; that transcript is still "
                "in the list."
            )
        records.append(history.add(
            source_path=str(item.info.path), size=item.info.size, fingerprint=item.fingerprint,
            duration=item.info.duration, options_json=options_json, endpoint=endpoint,
        ))
    return records
