"""Editor benchmark: a 3-hour, 30,000-word transcript in the editable pane, bound to a real
TranscriptSession on a real History file.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/editor_bench.py [--words N] [--keys K]
        [--type-at-once] [--no-autosave]

Measures
- open: json-v2 text → Transcript → pane shown, laid out and painted (one grab), with a session;
  and the process's peak RSS (includes Qt itself). Target < 0.5 s, < 300 MB.
- keystroke: one typed character in a word in the middle of the transcript, from the key event
  to the repainted viewport: Qt applies it, the view reports it, the session applies the core
  edit (token diff) on its QUndoStack, the paragraph is re-rendered, and its rectangle of the
  viewport is repainted (what Qt updates after an edit). p50/p95/max over K keystrokes spread
  over several paragraphs, wall and CPU time. Target p95 < 16 ms (one frame at 60 Hz).
  Garbage collection runs as in the app (smdesk/app/main_thread_gc.py: on a Qt timer between
  events, held while the user types), not inside a keystroke.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psutil  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402 (benchmarks the Qt app layer)

from bench.app_loop import close_loop  # noqa: E402
from bench.transcript_open import _linux_peak_rss, synthetic_json_v2  # noqa: E402
from smdesk.app.controllers.db import HistoryAccess  # noqa: E402
from smdesk.app.controllers.tasks import TaskRegistry  # noqa: E402
from smdesk.app.controllers.transcript_session import (  # noqa: E402
    WARM_UP_MS,
    TranscriptSession,
)
from smdesk.app.loop import QEventLoop  # noqa: E402
from smdesk.app.main_thread_gc import collect_on_the_qt_thread  # noqa: E402
from smdesk.app.transcript.pane import TranscriptPane  # noqa: E402
from smdesk.core.transcript import Transcript  # noqa: E402
from smdesk.store.history import History  # noqa: E402


def stored_job(path: Path, raw: str) -> int:
    with History.open(path) as history:
        job = history.add(source_path="/audio/bench.ogg", size=10, fingerprint="f" * 64,
                          duration=10800.0, options_json="{}", endpoint="eu1")
        history.begin_upload(job.id)
        history.set_remote_id(job.id, "bench")
        history.save_transcript(job.id, raw)
        return job.id


def editable_pane(transcript: Transcript, job_id: int, db: HistoryAccess, tasks: TaskRegistry,
                  size: tuple[int, int] = (1200, 800)) -> tuple[TranscriptSession, TranscriptPane]:
    """The transcript shown in the pane and edited through a session, as the app wires them."""
    session = TranscriptSession(job_id, transcript, db, tasks)
    pane = TranscriptPane()
    pane.resize(*size)
    pane.set_transcript(transcript, title="bench.ogg")
    pane.set_session(session)
    pane.show()
    return session, pane


async def measure(app: QApplication, raw: str, job_id: int, db: HistoryAccess,
                  tasks: TaskRegistry, keys: int, process: psutil.Process,
                  settle: float) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    transcript = Transcript.from_json_text(raw)  # what the app does with the stored copy
    parsed, parsed_cpu = time.perf_counter(), time.process_time()
    session, pane = editable_pane(transcript, job_id, db, tasks)
    await asyncio.sleep(0)  # the loop lays out and shows the window
    pane.grab()
    done, done_cpu = time.perf_counter(), time.process_time()
    peak = _linux_peak_rss() or process.memory_info().rss
    print(f"parse json-v2: {parsed - started:.3f} s wall, {parsed_cpu - cpu:.3f} s CPU")
    print(f"editable pane shown and painted: {done - parsed:.3f} s wall, "
          f"{done_cpu - parsed_cpu:.3f} s CPU; total {done - started:.3f} s; "
          f"peak RSS {peak / 2**20:.0f} MB")
    view = pane.transcript_view()
    doc = pane.document()
    assert view is not None and doc is not None
    # A reader's first key comes after a moment; by then the session has rendered every word's
    # JSON once on the history thread (WARM_UP_MS after the open, ~0.5 s of Python that
    # competes with keys for the GIL). --type-at-once types into that instead.
    await asyncio.sleep(settle)
    samples, cpu_samples = [], []
    paragraphs = len(doc.layout.paragraphs)
    for number in range(keys):
        p = paragraphs // 2 + (number // 20) * 7  # 20 keys in a word, then another paragraph
        if number % 20 == 0:
            block = view.document().findBlockByNumber(3 * p + 1)
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + 3)  # inside the paragraph's first word
            view.setTextCursor(cursor)
            pane.scroll_to_word(doc.layout.firsts[p])
            await asyncio.sleep(0.01)
        began, began_cpu = time.perf_counter(), time.process_time()
        QTest.keyClick(view, Qt.Key.Key_X)
        view.flush_edits()
        # the paint Qt schedules for an edit: the edited paragraph's rectangle, synchronously
        edited = view.textCursor().block()
        rect = view.blockBoundingGeometry(edited).translated(view.contentOffset()).toRect()
        view.viewport().repaint(rect)
        samples.append((time.perf_counter() - began) * 1000)
        cpu_samples.append((time.process_time() - began_cpu) * 1000)
    first_word = transcript.words[doc.layout.firsts[paragraphs // 2]].text
    assert first_word.count("x") == 20, first_word
    for label, values in (("wall", samples), ("CPU", cpu_samples)):
        values.sort()
        p95 = values[int(len(values) * 0.95) - 1]
        print(f"keystroke to repaint ({label}, {len(values)} keys): p50 "
              f"{statistics.median(values):.1f} ms, p95 {p95:.1f} ms, max {values[-1]:.1f} ms")
    await session.flush()
    print(f"load average while measuring: {os.getloadavg()[0]:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--type-at-once", action="store_true",
                        help="type straight after the open, while the session warms up")
    parser.add_argument("--no-autosave", action="store_true",
                        help="leave the history thread idle, to tell autosave's share")
    args = parser.parse_args(argv)
    if args.no_autosave:
        TranscriptSession._save_soon = lambda self: None  # type: ignore[method-assign]
        TranscriptSession._warm_up = lambda self: None  # type: ignore[method-assign]
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    collect_on_the_qt_thread(app)  # the app's GC regime: collections between events, not in them
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    raw = json.dumps(synthetic_json_v2(args.words, 3.0))
    process = psutil.Process()
    print(f"json-v2: {len(raw) / 1e6:.1f} MB, {args.words} words, 3 h")
    print(f"RSS before opening: {process.memory_info().rss / 2**20:.0f} MB")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.sqlite3"
        job_id = stored_job(path, raw)
        db = HistoryAccess(History.open(path))
        tasks = TaskRegistry()
        # inside the running qasync loop, as in the app: autosaves run on the history thread
        settle = 0.0 if args.type_at_once else WARM_UP_MS / 1000 + 1.5
        loop.run_until_complete(measure(app, raw, job_id, db, tasks, args.keys, process,
                                        settle))
        loop.run_until_complete(tasks.cancel_all())
        db.close()
    close_loop(loop)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
