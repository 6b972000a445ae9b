"""Subtitle engine benchmark and the rule-break table of the README's "Subtitles" section.

    .venv/bin/python bench/subtitle_bench.py [--words N] [--repeat R]   # timing
    .venv/bin/python bench/subtitle_bench.py --table                      # README table

Timing: make_cues (units, cue search, line layout, timing) and check_cues for a synthetic
3-hour, two-speaker interview of ~30,000 words (tests/core/factories.make_json_v2), per preset,
median of R runs after one warm-up, wall clock and this process's CPU time (the machine is
shared, so the CPU time is the steadier figure).

Table: breaks per hard rule counted by the independent checker (tests/core/subtitle_rules.py)
for smdesk's cues and for the server-style SRT (smdesk/sandbox/render.py, what the API does,
asked for the preset's line length and lines through srt_overrides), over the real Speechmatics
outputs in ../shared/realworld/json-v2 and over the synthetic cases of tests/core/subtitle_cases.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import srt

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from smdesk.core.subtitles import PRESETS, check_cues, make_cues  # noqa: E402
from smdesk.core.transcript import Transcript  # noqa: E402
from smdesk.sandbox.render import to_srt as server_srt  # noqa: E402
from tests.core.factories import make_json_v2  # noqa: E402
from tests.core.subtitle_cases import all_cases  # noqa: E402
from tests.core.subtitle_rules import (  # noqa: E402
    GUIDES,
    HARD_RULES,
    SOFT_RULES,
    Report,
    check_srt,
)

REALWORLD = REPO.parent / "shared" / "realworld" / "json-v2"
RULE_NAMES = {
    "line_length": "line too long",
    "lines": "too many lines",
    "reading_speed": "reads too fast (characters a second)",
    "words_per_minute": "reads too fast (words a minute)",
    "min_duration": "shorter than the minimum",
    "max_duration": "longer than 7 s",
    "gap": "gap under 2 frames",
    "overlap": "overlaps the previous cue",
    "dual_speaker": "two speakers without dashes",
    "lost_words": "words missing",
    "sync": "more than 1.5 s off the speech",
    "bad_line_end": "(style) a line ends on an article, preposition or conjunction",
    "orphan": "(style) a one-word cue ending a sentence the previous cue began",
}


def timing(words: int, repeat: int) -> None:
    transcript = Transcript.from_json_v2(make_json_v2(words))
    print(f"{len(transcript.words)} tokens, {transcript.duration / 3600:.1f} h")
    for name, rules in PRESETS.items():
        make_cues(transcript, rules)  # warm-up
        layout, cpu, checks = [], [], []
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            cues = make_cues(transcript, rules)
            middle, middle_cpu = time.perf_counter(), time.process_time()
            check_cues(cues, rules)
            layout.append(middle - start)
            cpu.append(middle_cpu - start_cpu)
            checks.append(time.perf_counter() - middle)
        print(f"{name:9} {len(cues):5} cues  make_cues {statistics.median(layout):.3f} s wall "
              f"(min {min(layout):.3f}), {statistics.median(cpu):.3f} s CPU;  "
              f"check_cues {statistics.median(checks):.3f} s")


def engine_srt(doc: dict[str, Any], preset: str) -> str:
    cues = make_cues(Transcript.from_json_v2(doc), PRESETS[preset])
    return str(srt.compose(
        [srt.Subtitle(n, timedelta(seconds=c.start), timedelta(seconds=c.end), c.text)
         for n, c in enumerate(cues, start=1)],
        reindex=False,
    ))


def _totals(docs: list[dict[str, Any]], preset: str) -> tuple[Counter[str], Counter[str]]:
    guide = GUIDES[preset]
    ours: Counter[str] = Counter()
    server: Counter[str] = Counter()
    for doc in docs:
        for counter, text in (
            (ours, engine_srt(doc, preset)),
            (server, server_srt(doc, guide.max_chars, guide.max_lines)),
        ):
            report: Report = check_srt(text, doc, guide)
            counter.update({rule: report.count(rule) for rule in (*HARD_RULES, *SOFT_RULES)})
            counter["cues"] += report.cues
            counter["hard"] += report.hard
            counter["floor"] += report.reading_floor
    return ours, server


def table() -> None:
    real = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(REALWORLD.glob("*.json"))]
    real = [doc for doc in real if doc.get("results")]
    synthetic = [case.doc for case in all_cases()]
    sets = [(f"{len(real)} real transcripts", real), (f"{len(synthetic)} synthetic cases",
                                                         synthetic)]
    for title, docs in sets:
        columns = {preset: _totals(docs, preset) for preset in ("netflix", "bbc")}
        print(f"\n{title}\n")
        print("| Cues breaking the rule | Netflix: smdesk | Netflix: server SRT "
              "| BBC: smdesk | BBC: server SRT |")
        print("|---|---|---|---|---|")
        for rule in ("cues", *HARD_RULES, "hard", "floor", *SOFT_RULES):
            cells = []
            for preset in ("netflix", "bbc"):
                ours, server = columns[preset]
                applies = rule not in ("reading_speed", "words_per_minute") or (
                    (rule == "reading_speed") == (preset == "netflix")
                )
                cells += [str(ours[rule]), str(server[rule])] if applies else ["–", "–"]
            label = {"cues": "cues in all", "hard": "**all hard rules**",
                     "floor": "floor: reading-speed breaks no layout can avoid"}.get(
                rule, RULE_NAMES.get(rule, rule))
            print(f"| {label} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--table", action="store_true")
    args = parser.parse_args()
    if args.table:
        if not REALWORLD.is_dir():
            sys.exit(f"The real transcripts are not at {REALWORLD}.")
        table()
    else:
        timing(args.words, args.repeat)


if __name__ == "__main__":
    main()
