"""Progress on stderr: a live display on a terminal, one line per step otherwise."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    pass

@dataclass
class _FileProgress:
    name: str
    phase: str = "waiting"
    sent: int = 0
    total: int | None = None
    last_step: int = -1   # last 25 % step announced in line mode


class ProgressDisplay:
    """Per-file phase and upload %: redrawn in place on a terminal, tidy lines otherwise.

    The client may report bytes from another thread, so every update takes a lock.
    """

    REDRAW_INTERVAL = 0.1

    def __init__(self, names: list[str], stream: TextIO, *, quiet: bool = False,
                 live: bool | None = None) -> None:
        self._files = [_FileProgress(n) for n in names]
        self._stream = stream
        self._quiet = quiet
        self._live = _is_terminal(stream) if live is None else live
        self._lock = threading.Lock()
        self._drawn_lines = 0
        self._last_draw = 0.0
        self._width = max(20, max(len(n) for n in names) if names else 20)

    def set_phase(self, index: int, phase: str) -> None:
        with self._lock:
            state = self._files[index]
            if state.phase == phase:
                return
            state.phase = phase
            self._emit(state, force=True, line=f"{state.name}: {phase}")

    def set_bytes(self, index: int, sent: int, total: int | None) -> None:
        with self._lock:
            state = self._files[index]
            state.sent, state.total = sent, total
            step = _percent(sent, total) // 25 if total else -1
            line = None
            if step > state.last_step and 0 < step < 4:
                state.last_step = step
                line = f"{state.name}: uploaded {step * 25}%"
            self._emit(state, force=False, line=line)

    def close(self) -> None:
        with self._lock:
            if self._live and not self._quiet:
                self._redraw()
            self._quiet = True

    def _emit(self, state: _FileProgress, *, force: bool, line: str | None) -> None:
        if self._quiet:
            return
        if not self._live:
            if line:
                self._stream.write(line + "\n")
                self._stream.flush()
            return
        now = time.monotonic()
        if force or now - self._last_draw >= self.REDRAW_INTERVAL:
            self._last_draw = now
            self._redraw()

    def _redraw(self) -> None:
        columns = shutil.get_terminal_size((80, 24)).columns
        out = [f"\x1b[{self._drawn_lines}F"] if self._drawn_lines else []
        for state in self._files:
            out.append("\x1b[2K" + self._render(state)[: columns - 1] + "\n")
        self._drawn_lines = len(self._files)
        self._stream.write("".join(out))
        self._stream.flush()

    def _render(self, state: _FileProgress) -> str:
        from smdesk.core.formatting import format_bytes

        text = f"{state.name:<{self._width}}  {state.phase:<12}"
        if state.phase == "uploading" and state.total:
            percent = _percent(state.sent, state.total)
            bar = "#" * (percent // 10) + "." * (10 - percent // 10)
            text += (f" [{bar}] {percent:3d}%  {format_bytes(state.sent)} / "
                     f"{format_bytes(state.total)}")
        return text


def _percent(sent: int, total: int | None) -> int:
    return min(100, sent * 100 // total) if total else 0


def _is_terminal(stream: TextIO) -> bool:
    isatty: Callable[[], bool] | None = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"

