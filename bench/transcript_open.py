"""Transcript open benchmark: click a finished 3-hour job, see its transcript in the pane.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/transcript_open.py [--words N] [--hours H]
        [--repeat R] [--compare]

Follows the path the app takes when a finished job's row is clicked, on a real History file,
inside the app's qasync loop with the app's garbage collection (automatic GC off, collected on the
Qt thread, smdesk.app.main_thread_gc):
- load:    HistoryAccess.load_parsed_transcript, on the history thread: the kept parsed form of
           the stored copy (the edited one when there is one; smdesk.store.transcript_cache)
           read and decoded (Transcript.from_word_cache), or when none is kept its json-v2 text
           read and parsed (Transcript.from_json_text), its form then kept half a second later
- pane:    TranscriptPane.set_transcript (what MainWindow shows on ``transcript_ready``)
- session: a TranscriptSession bound to the pane, the previous one closed (EditingWiring)
- paint:   the window shown and its visible page laid out and painted (one grab)
- gc:      the collections the main-thread collector then runs for the garbage of the open
- stall:   the longest the Qt thread could not run (a 2 ms timer's largest gap) during the load,
           which runs on the history thread but shares the GIL with it
- settle:  after the paint, until the background work the open started is done (an edited job's
           session reads the server's original for its Changes list; a parsed form is kept),
           and the stall meanwhile; the next open starts only then, like a user's click in an
           idle app
"total" is the click to the painted page (load + pane + session + paint; gc follows on
later timer ticks and is reported beside it). Each is the median of R opens, wall and CPU
(process CPU: the history thread's work counts too), for a transcript as the server sent it, for
one with an edited copy (renamed speaker, corrections, checked words, a split paragraph), and for
a first open (the kept form removed before each: an older history file, or a copy just saved).
Peak RSS of the whole process (Qt included). Target: total < 0.5 s, < 300 MB.
``--compare`` also times two other ways of building the pane's document (per-paragraph
QTextCursor insertion, and HTML) against the one the pane uses (plain text + header formats).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
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
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402 (benchmarks the Qt app layer)

from bench.app_loop import close_loop  # noqa: E402
from bench.synthetic_transcript import (  # noqa: E402
    linux_peak_rss,
    speed_reference,
    synthetic_json_v2,
)
from smdesk.app.controllers.db import HistoryAccess  # noqa: E402
from smdesk.app.controllers.tasks import TaskRegistry  # noqa: E402
from smdesk.app.controllers.transcript_session import TranscriptSession  # noqa: E402
from smdesk.app.loop import QEventLoop  # noqa: E402
from smdesk.app.main_thread_gc import MainThreadCollector, collect_on_the_qt_thread  # noqa: E402
from smdesk.app.transcript.pane import TranscriptPane  # noqa: E402
from smdesk.core import edits, word_cache  # noqa: E402
from smdesk.core.snapshot_read import read_snapshot  # noqa: E402
from smdesk.core.transcript import Transcript  # noqa: E402
from smdesk.core.transcript_read import read_json_text  # noqa: E402
from smdesk.store.history import History  # noqa: E402

# Other benchmarks import these from here.
_linux_peak_rss = linux_peak_rss
__all__ = ["_linux_peak_rss", "synthetic_json_v2"]

STAGES = ("load", "pane", "session", "paint", "total", "gc", "stall", "settle", "stall after")
OPEN_STAGES = STAGES[:4]  # "total" is their sum
TARGET_SECONDS = 0.5
TARGET_BYTES = 300 * 2**20


def stored_job(history: History, raw: str, *, edited: bool) -> int:
    """A finished job with ``raw`` as the server's transcript, and an edited copy if asked."""
    job = history.add(source_path="/audio/interview.m4a", size=10, fingerprint="f" * 64,
                      duration=10800.0, options_json="{}", endpoint="eu1")
    history.begin_upload(job.id)
    history.set_remote_id(job.id, f"bench-{job.id}")
    history.save_transcript(job.id, raw)
    if edited:
        history.save_edits(job.id, edited_copy(raw), revision=1)
    return job.id


def edited_copy(raw: str) -> str:
    """The json-v2 text an autosave writes after a reviewer's usual edits."""
    transcript = Transcript.from_json_v2(json.loads(raw))
    edits.rename_speaker(transcript, "S1", "Ana Ruiz")
    edits.rename_speaker(transcript, "S2", "Ben Okafor")
    count = len(transcript.words)
    for index in range(100, count, count // 40):  # corrections spread over the 3 hours
        edits.replace_text(transcript, index, index, "corrected")
    for index in range(50, count, count // 200):
        edits.check_word(transcript, index)
    paragraph = transcript.paragraphs()[len(transcript.paragraphs()) // 2]
    edits.split_paragraph(transcript, (paragraph.first + paragraph.last) // 2)
    return transcript.snapshot().to_json_text()


class Clock:
    """Wall and process CPU seconds since the last ``lap``."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        took = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return took


class StallWatch:
    """The longest gap between ticks of a 2 ms timer on the Qt thread: how long the window
    could not repaint or take a key while the history thread read and parsed."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(2)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self._last = 0.0

    def start(self) -> None:
        self.longest, self._last = 0.0, time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        self._tick()
        return self.longest

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now


class Opener:
    """One window's pane and session slot, opened job after job as the window does."""

    def __init__(self, app: QApplication, db: HistoryAccess, collector: MainThreadCollector):
        self.app, self.db, self.collector = app, db, collector
        self.tasks = TaskRegistry()
        self.pane = TranscriptPane()
        self.pane.resize(1200, 800)
        self.session: TranscriptSession | None = None
        self.watch = StallWatch()

    async def open(self, job_id: int) -> dict[str, tuple[float, float]]:
        took: dict[str, tuple[float, float]] = {}
        history = self.db.history
        clock = Clock()
        self.watch.start()
        transcript = await self.db.load_parsed_transcript(job_id)
        assert transcript is not None
        took["load"] = clock.lap()
        took["stall"] = (self.watch.stop(), 0.0)
        self.pane.set_transcript(transcript, title="interview.m4a",
                                 source_path="/audio/interview.m4a")
        took["pane"] = clock.lap()
        record = history.get(job_id)
        session = TranscriptSession(job_id, transcript, self.db, self.tasks,
                                    media_path=record.source_path if record else None,
                                    edited=bool(record and record.is_edited))
        old, self.session = self.session, session
        if old is not None:
            old.close()
        self.pane.set_session(session)
        took["session"] = clock.lap()
        self.pane.show()
        await asyncio.sleep(0)  # the loop lays the window out and shows it
        self.pane.grab()  # the visible page laid out and painted
        took["paint"] = clock.lap()
        took["total"] = (sum(took[s][0] for s in OPEN_STAGES), sum(took[s][1] for s in OPEN_STAGES))
        view = self.pane.transcript_view()
        assert view is not None and view.document().characterCount() > 100_000
        took["gc"] = self.collect()
        self.watch.start()
        took["settle"] = await self.settle()
        took["stall after"] = (self.watch.stop(), 0.0)
        return took

    async def settle(self) -> tuple[float, float]:
        """Wait for the work the open left running (an edited job's session reads the server's
        original for its Changes list; the previous session saves and goes), so that the next
        open starts in an idle app, as a user's click does."""
        clock = Clock()
        while self.tasks.running():  # noqa: ASYNC110 (the registry has no "all done" event)
            await asyncio.sleep(0.005)
        await self.db.settled()  # parsed forms kept, and the history thread has nothing queued
        return clock.lap()

    def collect(self) -> tuple[float, float]:
        """What the main-thread collector's timer runs after the open, tick after tick."""
        clock = Clock()
        limits = gc.get_threshold()
        while any(count > limit for count, limit in zip(gc.get_count(), limits, strict=True)):
            self.collector.collect_if_due()
        return clock.lap()

    async def close(self) -> None:
        if self.session is not None:
            self.session.close()
            await asyncio.sleep(0.1)
        await self.tasks.cancel_all()


def keeping_cost(raw: str) -> None:
    """What keeping a parsed form costs the history thread (median of 3, CPU), and its size."""
    snapshot = Transcript.from_json_text(edited_copy(raw)).snapshot()
    snapshot.to_json_text()  # autosave renders the text first (and caches each word's JSON)

    def after_autosave() -> bytes:
        parsed = read_snapshot(snapshot)
        assert parsed is not None
        return word_cache.encode(parsed)

    def after_parse() -> bytes:
        return word_cache.encode(read_json_text(raw))

    parsed = read_json_text(raw)
    for label, keep in (("after an autosave (from the snapshot)", after_autosave),
                        ("after a first open (encode only)", lambda: word_cache.encode(parsed)),
                        ("after a result arrives (parse + encode)", after_parse)):
        times, size = [], 0
        for _ in range(3):
            started = time.process_time()
            size = len(keep())
            times.append(time.process_time() - started)
        print(f"keeping the parsed form {label}: {statistics.median(times):.3f} s CPU, "
              f"{size / 1e6:.2f} MB")


def forget_kept(history: History, job_id: int) -> None:
    """As if the job was never opened since its text was saved (or the file is older)."""
    with history._writing() as conn:
        conn.execute("DELETE FROM word_caches WHERE job_id = ?", (job_id,))


def parse(text: str) -> Transcript:
    return Transcript.from_json_text(text)


def report(label: str, runs: list[dict[str, tuple[float, float]]]) -> float:
    print(f"{label} ({len(runs)} opens; median, wall / CPU):")
    for stage in STAGES:
        walls = [run[stage][0] for run in runs]
        cpus = [run[stage][1] for run in runs]
        if stage.startswith("stall"):
            during = "reading and parsing" if stage == "stall" else "the settle"
            print(f"  {stage:>11}: {statistics.median(walls):.3f} s longest Qt-thread stall "
                  f"during {during} (max {max(walls):.3f})")
            continue
        print(f"  {stage:>11}: {statistics.median(walls):.3f} s / {statistics.median(cpus):.3f} s"
              f"   (wall min {min(walls):.3f}, max {max(walls):.3f})")
    return statistics.median(run["total"][0] for run in runs)


def compare_builders(raw: str) -> dict[str, float]:
    """Seconds to build the transcript document in three ways (no view attached)."""
    import html

    from PySide6.QtGui import (
        QFont,
        QGuiApplication,
        QTextCharFormat,
        QTextCursor,
        QTextDocument,
    )

    from smdesk.app.transcript.layout import transcript_blocks, transcript_layout
    from smdesk.app.transcript.render import build_document, header_formats

    transcript = parse(raw)
    palette, font = QGuiApplication.palette(), QFont()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    layout = transcript_layout(transcript)
    blocks = transcript_blocks(transcript)
    timings["text_and_maps_from_core_s"] = time.perf_counter() - started

    started = time.perf_counter()
    build_document(layout, palette, font, transcript.speakers())
    timings["doc_plain_text_plus_header_formats_s"] = time.perf_counter() - started

    started = time.perf_counter()
    document = QTextDocument()
    cursor = QTextCursor(document)
    formats = header_formats(palette, transcript.speakers())
    plain = QTextCharFormat()
    cursor.beginEditBlock()
    for block in blocks:
        cursor.insertText(block.name, formats[block.speaker])
        cursor.insertText(f"  {block.start:.0f}", plain)
        cursor.insertBlock()
        cursor.insertText(block.text, plain)
        cursor.insertBlock()
        cursor.insertBlock()
    cursor.endEditBlock()
    timings["doc_cursor_insert_per_paragraph_s"] = time.perf_counter() - started

    started = time.perf_counter()
    parts = [f"<p><b>{html.escape(b.name)}</b> {b.start:.0f}<br>{html.escape(b.text)}</p>"
             for b in blocks]
    QTextDocument().setHtml("".join(parts))
    timings["doc_html_s"] = time.perf_counter() - started
    return timings


async def measure(app: QApplication, path: Path, jobs: dict[str, int], repeat: int,
                  collector: MainThreadCollector) -> dict[str, float]:
    db = HistoryAccess(History.open(path))
    opener = Opener(app, db, collector)
    runs: dict[str, list[dict[str, tuple[float, float]]]] = {label: [] for label in jobs}
    first = await opener.open(jobs["as transcribed"])  # warms Qt's font and layout caches
    print("first open after start (Qt's first layout of a transcript; not in the medians): "
          + ", ".join(f"{stage} {first[stage][0]:.3f}" for stage in STAGES[:5]) + " s wall")
    await opener.open(jobs["with an edited copy"])  # and keeps its parsed forms, as a first open
    for _ in range(repeat):
        for label, job_id in jobs.items():
            if label.startswith("first open"):
                await db.call(forget_kept, db.history, job_id)
            runs[label].append(await opener.open(job_id))
    await opener.close()
    db.close()
    return {label: report(label, label_runs) for label, label_runs in runs.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--hours", type=float, default=3.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--compare", action="store_true",
                        help="also time other ways of building the pane's document")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    collector = collect_on_the_qt_thread(app)  # as the app: no automatic GC
    assert not gc.isenabled()
    raw = json.dumps(synthetic_json_v2(args.words, args.hours))
    print(f"json-v2: {len(raw) / 1e6:.1f} MB, {args.words} words, {args.hours} h, 2 speakers; "
          f"load average {os.getloadavg()[0]:.1f}")
    reference = speed_reference(raw, repeat=3)
    print(f"speed reference: json.loads of that text {reference * 1000:.0f} ms CPU")
    process = psutil.Process()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.sqlite3"
        with History.open(path) as history:
            jobs = {"as transcribed": stored_job(history, raw, edited=False),
                    "with an edited copy": stored_job(history, raw, edited=True),
                    "first open (nothing kept yet)": stored_job(history, raw, edited=False)}
        collector.collect_if_due()
        print(f"RSS before opening: {process.memory_info().rss / 2**20:.0f} MB "
              "(Qt loaded, history written)")
        totals = loop.run_until_complete(measure(app, path, jobs, args.repeat, collector))
    close_loop(loop)
    peak = linux_peak_rss() or process.memory_info().rss
    print(f"speed reference after: json.loads {speed_reference(raw, repeat=3) * 1000:.0f} ms CPU")
    keeping_cost(raw)
    del raw
    print(f"peak RSS: {peak / 2**20:.0f} MB; load average now {os.getloadavg()[0]:.1f}")
    if args.compare:
        for name, seconds in compare_builders(json.dumps(synthetic_json_v2(args.words))).items():
            print(f"{name:>34}: {seconds:.3f} s")
    opens = [total for label, total in totals.items() if not label.startswith("first open")]
    ok = max(opens) < TARGET_SECONDS and peak < TARGET_BYTES
    print(f"targets (total < {TARGET_SECONDS} s, < 300 MB; opens with a kept form):",
          "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
