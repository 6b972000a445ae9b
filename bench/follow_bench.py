"""Follow-along benchmark: the cost of one player position update on a 3-hour transcript.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/follow_bench.py [--words N] [--hours H]
        [--updates U]

Opens the synthetic 3-hour, 30,000-word interview of bench/transcript_open.py in the real
TranscriptPane, wires it the way the app does (player position → Follower →
``word_changed`` → the pane's highlight of the spoken word, scrolling with it), then feeds
positions as QMediaPlayer sends them while playing (every 50 ms) from several places in the
recording. Reported per update, p50/p95/max, in two ways:
- slot:  the synchronous work of one position update (bisect, and on a new word the highlight
  and the scroll);
- paint: the same plus the repaint it causes (processEvents until the view has painted).
Target: < 2 ms p95. The Qt thread's CPU time of the same updates is printed too: on a machine
shared with other work, wall time includes moments the OS ran something else.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402 (benchmarks the Qt app layer)

from bench.transcript_open import synthetic_json_v2  # noqa: E402
from smdesk.app.controllers.player import Follower  # noqa: E402
from smdesk.app.transcript.pane import TranscriptPane  # noqa: E402
from smdesk.core.transcript import Transcript  # noqa: E402

POSITION_INTERVAL_MS = 50  # how often QMediaPlayer reports the position while playing
TARGET_MS = 2.0


def connect(pane: TranscriptPane, follower: Follower) -> None:
    """As smdesk/app/windows/playback_wiring.py does."""
    if hasattr(pane, "highlight_word"):
        follower.word_changed.connect(lambda i: pane.highlight_word(i if i >= 0 else None))
    else:
        follower.word_changed.connect(
            lambda _i: pane.highlight_time(follower._position_ms / 1000))


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (f"p50 {statistics.median(ordered):.3f} ms · p95 {p95:.3f} ms · "
            f"max {ordered[-1]:.3f} ms · {len(ordered)} updates")


def run(app: QApplication, transcript: Transcript,
        updates: int) -> tuple[list[float], list[float], list[float], list[float]]:
    """Milliseconds: (slot, slot+paint for every update, slot+paint of the updates that moved
    the word, and the Qt thread's CPU time of those)."""
    pane = TranscriptPane()
    pane.resize(1000, 800)
    pane.set_transcript(transcript, title="interview.m4a")
    pane.show()
    app.processEvents()
    follower = Follower()
    follower.set_transcript(transcript)
    connect(pane, follower)
    changes = [0]
    follower.word_changed.connect(lambda _i: changes.__setitem__(0, changes[0] + 1))
    duration_ms = int(transcript.duration * 1000)
    starts = [int(duration_ms * f) for f in (0.01, 0.25, 0.5, 0.75, 0.97)]
    per_start = updates // len(starts)
    slot: list[float] = []
    painted: list[float] = []
    moved: list[float] = []
    moved_cpu: list[float] = []
    for start in starts:
        follower.on_position(start)  # a seek: the view jumps there (not timed)
        app.processEvents()
        for step in range(1, per_start + 1):
            ms = start + step * POSITION_INTERVAL_MS
            before = changes[0]
            cpu = time.thread_time()
            began = time.perf_counter()
            follower.on_position(ms)
            middle = time.perf_counter()
            app.processEvents()
            ended = time.perf_counter()
            slot.append((middle - began) * 1000)
            painted.append((ended - began) * 1000)
            if changes[0] != before:
                moved.append((ended - began) * 1000)
                moved_cpu.append((time.thread_time() - cpu) * 1000)
    pane.close()
    return slot, painted, moved, moved_cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--hours", type=float, default=3.0)
    parser.add_argument("--updates", type=int, default=5_000)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    transcript = Transcript.from_json_v2(json.loads(json.dumps(
        synthetic_json_v2(args.words, args.hours))))
    print(f"transcript: {len(transcript.words)} tokens, {transcript.duration / 3600:.1f} h")
    slot, painted, moved, moved_cpu = run(app, transcript, args.updates)
    print(f"word changed on {len(moved)} of {len(slot)} updates")
    print(f"slot           : {percentiles(slot)}")
    print(f"slot + repaint : {percentiles(painted)}")
    print(f"  word changed : {percentiles(moved)}")
    print(f"    (CPU time) : {percentiles(moved_cpu)}  (wall minus time the OS ran others)")
    p95 = sorted(moved)[max(0, int(len(moved) * 0.95) - 1)]
    verdict = "OK" if p95 < TARGET_MS else "OVER TARGET"
    print(f"follow-along update (new word, with repaint) p95: {p95:.3f} ms "
          f"(target < {TARGET_MS} ms): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
