"""Edit benchmark: what one keystroke and one autosave cost in core on a 3-hour transcript.

    .venv/bin/python bench/edit_bench.py [--words N] [--keys K]

On a synthetic 30,000-word, two-speaker interview (tests.core.factories.make_json_v2):
- keystroke: edits.replace_text of one word + what a view asks right after it
  (paragraph_index_of the word, paragraph_text of that paragraph, the uncertain-word count);
- new word: the same when the typed text adds a word (a space typed);
- undo: applying the inverse and asking the same;
- speaker rename and merge (whole-transcript edits);
- autosave: the old way (to_json_v2 + json.dumps, ~all on the Qt thread because the C encoder
  holds the GIL) against the snapshot (Qt thread) + to_json_text (history thread; each word's
  text is cached, so a save after a keystroke re-encodes one word).
- a whole autosave into a real History file (text, JSON check, write, word-search reindex, fsync)
  on a thread, and the longest the main thread was kept from running meanwhile.
Prints median and p95 in milliseconds. No Qt: the QUndoCommand adds only a Python call.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from smdesk.core import edits  # noqa: E402
from smdesk.core.transcript import Transcript  # noqa: E402
from smdesk.store.history import History  # noqa: E402
from tests.core.factories import make_json_v2  # noqa: E402


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"{name:<28} median {statistics.median(times):7.2f} ms   p95 {p95:7.2f} ms")


def _cold_text(t: Transcript) -> str:
    for word in t.words:  # as after opening: no word rendered yet
        word._json = None
    return t.snapshot().to_json_text()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--keys", type=int, default=200)
    args = parser.parse_args()
    t = Transcript.from_json_v2(make_json_v2(args.words))
    print(f"{len(t.words)} tokens, {len(t.paragraphs())} paragraphs, {t.duration / 3600:.1f} h")
    rng = random.Random(1)
    undo: list[edits.Edit] = []

    def after(index: int) -> None:
        paragraph = t.paragraphs()[t.paragraph_index_of(index)]
        t.paragraph_text(paragraph)
        t.uncertain_count()

    def keystroke() -> None:
        index = rng.randrange(len(t.words))
        while t.words[index].is_punctuation:
            index = rng.randrange(len(t.words))
        applied = edits.replace_text(t, index, index, t.words[index].text + "x")
        undo.append(applied.inverse)
        after(index)

    def new_word() -> None:  # typing a space: a word is split, paragraphs re-split locally
        index = rng.randrange(len(t.words))
        while t.words[index].is_punctuation:
            index = rng.randrange(len(t.words))
        applied = edits.replace_text(t, index, index, t.words[index].text + " and")
        undo.append(applied.inverse)
        after(index)

    def undo_one() -> None:
        edits.apply(t, undo.pop())
        after(0)

    report("keystroke (edit + view)", timed(keystroke, args.keys))
    report("undo (inverse + view)", timed(undo_one, args.keys))
    report("new word (edit + view)", timed(new_word, args.keys))
    report("undo it", timed(undo_one, args.keys))
    speakers = t.speakers()
    report("rename speaker", timed(lambda: edits.rename_speaker(t, speakers[0], "Ada"), 20))
    merged: list[edits.Edit] = []

    def merge_and_undo() -> None:
        merged.append(edits.merge_speakers(t, speakers[1], speakers[0]).inverse)
        edits.apply(t, merged.pop())

    report("merge speakers + undo", timed(merge_and_undo, 10))
    report("old autosave: to_json_v2", timed(t.to_json_v2, 10))
    document = t.to_json_v2()
    report("old autosave: json.dumps", timed(lambda: json.dumps(document), 10))
    report("autosave, Qt thread: snapshot", timed(t.snapshot, 20))
    report("first save: to_json_text", timed(lambda: _cold_text(t), 3))

    def save_after_keystroke() -> None:
        keystroke()
        t.snapshot().to_json_text()

    t.snapshot().to_json_text()
    report("keystroke + to_json_text", timed(save_after_keystroke, 20))
    history_save(t)


def worst_gap_ms(work: Callable[[], object]) -> float:
    """The longest the main thread waited to run (1 ms ticks) while ``work`` ran on a thread."""
    done = threading.Event()
    worst = 0.0

    def run() -> None:
        work()
        done.set()

    worker = threading.Thread(target=run)
    worker.start()
    last = time.perf_counter()
    while not done.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        worst = max(worst, now - last)
        last = now
    worker.join()
    return worst * 1000


def history_save(t: Transcript) -> None:
    """A whole autosave into a real History file, as the session does it off the Qt thread."""
    with tempfile.TemporaryDirectory() as folder, History.open(Path(folder) / "h.sqlite3") as h:
        job = h.add(source_path="/bench.ogg", size=1, fingerprint="f" * 64, duration=1.0,
                    options_json="{}", endpoint="bench")
        h.begin_upload(job.id)
        h.set_remote_id(job.id, "bench")
        h.save_transcript(job.id, t.snapshot().to_json_text())
        totals, gaps = [], []
        for revision in range(1, 6):
            edits.replace_text(t, revision * 7, revision * 7, "retyped")
            snapshot = t.snapshot()
            start = time.perf_counter()
            gap = worst_gap_ms(
                lambda: h.save_edits(job.id, snapshot.to_json_text(), revision)  # noqa: B023
            )
            totals.append((time.perf_counter() - start) * 1000)
            gaps.append(gap)
        report("autosave into History", totals)
        report("  worst main-thread gap", gaps)


if __name__ == "__main__":
    main()
