"""Turning dropped or chosen paths into checked media files and queued jobs (blocking: run
in an executor).

Folders are walked recursively. Every refused file gets a reason; files inside a dropped folder
that are plainly not media (photos, documents) are summarised in one line per folder instead of
one line each, so a folder of 200 photos does not flood the message area.
"""

from __future__ import annotations

import errno
import logging
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

log = logging.getLogger(__name__)
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


def shown(path: Path | str) -> str:
    """A path as text a person can read, even when its name is not valid UTF-8."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def _walk(folder: Path, intake: Intake) -> list[Path]:
    files: list[Path] = []

    def unreadable(error: OSError) -> None:
        where = shown(error.filename or folder)
        intake.refused.append(
            f"{where} cannot be opened ({error.strerror or error}); check its permissions."
        )

    # followlinks=False (the default): a symlink loop inside a folder cannot trap the walk.
    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(root) / n for n in sorted(names) if not n.startswith("."))
    return files


def _check(path: Path, intake: Intake, max_bytes: int) -> None:
    """Judge one file; whatever goes wrong becomes one sentence about this file only."""
    if not _is_text(path):
        intake.refused.append(
            f"{shown(path.name)} has a name that is not valid text (UTF-8); rename the file and "
            "add it again."
        )
        return
    try:
        info = check_media_file(path, max_bytes=max_bytes)
        intake.accepted.append(AcceptedFile(info, fingerprint(path)))
    except (MediaError, FileNotFoundError) as exc:
        intake.refused.append(str(exc))
    except OSError as exc:
        intake.refused.append(
            f"{path.name} cannot be read ({exc.strerror or exc}); check its permissions."
        )


def _is_text(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes in the name (surrogate escapes)
        return False
    return True


def is_folder(raw: str) -> bool:
    """Whether a dropped path is a folder; never raises (loops, ~unknown-user, no permission)."""
    try:
        return _expanded(raw).is_dir()
    except (OSError, ValueError):
        return False


def _real_path(path: Path) -> Path | None:
    """Where `path` really leads, or None for a symlink loop or an unresolvable path."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None


def _expanded(raw: str) -> Path:
    """`~` and `~user` expanded when they can be; a name like `~draft.wav` stays as it is."""
    try:
        return Path(raw).expanduser()
    except RuntimeError:  # no such user (or no home): not a home reference after all
        return Path(raw)


def _folder(folder: Path, intake: Intake, max_bytes: int) -> None:
    skipped: list[str] = []
    found = 0
    for path in _walk(folder, intake):
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
        try:
            _collect_one(raw, intake, seen, max_bytes)
        except Exception:  # one odd path must never cost the rest of the drop
            log.exception("Could not check a dropped path")
            intake.refused.append(
                f"{shown(raw)} could not be checked; the details are in the log file."
            )
        for accepted in intake.accepted:
            seen.add(_real_path(accepted.info.path) or accepted.info.path)
    # the same file reached through a folder and directly
    unique: dict[Path, AcceptedFile] = {}
    for item in intake.accepted:
        unique.setdefault(_real_path(item.info.path) or item.info.path, item)
    intake.accepted = list(unique.values())
    return intake


def _collect_one(raw: str, intake: Intake, seen: set[Path], max_bytes: int) -> None:
    path = _expanded(raw)
    if path.is_symlink() and _is_loop(path):
        intake.refused.append(
            f"{shown(path)} is a symbolic link that points back to itself; add the file it "
            "should point to instead."
        )
        return
    if path.is_dir():
        _folder(path, intake, max_bytes)
    elif (_real_path(path) or path) not in seen:
        _check(path, intake, max_bytes)


def _is_loop(path: Path) -> bool:
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return True
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


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
