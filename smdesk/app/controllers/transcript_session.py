"""One open transcript: its owner, undo stack and autosave (one TranscriptSession per open job).

API::

    session = TranscriptSession(job_id, transcript, db, tasks, media_path=record.source_path,
                                edited=record.is_edited)
    session.transcript            # the Transcript (read it; never mutate it yourself)
    session.undo_stack            # QUndoStack: createUndoAction/createRedoAction for the Edit menu
    session.media_path            # str | None, settable (player: "Locate file…")

    # intents: synchronous; True when something changed. A refused edit emits refused(str).
    session.replace_text(first, last, text)   session.delete_words(first, last)
    session.replace_texts([(first, last, text), ...])  # "Replace all" as one undo step
    session.insert_words(at, words)           session.check_word(index, checked=True)
    session.split_paragraph(at_word)          session.join_paragraphs(paragraph_index)
    session.rename_speaker(speaker, name)     session.merge_speakers(source, into)
    session.give_to_speaker(first, last, speaker_or_None, name=None)
    session.retime_word(index, start, end)
    session.revert_to_original()              # undoable; loads the server's copy first
    session.compare()                 # Comparison | None: the changes against the original
    session.compare_soon()            # the same on a worker thread; then compared(Comparison)
    session.revert_changes([difference, ...])  # one undo step ("Revert ‘Smyth’")
    session.has_unsaved_edits()               # the window must not replace the session then
    await session.flush()                     # save now (closing the window or the app)
    session.close()                           # stop timers, save what is left, then deleteLater

    # signals
    changed(Change)     after every do, undo and redo (Change from smdesk.core.edits)
    saved(JobRecord)    an autosave reached the history (record.is_edited tells the job is edited)
    failed(str)         an autosave failed: one sentence; the edits stay, saving is retried in 5 s
    refused(str)        an edit the user cannot make (EditError), one sentence to show
    original_ready()    the server's original is loaded: compare() answers from now on
    compared(Comparison) compare_soon()'s result, emitted only if no edit came meanwhile

Autosave: half a second after typing stops, and at the latest a second after the first unsaved
change. The Qt thread only takes ``Transcript.snapshot()`` (pointer copies); the JSON text (each
word's result cached as text, see smdesk.core.json_text) and the write run on the history's
thread.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Hashable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from smdesk.app.controllers.db import HistoryAccess
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.app.transcript.commands import EditCommand
from smdesk.core import changes, edits
from smdesk.core.edits import Applied, Change, EditError
from smdesk.core.transcript import Transcript
from smdesk.core.words import Word
from smdesk.store.history import HistoryError

log = logging.getLogger(__name__)

IDLE_SAVE_MS = 500
LATEST_SAVE_MS = 1000
RETRY_SAVE_MS = 5000  # after a failed save (disk full, database locked): try again by itself
WARM_UP_MS = 2000  # after opening, render every word's JSON once so the first save is quick


class TranscriptSession(QObject):
    changed = Signal(object)  # Change
    saved = Signal(object)  # JobRecord
    failed = Signal(str)
    refused = Signal(str)
    original_ready = Signal()
    compared = Signal(object)  # changes.Comparison

    def __init__(
        self,
        job_id: int,
        transcript: Transcript,
        db: HistoryAccess,
        tasks: TaskRegistry,
        *,
        media_path: str | None = None,
        edited: bool = False,
        latest_save_ms: int = LATEST_SAVE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.job_id = job_id
        self.transcript = transcript
        self.media_path = media_path
        self._db = db
        self._tasks = tasks
        self.undo_stack = QUndoStack(self)
        self._original_states: set[int] = set() if edited else {0}  # stack indexes
        self._revision: int | None = None  # loaded from the history before the first save
        self._save_lock = asyncio.Lock()
        # Saved state is counted here, not with QUndoStack.setClean(): Qt never merges a command
        # into the clean one, so every autosave would cut the typing of one word into undo steps.
        self._generation = 0  # changes applied (edits, undos, redos)
        self._saved_generation = 0
        self._idle = self._timer(min(IDLE_SAVE_MS, latest_save_ms))
        self._latest = self._timer(latest_save_ms)
        self._retry = self._timer(RETRY_SAVE_MS)
        self._warm = QTimer(self)
        self._warm.setSingleShot(True)
        self._warm.timeout.connect(self._warm_up)
        self._warm.start(WARM_UP_MS)
        self._tasks.spawn(self._load_revision(), name=f"edit revision {job_id}")
        # The server's copy, for the Changes list; an unedited job loads it at its first edit.
        self._original: Transcript | None = None
        self._original_asked = False
        self._comparison: changes.Comparison | None = None
        # A job without edits was opened as the server sent it: that is the original, so the
        # Changes list needs no second read and parse of it (0.2-0.5 s for 3 hours).
        self._opened = None if edited else transcript.copy()
        if edited:
            self._load_original()

    def _timer(self, interval: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(self._save_soon)
        return timer

    # -- intents -------------------------------------------------------------------------------

    def replace_text(self, first: int, last: int, text: str) -> bool:
        key = ("type", first) if first == last else None
        return self._do("Typing", edits.replace_text, first, last, text, merge_key=key)

    def replace_texts(self, spans: Sequence[tuple[int, int, str]]) -> bool:
        """Several replacements as one undo step (Find and Replace: "Replace all")."""
        return self._do("Replace all", edits.replace_texts, spans)

    def delete_words(self, first: int, last: int) -> bool:
        return self._do("Delete words", edits.delete_words, first, last)

    def insert_words(self, at: int, words: Sequence[Word]) -> bool:
        return self._do("Insert words", edits.insert_words, at, words)

    def check_word(self, index: int, checked: bool = True) -> bool:
        label = "Accept word" if checked else "Unaccept word"
        return self._do(label, edits.check_word, index, checked)

    def split_paragraph(self, at: int) -> bool:
        return self._do("Split paragraph", edits.split_paragraph, at)

    def join_paragraphs(self, paragraph: int) -> bool:
        return self._do("Join paragraphs", edits.join_paragraphs, paragraph)

    def rename_speaker(self, speaker: str, name: str) -> bool:
        return self._do("Rename speaker", edits.rename_speaker, speaker, name)

    def merge_speakers(self, source: str, into: str) -> bool:
        return self._do("Merge speakers", edits.merge_speakers, source, into)

    def give_to_speaker(
        self, first: int, last: int, speaker: str | None, name: str | None = None
    ) -> bool:
        return self._do("Change speaker", edits.give_to_speaker, first, last, speaker, name)

    def retime_word(self, index: int, start: float, end: float) -> bool:
        return self._do("Retime word", edits.retime_word, index, start, end)

    def revert_to_original(self) -> None:
        """Make the transcript read as transcribed again, as one undoable step."""
        self._tasks.spawn(self._revert(), name=f"revert transcript {self.job_id}")

    def original(self) -> Transcript | None:
        """The server's transcript of this job, once loaded (read it; never edit it)."""
        return self._original

    def compare(self) -> changes.Comparison | None:
        """The changes against the server's original (None until it is loaded); cached until
        the next edit, about 25 ms on a 3-hour transcript."""
        if self._original is None:
            self._load_original()
            return None
        if self._comparison is None or self._comparison.revision != self.transcript.revision:
            self._comparison = changes.compare(self.transcript, self._original)
        return self._comparison

    def compare_soon(self) -> None:
        """:meth:`compare` on a worker thread (20-60 ms of Python at 3 h stays off the Qt
        thread, which gets the GIL back every few ms); ``compared`` tells the result."""
        if self._original is None:
            self._load_original()
            return
        found = self._comparison
        if found is not None and found.revision == self.transcript.revision:
            self.compared.emit(found)
            return
        self._tasks.spawn(self._compare_off_thread(self._original),
                          name=f"compare transcript {self.job_id}", key=("compare", id(self)))

    async def _compare_off_thread(self, original: Transcript) -> None:
        revision = self.transcript.revision
        snapshot = self.transcript.snapshot()  # pointer copies; Words are never changed
        found = await asyncio.get_running_loop().run_in_executor(
            None, changes.compare_snapshot, snapshot, revision, original)
        if self.transcript.revision != revision:  # edited meanwhile: the next refresh follows
            return
        self._comparison = found
        try:
            self.compared.emit(found)
        except RuntimeError:  # the session was closed (deleted) meanwhile
            log.debug("Session of job %d closed while comparing", self.job_id)

    def revert_changes(self, chosen: Sequence[changes.Difference]) -> bool:
        """Put ``chosen`` (from an earlier :meth:`compare`, even before more edits) back as the
        server had them: one undo step."""
        found = self.compare()
        if found is None or self._original is None:
            return False
        current = changes.same_differences(chosen, found)
        if not current:
            return False
        label = "Revert a change" if len(current) == 1 else f"Revert {len(current)} changes"
        if not self._do(label, changes.revert, self._original, current):
            return False
        if self._reads_as_original():  # saved as "not edited", like Revert to original
            self._original_states.add(self.undo_stack.index())
        return True

    def _reads_as_original(self) -> bool:
        """Nothing tells the transcript from the server's any more (no accepted word either)."""
        original, found = self._original, self.compare()
        return (original is not None and found is not None and not found.differences
                and not any(word.checked for word in self.transcript.words)
                and self.transcript.translations == original.translations)

    def _load_original(self) -> None:
        if not self._original_asked:
            self._original_asked = True
            self._tasks.spawn(self._read_original(), name=f"original transcript {self.job_id}")

    async def _read_original(self) -> None:
        try:
            original = self._opened
            if original is None:
                original = await self._db.load_parsed_transcript(self.job_id, original=True)
        except (HistoryError, ValueError) as exc:
            log.warning("Original transcript of job %d unreadable: %s", self.job_id, exc)
            return
        if original is not None:
            self._original = original
            self._comparison = None
            try:
                self.original_ready.emit()
            except RuntimeError:  # the session was closed (deleted) while this was loading
                log.debug("Session of job %d closed before its original arrived", self.job_id)

    def _do(
        self,
        label: str,
        edit: Callable[..., Applied],
        *args: object,
        merge_key: Hashable | None = None,
    ) -> bool:
        try:
            applied = edit(self.transcript, *args)
        except EditError as exc:
            self.refused.emit(str(exc))
            return False
        if applied.change is None:  # nothing to undo
            return False
        if merge_key is not None and applied.change is not None and applied.change.word_delta:
            merge_key = None  # a word split or joined: its own undo step
        self._push(applied, label, merge_key)
        return True

    def _push(self, applied: Applied, label: str, merge_key: Hashable | None) -> None:
        index = self.undo_stack.index()
        self._original_states = {i for i in self._original_states if i <= index}
        self.undo_stack.push(
            EditCommand(self.transcript, applied, label, self._announce, merge_key)
        )

    def _announce(self, change: Change | None) -> None:
        if change is not None:
            self._load_original()  # the Changes list needs it from the first edit on
            self._generation += 1
            self._schedule_save()  # every applied change passes here (a merged keystroke too)
            self.changed.emit(change)

    async def _revert(self) -> None:
        try:
            # restore() takes over its argument's Words: a copy of the one the Changes list
            # already holds (pointer copies), else the history's
            original = self._original.copy() if self._original is not None else (
                await self._db.load_parsed_transcript(self.job_id, original=True))
        except (HistoryError, ValueError) as exc:
            self.failed.emit(f"The original transcript could not be read: {exc}")
            return
        if original is None:
            self.failed.emit("There is no original transcript of this job to go back to.")
            return
        applied = edits.restore(self.transcript, original)
        if applied.change is None:
            return
        self._push(applied, "Revert to original", None)
        self._original_states.add(self.undo_stack.index())

    # -- saving --------------------------------------------------------------------------------

    def has_unsaved_edits(self) -> bool:
        return self._generation != self._saved_generation

    def _schedule_save(self) -> None:
        if not self.has_unsaved_edits():
            return
        self._idle.start()  # restarted by every change
        if not self._latest.isActive():
            self._latest.start()  # not restarted: a long burst of typing still saves

    def _warm_up(self) -> None:
        self._tasks.spawn(
            self._db.call(self.transcript.snapshot().to_json_text),
            name=f"render transcript {self.job_id}",
        )

    def _save_soon(self) -> None:
        self._idle.stop()
        self._latest.stop()
        self._retry.stop()
        if self.has_unsaved_edits():
            self._tasks.spawn(self.flush(), name=f"autosave transcript {self.job_id}")

    async def _load_revision(self) -> None:
        """Read the stored revision now, so the first save is one write, not a read and a write."""
        async with self._save_lock:
            if self._revision is None:
                try:
                    self._revision = await self._db.edit_revision(self.job_id)
                except HistoryError as exc:
                    log.warning("Edit revision of job %d unreadable: %s", self.job_id, exc)

    async def flush(self) -> None:
        """Save the current state now if it is not saved yet."""
        self._idle.stop()
        self._latest.stop()
        self._retry.stop()
        async with self._save_lock:
            if not self.has_unsaved_edits():
                return
            index = self.undo_stack.index()
            generation = self._generation
            snapshot = self.transcript.snapshot()  # pointer copies: the text is built off-thread
            try:
                if self._revision is None:
                    self._revision = await self._db.edit_revision(self.job_id)
                self._revision += 1
                if index in self._original_states:
                    record = await self._db.revert_to_original(self.job_id, self._revision)
                else:
                    render = snapshot.to_json_text
                    record = await self._db.save_edits(self.job_id, render, self._revision,
                                                       snapshot)
            except (HistoryError, ValueError, OSError) as exc:
                log.warning("Autosave of job %d failed: %s", self.job_id, exc)
                self.failed.emit(f"Your edits could not be saved yet: {exc}")
                self._retry.start()
                return
            self._saved_generation = generation  # later changes still count as unsaved
            self.saved.emit(record)

    def close(self) -> None:
        """Stop autosave timers; save anything unsaved, then delete this object."""
        for timer in (self._idle, self._latest, self._retry, self._warm):
            timer.stop()

        async def finish() -> None:
            try:
                await self.flush()
            finally:
                self.deleteLater()

        self._tasks.spawn(finish(), name=f"close transcript {self.job_id}")
