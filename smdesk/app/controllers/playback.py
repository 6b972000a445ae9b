"""TranscriptPlayback: the player of the open transcript, and its recording found again.

One per open transcript (the window swaps it with the document). It checks the job's recording
off the Qt thread (does the file still exist, is it the same recording: smdesk.media
fingerprints), loads the player, turns positions into the spoken word (Follower) and clicked
words into seeks. A moved or deleted recording is said in one sentence with "Locate file…";
the chosen file must have the job's fingerprint and its path is stored in the history. The
transcript never waits for any of this: it opens without its recording.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from smdesk.app.controllers.db import HistoryAccess
from smdesk.app.controllers.player import Follower, QtPlayer
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.core.transcript import Transcript, Word
from smdesk.media import fingerprint
from smdesk.store.history import JobRecord

log = logging.getLogger(__name__)

LEAD_IN_SECONDS = 1.0  # "play from about a second before" a word to check


class Availability(enum.Enum):
    NONE = "none"  # no transcript open
    CHECKING = "checking"
    READY = "ready"
    MISSING = "missing"  # moved or deleted
    DIFFERENT = "different"  # a file is there, but not this recording
    UNPLAYABLE = "unplayable"  # found, but the player cannot decode it


@dataclass(frozen=True)
class Recording:
    """What the player bar shows about the recording; ``problem`` is one sentence."""

    availability: Availability
    path: str | None = None
    problem: str | None = None

    @property
    def can_locate(self) -> bool:
        return self.availability in (Availability.MISSING, Availability.DIFFERENT,
                                     Availability.UNPLAYABLE)


def check_recording(path: str, expected: str | None) -> Recording:
    """Blocking (stat + 2 MiB read): run in an executor. ``expected``: the job's fingerprint."""
    p = Path(path)
    if not p.is_file():
        return Recording(Availability.MISSING, path,
                         f"The recording {p.name} is no longer in {p.parent} (moved or deleted). "
                         "Locate it to listen along; the transcript works without it.")
    try:
        found = fingerprint(p)
    except OSError as exc:
        return Recording(Availability.MISSING, path,
                         f"The recording {p.name} cannot be read ({exc.strerror or exc}). "
                         "Locate a readable copy to listen along.")
    if expected and found != expected:
        return Recording(Availability.DIFFERENT, path,
                         f"{p.name} is not the recording this transcript was made from (its "
                         "contents differ). Locate the original to listen along.")
    return Recording(Availability.READY, path)


class TranscriptPlayback(QObject):
    recording_changed = Signal(object)  # Recording
    word_changed = Signal(int)  # the spoken word's index, -1 for none
    record_changed = Signal(object)  # JobRecord, after "Locate file…" stored a new path
    message = Signal(str)  # one sentence for the status bar

    def __init__(self, player: QtPlayer, db: HistoryAccess, tasks: TaskRegistry,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self._db = db
        self._tasks = tasks
        self.follower = Follower(self)
        self._job_id: int | None = None
        self._fingerprint: str | None = None
        self._transcript: Transcript | None = None
        self._recording = Recording(Availability.NONE)
        self._session: QObject | None = None
        self.player.position_changed.connect(self.follower.on_position)
        self.player.failed.connect(self._on_player_failed)
        self.player.media_loaded.connect(self._on_loaded)
        self.follower.word_changed.connect(self.word_changed)

    # -- the open transcript -------------------------------------------------------------
    def open(self, record: JobRecord | None, transcript: Transcript | None,
             session: QObject | None = None) -> None:
        """Show ``transcript`` of job ``record`` (None closes). Returns at once. With the job's
        TranscriptSession, edits re-map the spoken word and a located file becomes its
        ``media_path``."""
        self.player.unload()
        self._bind_session(session)
        self._transcript = transcript
        self.follower.set_transcript(transcript)
        if record is None or transcript is None:
            self._job_id = self._fingerprint = None
            self._set_recording(Recording(Availability.NONE))
            return
        self._job_id, self._fingerprint = record.id, record.fingerprint
        self._set_recording(Recording(Availability.CHECKING, record.source_path))
        self._tasks.spawn(self._check_and_load(record.id, record.source_path),
                          name=f"recording-{record.id}", key=("recording", self))

    def transcript_edited(self, *_change: object) -> None:
        """Word indexes shifted (an edit): re-emit the spoken word if it moved."""
        self.follower.refresh()

    def recording(self) -> Recording:
        return self._recording

    def job_id(self) -> int | None:
        return self._job_id

    # -- intents -------------------------------------------------------------------------
    def activate_word(self, index: int) -> None:
        """A clicked word or paragraph timestamp: play from that word."""
        word = self._word(index)
        if word is not None and self.player.has_media():
            self.player.play_from(round(word.start * 1000))

    def play_word_in_context(self, index: int) -> None:
        """Next/previous uncertain word: play it from about a second before, then pause."""
        word = self._word(index)
        if word is not None and self.player.has_media():
            start = max(0.0, word.start - LEAD_IN_SECONDS)
            self.player.play_range(round(start * 1000), round((word.end + 0.4) * 1000))

    def play_span(self, start: float, end: float) -> None:
        """A speaker's sample (seconds)."""
        if self.player.has_media():
            self.player.play_range(round(start * 1000), round(end * 1000))

    def locate(self, path: str) -> None:
        """The user chose where the recording is now; checked against the job's fingerprint."""
        if self._job_id is None:
            return
        self._tasks.spawn(self._locate(self._job_id, path), name=f"locate-{self._job_id}",
                          key=("recording", self))

    # -- work ----------------------------------------------------------------------------
    async def _check_and_load(self, job_id: int, path: str) -> None:
        found = await self._check(path)
        if job_id != self._job_id:
            return  # another transcript was opened meanwhile
        if found.availability is Availability.READY:
            self.player.load(path)  # READY once the player has opened it (media_loaded)
        else:
            self._set_recording(found)

    async def _locate(self, job_id: int, path: str) -> None:
        found = await self._check(path)
        if job_id != self._job_id:
            return
        if found.availability is not Availability.READY:
            self.message.emit(found.problem or "")
            self._set_recording(Recording(self._recording.availability, self._recording.path,
                                          found.problem))
            return
        record = await self._db.call(self._db.history.relocate_source, job_id, path)
        if job_id != self._job_id:
            return
        self.record_changed.emit(record)
        if self._session is not None:
            self._session.media_path = path  # type: ignore[attr-defined]
        self.message.emit(f"Found the recording: {path}")
        self._set_recording(Recording(Availability.CHECKING, path))
        self.player.load(path)

    async def _check(self, path: str) -> Recording:
        expected = self._fingerprint
        return await asyncio.get_running_loop().run_in_executor(None, check_recording, path,
                                                                expected)

    # -- reactions -----------------------------------------------------------------------
    def _bind_session(self, session: QObject | None) -> None:
        if self._session is session:
            return
        if self._session is not None:
            with contextlib.suppress(RuntimeError):  # the session was closed and deleted first
                self._session.changed.disconnect(self.transcript_edited)  # type: ignore[attr-defined]
        self._session = session
        if session is not None:
            session.changed.connect(self.transcript_edited)  # type: ignore[attr-defined]
            marker = id(session)
            session.destroyed.connect(lambda *_: self._session_gone(marker))

    def _session_gone(self, marker: int) -> None:
        if id(self._session) == marker:
            self._session = None

    def _on_loaded(self) -> None:
        self._set_recording(Recording(Availability.READY, self.player.source()))

    def _on_player_failed(self, sentence: str) -> None:
        self._set_recording(Recording(Availability.UNPLAYABLE, self.player.source(), sentence))

    def _set_recording(self, recording: Recording) -> None:
        self._recording = recording
        self.recording_changed.emit(recording)

    def _word(self, index: int) -> Word | None:
        t = self._transcript
        if t is None or not 0 <= index < len(t.words):
            return None
        return t.words[index]
