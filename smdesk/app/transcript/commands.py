"""QUndoCommand adapters over smdesk.core.edits: the edit is already data, these only replay it.

The session applies an edit first (so an EditError never reaches the stack), then pushes an
:class:`EditCommand` holding the :class:`~smdesk.core.edits.Applied`; the first ``redo()`` that
``QUndoStack.push`` makes only announces the change. Typing inside one word coalesces into one
undo step (``id()``/``mergeWith()``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtGui import QUndoCommand

from smdesk.core.edits import Applied, Change, apply
from smdesk.core.transcript import Transcript

TYPING_ID = 1  # commands with this id may merge when their merge keys are equal


class EditCommand(QUndoCommand):
    def __init__(
        self,
        transcript: Transcript,
        applied: Applied,
        text: str,
        announce: Callable[[Change | None], None],
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(text)
        self._transcript = transcript
        self._steps = [applied]
        self._announce = announce
        self._merge_key = merge_key
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # already applied by the session before push()
            self._pushed = True
            self._announce(self._steps[-1].change)
            return
        for index, step in enumerate(self._steps):
            self._steps[index] = apply(self._transcript, step.edit)
            self._announce(self._steps[index].change)

    def undo(self) -> None:
        for index in reversed(range(len(self._steps))):
            step = self._steps[index]
            undone = apply(self._transcript, step.inverse)
            self._steps[index] = Applied(undone.inverse, step.inverse, step.change)
            self._announce(undone.change)

    def id(self) -> int:
        return TYPING_ID if self._merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, EditCommand) or other._merge_key != self._merge_key:
            return False
        self._steps.extend(other._steps)
        return True
