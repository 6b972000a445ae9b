"""Words and numbers for a job's state, as a person reads them (pure: no Qt)."""

from __future__ import annotations

import datetime as dt

from smdesk.app.models.job_view import JobView
from smdesk.core.formatting import format_bytes, format_duration, format_eta, format_timestamp
from smdesk.store.history import Phase

PHASE_NAMES = {
    Phase.QUEUED: "Queued",
    Phase.UPLOADING: "Uploading",
    Phase.SUBMITTED: "Waiting at Speechmatics",
    Phase.TRANSCRIBING: "Transcribing",
    Phase.DOWNLOADING: "Downloading",
    Phase.DONE: "Done",
    Phase.FAILED: "Failed",
    Phase.CANCELLED: "Cancelled",
}


def status_text(view: JobView, now: float, *, short: bool = False) -> str:
    """The Status column (``short``) or its tooltip."""
    record = view.record
    phase = record.phase
    if phase is Phase.FAILED:
        return f"Failed: {record.error or 'unknown reason'}"
    if view.note and not phase.is_final:
        return f"{PHASE_NAMES[phase]}: {view.note}" if phase is not Phase.QUEUED else view.note
    if phase is Phase.UPLOADING:
        if view.total:
            percent = int(100 * view.sent / view.total)
            text = f"Uploading {percent}% ({format_bytes(view.sent)} of {format_bytes(view.total)})"
            took = now - view.phase_since
            if view.sent > 0 and took >= 3 and view.sent < view.total:
                remaining = (view.total - view.sent) * took / view.sent
                text += f" · {format_eta(remaining)}"
            return text
        return "Uploading"
    if phase is Phase.TRANSCRIBING:
        elapsed = format_timestamp(max(0.0, now - view.phase_since))
        if short:
            about = f" of about {format_timestamp(view.estimate)}" if view.estimate else ""
            return f"Transcribing · {elapsed}{about}"
        if view.estimate:
            return (f"Transcribing at Speechmatics · {elapsed} so far, usually about "
                    f"{format_timestamp(view.estimate)}")
        return f"Transcribing at Speechmatics · {elapsed} so far"
    if phase is Phase.DONE:
        notes = [note for note, applies in (("edited", record.is_edited),
                                            ("server copy deleted", record.remote_deleted))
                 if applies]
        return " · ".join(["Done", *notes])
    return PHASE_NAMES[phase]


def progress_value(view: JobView, now: float) -> int:
    """0-100 for the progress bar, -1 for no bar."""
    phase = view.record.phase
    if phase is Phase.UPLOADING:
        return int(100 * view.sent / view.total) if view.total else 0
    if phase is Phase.SUBMITTED:
        return 0
    if phase is Phase.TRANSCRIBING:
        if not view.estimate:
            return 0
        # elapsed against the estimate, never claiming to be finished
        return min(95, int(100 * (now - view.phase_since) / max(view.estimate, 1.0)))
    if phase is Phase.DOWNLOADING:
        return 97
    return -1  # done, failed, cancelled: the Status text says it; a full bar is noise


def queue_summary(views: list[JobView]) -> str:
    """What is still to do, in audio length (what Speechmatics bills for)."""
    waiting = [v for v in views if not v.record.phase.is_final]
    if not waiting:
        return ""
    seconds = sum(v.record.duration or 0.0 for v in waiting)
    unknown = any(v.record.duration is None for v in waiting)
    files = "1 file" if len(waiting) == 1 else f"{len(waiting)} files"
    more = " and more" if unknown else ""
    return f"To do: {files}, {format_duration(seconds)}{more} of audio"


def added_text(timestamp: float, now: float) -> str:
    """When a job was added, short and local: "10:42", "Yesterday 16:05", "28 Nov", "3 Mar 2025".

    Two jobs of the same file are told apart by this and by their options.
    """
    when = dt.datetime.fromtimestamp(timestamp)
    today = dt.datetime.fromtimestamp(now).date()
    clock = when.strftime("%H:%M")
    if when.date() == today:
        return f"Today {clock}"
    if when.date() == today - dt.timedelta(days=1):
        return f"Yesterday {clock}"
    day = f"{when.day} {when.strftime('%b')}"
    return day if when.year == today.year else f"{day} {when.year}"
