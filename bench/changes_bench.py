"""Changes benchmark: listing what was changed against the original on a 3-hour transcript.

    .venv/bin/python bench/changes_bench.py [--words N] [--edits E] [--repeat R] [--panel]

On a synthetic 30,000-word, two-speaker interview (tests.core.factories.make_json_v2) with E
scattered edits (retyped words, added and deleted words, a passage given to another speaker, a
split paragraph): ``changes.compare`` (what the Changes list runs after edits settle), the edited
copy reloaded from its json-v2 first (as after a restart), and ``changes.revert`` of one change.
Prints median and p95 in milliseconds, wall and CPU (process time: fair on a loaded machine).
Target: compare under 100 ms at 30,000 words.

``--panel`` also measures the app's whole refresh of the Changes list after an edit (offscreen
Qt): a real TranscriptSession on a real History file, the E edits made through it, then per
sample one more edit (a word accepted or unaccepted) and ``ChangesFlow.refresh``: compare,
describe every change, refill the list, mark the changed words in the text; and the part of it
left on the Qt thread when the app compares on a worker thread (describe, list, marks).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from smdesk.core import changes, edits  # noqa: E402
from smdesk.core.transcript import Transcript  # noqa: E402
from tests.core.factories import make_json_v2  # noqa: E402


def timed(fn: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return wall, cpu


def report(name: str, result: tuple[list[float], list[float]]) -> None:
    def p95(values: list[float]) -> float:
        values = sorted(values)
        return values[min(len(values) - 1, int(len(values) * 0.95))]

    wall, cpu = result
    print(
        f"{name:<34} median {statistics.median(wall):7.2f} ms  p95 {p95(wall):7.2f} ms"
        f"   (CPU median {statistics.median(cpu):7.2f} ms)"
    )


class CoreEdits:
    """The session's edit intents on a bare Transcript (a refused edit is skipped, as there)."""

    def __init__(self, t: Transcript) -> None:
        self.transcript = t

    def __getattr__(self, name: str) -> Callable[..., object]:
        operation = getattr(edits, name)

        def call(*args: object) -> object:
            with contextlib.suppress(edits.EditError):  # punctuation, a paragraph start
                return operation(self.transcript, *args)
            return None

        return call


def make_edits(target: Any, count: int, seed: int) -> None:
    """``count`` scattered edits through ``target`` (CoreEdits or a TranscriptSession)."""
    t = target.transcript
    rng = random.Random(seed)
    for n in range(count):
        at = rng.randrange(len(t.words) - 10)
        kind = n % 5
        if kind == 0:
            target.replace_text(at, at, "Smith")
        elif kind == 1:
            target.replace_text(at, at, f"{t.words[at].text} really")
        elif kind == 2:
            target.delete_words(at, at + 1)
        elif kind == 3:
            target.give_to_speaker(at, at + 6, None)
        else:
            target.split_paragraph(at)


def edited_copy(doc: dict[str, object], count: int, seed: int) -> Transcript:
    t = Transcript.from_json_v2(doc)
    make_edits(CoreEdits(t), count, seed)
    return t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--panel", action="store_true", help="also the app's Changes list")
    args = parser.parse_args()
    doc = make_json_v2(args.words)
    original = Transcript.from_json_v2(doc)
    edited = edited_copy(doc, args.edits, seed=1)
    reloaded = Transcript.from_json_v2(edited.to_json_v2())
    found = changes.compare(reloaded, original)
    assert len(found.differences) >= args.edits // 2, "the edits were not found"
    print(
        f"{len(edited.words)} words, {args.edits} edits -> {len(found.differences)} changes "
        f"(measured on this machine; say 'loaded' if others run)"
    )
    gc.collect()
    gc.disable()  # as in the app (smdesk/app/main_thread_gc.py collects on a timer instead)
    fresh = Transcript.from_json_v2(doc)
    report("compare, first (original prepared)", timed(lambda: changes.compare(edited, fresh), 1))
    repeat = args.repeat
    report("compare, unedited", timed(lambda: changes.compare(original, original), args.repeat))
    report("compare, in memory", timed(lambda: changes.compare(edited, original), args.repeat))
    report("compare, reloaded copy", timed(lambda: changes.compare(reloaded, original), repeat))

    middle = found.differences[len(found.differences) // 2]

    def revert_and_undo() -> None:
        applied = changes.revert(reloaded, original, [middle])
        edits.apply(reloaded, applied.inverse)

    report("revert one change + undo", timed(revert_and_undo, args.repeat))
    if args.panel:
        panel(doc, args.edits, args.repeat)


def panel(doc: dict[str, object], count: int, repeat: int) -> None:
    import asyncio
    import json
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # the app layer, benchmarked here only

    from bench.editor_bench import editable_pane, stored_job
    from smdesk.app.controllers.db import HistoryAccess
    from smdesk.app.controllers.tasks import TaskRegistry
    from smdesk.app.loop import QEventLoop
    from smdesk.store.history import History

    app = QApplication.instance() or QApplication([])
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)

    async def measure(db: HistoryAccess, tasks: TaskRegistry, job_id: int) -> None:
        transcript = Transcript.from_json_v2(doc)
        session, pane = editable_pane(transcript, job_id, db, tasks, size=(1024, 700))
        make_edits(session, count, seed=1)  # the same edits as above, through the session
        loaded = asyncio.Event()
        session.original_ready.connect(loaded.set)
        if session.original() is None:
            await loaded.wait()
        flow = pane.changes_flow
        word = next(i for i, w in enumerate(transcript.words) if not w.is_punctuation)

        def edit_and_refresh() -> None:
            session.check_word(word, not transcript.words[word].checked)
            flow.refresh()

        if os.environ.get("CHANGES_PROFILE"):
            import cProfile
            cProfile.runctx("for _ in range(10): edit_and_refresh()", globals(), locals(),
                            sort="tottime")
        report("Changes list refresh (app)", timed(edit_and_refresh, repeat))

        def qt_thread_part() -> None:  # what is left on the Qt thread when compare runs off it
            flow.show_comparison(found)

        session.check_word(word, not transcript.words[word].checked)
        found = session.compare()
        report("  of which on the Qt thread", timed(qt_thread_part, repeat))
        print(f"  {len(flow.panel.differences())} changes listed")
        await session.flush()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.sqlite3"
        job_id = stored_job(path, json.dumps(doc))
        db = HistoryAccess(History.open(path))
        tasks = TaskRegistry()
        loop.run_until_complete(measure(db, tasks, job_id))
        loop.run_until_complete(tasks.cancel_all())
        db.close()
    loop.close()  # joins the loop's worker threads (the background compare ran on one)


if __name__ == "__main__":
    main()
