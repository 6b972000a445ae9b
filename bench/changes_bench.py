"""Changes benchmark: listing what was changed against the original on a 3-hour transcript.

    .venv/bin/python bench/changes_bench.py [--words N] [--edits E] [--repeat R]

On a synthetic 30,000-word, two-speaker interview (tests.core.factories.make_json_v2) with E
scattered edits (retyped words, added and deleted words, a passage given to another speaker, a
split paragraph): ``changes.compare`` (what the Changes list runs after edits settle), the edited
copy reloaded from its json-v2 first (as after a restart), and ``changes.revert`` of one change.
Prints median and p95 in milliseconds, wall and CPU (process time: fair on a loaded machine).
Target: compare under 100 ms at 30,000 words.
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


def edited_copy(doc: dict[str, object], count: int, seed: int) -> Transcript:
    t = Transcript.from_json_v2(doc)
    rng = random.Random(seed)
    for n in range(count):
        at = rng.randrange(len(t.words) - 10)
        kind = n % 5
        if kind == 0:
            edits.replace_text(t, at, at, "Smith")
        elif kind == 1:
            edits.replace_text(t, at, at, f"{t.words[at].text} really")
        elif kind == 2:
            edits.delete_words(t, at, at + 1)
        elif kind == 3:
            edits.give_to_speaker(t, at, at + 6, None)
        else:
            with contextlib.suppress(edits.EditError):  # punctuation or a paragraph start
                edits.split_paragraph(t, at)
    return t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=15)
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


if __name__ == "__main__":
    main()
