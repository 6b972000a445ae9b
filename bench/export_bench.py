"""Export benchmark: every format of a 3-hour, two-speaker, 30,000-word transcript.

    .venv/bin/python bench/export_bench.py [--words N] [--repeat R]

For a synthetic interview (tests/core/factories.make_json_v2: punctuation, two speakers, long
words), with a summary and a Spanish translation added, times ``core.export.render`` for each
format with the default choices (Netflix subtitles), median of R runs after one warm-up: wall
clock and this process's CPU time (the machine is shared, so CPU time is the steadier figure).
Target: every format under 1 s. Also reports the output size, and a speed reference for the
machine (json.loads of this transcript's json-v2 text): this VM's speed varied 2x in one day, so
figures taken at different times compare only through it. ``--app-gc`` runs with automatic
garbage collection off, as the app does (it collects on the Qt thread between events).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.synthetic_transcript import speed_reference  # noqa: E402
from smdesk.core.export import FORMATS, ExportChoices, ExportMeta, render  # noqa: E402
from smdesk.core.transcript import Transcript  # noqa: E402
from tests.core.factories import make_json_v2  # noqa: E402

TARGET_SECONDS = 1.0


def transcript_with_extras(words: int) -> Transcript:
    doc: dict[str, Any] = make_json_v2(words)
    doc["summary"] = {"content": "A long interview about budgets, elections and ministers."}
    sentences, current, start = [], [], None
    for result in doc["results"]:
        if result["type"] != "word" and not result.get("is_eos"):
            continue
        if start is None:
            start = result["start_time"]
        current.append(result["alternatives"][0]["content"])
        if result.get("is_eos"):
            sentences.append({"start_time": start, "end_time": result["end_time"],
                              "content": " ".join(current),
                              "speaker": result["alternatives"][0].get("speaker")})
            current, start = [], None
    doc["translations"] = {"es": sentences}
    return Transcript.from_json_v2(json.loads(json.dumps(doc)))


def measure(transcript: Transcript, key: str, choices: ExportChoices,
            repeat: int) -> tuple[float, float, int]:
    meta = ExportMeta(title="Interview", source_name="interview.m4a", created="2026-12-01")
    render(transcript, FORMATS[key], choices, meta)  # warm-up
    walls, cpus, size = [], [], 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        size = len(render(transcript, FORMATS[key], choices, meta))
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--app-gc", action="store_true",
                        help="automatic garbage collection off, as in the app")
    args = parser.parse_args(argv)
    transcript = transcript_with_extras(args.words)
    reference = speed_reference(json.dumps(transcript.to_json_v2()))
    print(f"speed reference: json.loads of its json-v2 text {reference * 1000:.0f} ms CPU")
    if args.app_gc:
        gc.disable()
    spoken = sum(1 for w in transcript.words if w.kind != "punctuation")
    print(f"{spoken} words, {transcript.duration / 3600:.1f} h, "
          f"{len(transcript.paragraphs())} turns; median of {args.repeat}")
    worst = 0.0
    for translation in (None, "es"):
        choices = ExportChoices(translation=translation)
        for key in FORMATS:
            wall, cpu, size = measure(transcript, key, choices, args.repeat)
            worst = max(worst, wall)
            label = key if translation is None else f"{key} ({translation})"
            print(f"{label:10} {wall * 1000:7.0f} ms wall {cpu * 1000:7.0f} ms CPU "
                  f"{size / 1e6:6.2f} MB")
    verdict = "under" if worst < TARGET_SECONDS else "OVER"
    print(f"slowest: {worst * 1000:.0f} ms ({verdict} the {TARGET_SECONDS:.0f} s target)")
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
