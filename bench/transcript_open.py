"""Transcript open benchmark: parse a 3-hour, two-speaker json-v2 and show it in TranscriptPane.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/transcript_open.py [--words N] [--hours H]
        [--repeat R] [--compare]

Measures, for a synthetic interview (~30,000 words, punctuation, two speakers, a summary and one
translation), the time from the JSON text to a pane that is laid out and painted offscreen:
- parse: json.loads + Transcript.from_json_v2
- open:  TranscriptPane.set_transcript + show + one full paint (grab) of the visible page
and the process's peak RSS (psutil; includes Qt itself). Targets: parse + open < 1 s, < 300 MB.
``--compare`` also times the two alternative ways of building the document (per-paragraph
QTextCursor insertion, and HTML) against the one the pane uses (plain text + header formats).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psutil  # noqa: E402
from PySide6.QtCore import QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402 (benchmarks the Qt app layer)

from smdesk.app.transcript.pane import TranscriptPane  # noqa: E402
from smdesk.core.transcript import Transcript  # noqa: E402

VOCABULARY = [  # a newsroom-flavoured word list; random order is fine for layout timing
    "the", "a", "to", "and", "of", "we", "that", "it", "in", "you", "is", "was", "for", "on",
    "this", "they", "with", "have", "be", "what", "but", "so", "at", "about", "think", "really",
    "people", "there", "would", "just", "know", "like", "when", "one", "story", "time", "which",
    "because", "newsroom", "council", "budget", "interview", "question", "reporter", "school",
    "housing", "report", "minister", "city", "water", "election", "data", "source", "record",
    "afternoon", "yesterday", "morning", "nobody", "everybody", "actually",
]


def _result(content: str, start: float, end: float, speaker: str, kind: str = "word",
            **extra: Any) -> dict[str, Any]:
    alternative = {"content": content, "confidence": 0.93, "language": "en", "speaker": speaker}
    return {"alternatives": [alternative], "start_time": round(start, 3),
            "end_time": round(end, 3), "type": kind, **extra}


def synthetic_json_v2(words: int = 30_000, hours: float = 3.0, seed: int = 7) -> dict[str, Any]:
    """A realistic diarized json-v2: turns of 20–160 words, sentences of 6–18 words."""
    rng = random.Random(seed)
    step = hours * 3600 / words
    results: list[dict[str, Any]] = []
    translations: list[dict[str, Any]] = []
    clock, speaker, left_in_turn, left_in_sentence = 0.5, "S1", 60, 10
    sentence_start, sentence_words = clock, 0
    for _ in range(words):
        word = rng.choice(VOCABULARY)
        if sentence_words == 0:
            word = word.capitalize()
            sentence_start = clock
        results.append(_result(word, clock, clock + step * 0.8, speaker))
        clock += step
        sentence_words += 1
        left_in_turn -= 1
        left_in_sentence -= 1
        if left_in_sentence == 0 or left_in_turn == 0:
            mark = "?" if rng.random() < 0.15 else "."
            results.append(_result(mark, clock - step * 0.2, clock - step * 0.2, speaker,
                                   "punctuation", attaches_to="previous", is_eos=True))
            translations.append({"start_time": round(sentence_start, 3),
                                 "end_time": round(clock, 3), "speaker": speaker,
                                 "content": f"Frase traducida número {len(translations)}."})
            left_in_sentence, sentence_words = rng.randint(6, 18), 0
        elif rng.random() < 0.06:
            results.append(_result(",", clock - step * 0.2, clock - step * 0.2, speaker,
                                   "punctuation", attaches_to="previous"))
        if left_in_turn == 0:
            speaker = "S2" if speaker == "S1" else "S1"
            left_in_turn = rng.randint(20, 160)
            clock += 0.6
    return {
        "format": "2.9",
        "job": {"created_at": "2026-11-25T12:00:00Z", "data_name": "interview.m4a",
                "duration": int(clock) + 1, "id": "bench"},
        "metadata": {"created_at": "2026-11-25T12:00:00Z", "type": "transcription",
                     "transcription_config": {"language": "en", "diarization": "speaker"},
                     "language_pack_info": {"word_delimiter": " ",
                                            "writing_direction": "left-to-right"}},
        "results": results,
        "translations": {"es": translations},
        "summary": {"content": "- A long interview about the city budget.\n- Two speakers."},
    }


def time_open(app: QApplication, raw: str) -> dict[str, float]:
    started = time.perf_counter()
    transcript = Transcript.from_json_v2(json.loads(raw))
    parsed = time.perf_counter()
    pane = TranscriptPane()
    pane.resize(1000, 800)
    pane.set_transcript(transcript, title="interview.m4a", source_path="/tmp/interview.m4a")
    pane.show()
    app.processEvents()
    pane.grab()  # forces layout of the visible part and a full paint
    shown = time.perf_counter()
    view = pane.transcript_view()
    assert view is not None and view.document().characterCount() > 100_000
    pane.highlight_time(transcript.duration / 2)  # the far middle: layout must reach it
    app.processEvents()
    highlighted = time.perf_counter()
    pane.close()
    pane.deleteLater()
    # processEvents() alone does not run deferred deletes outside an event loop
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    words = float(len(transcript.words))
    del transcript
    gc.collect()
    return {"parse_s": parsed - started, "open_s": shown - parsed, "total_s": shown - started,
            "highlight_middle_s": highlighted - shown, "words": words}


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

    transcript = Transcript.from_json_v2(json.loads(raw))
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--hours", type=float, default=3.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    raw = json.dumps(synthetic_json_v2(args.words, args.hours))
    print(f"json-v2: {len(raw) / 1e6:.1f} MB, {args.words} words, {args.hours} h, 2 speakers")
    process = psutil.Process()
    baseline = process.memory_info().rss
    print(f"{'RSS before opening':>20}: {baseline / 2**20:.0f} MB (Qt loaded, JSON text built)")
    runs = []
    for number in range(args.repeat):
        runs.append(time_open(app, raw))
        if number == 0:
            first_peak = _linux_peak_rss() or process.memory_info().rss
            print(f"{'peak after 1st open':>20}: {first_peak / 2**20:.0f} MB")
    for name in ("parse_s", "open_s", "total_s", "highlight_middle_s"):
        values = [run[name] for run in runs]
        print(f"{name:>20}: median {statistics.median(values):.3f} s  "
              f"(min {min(values):.3f}, max {max(values):.3f})")
    info = process.memory_info()
    peak = getattr(info, "peak_wset", None) or _linux_peak_rss() or info.rss
    print(f"{'peak RSS':>20}: {peak / 2**20:.0f} MB after {args.repeat} opens "
          f"(current {info.rss / 2**20:.0f} MB)")
    if args.compare:
        for name, seconds in compare_builders(raw).items():
            print(f"{name:>34}: {seconds:.3f} s")
    total = statistics.median(run["total_s"] for run in runs)
    ok = total < 1.0 and peak < 300 * 2**20
    print("targets (< 1 s, < 300 MB):", "met" if ok else "NOT met")
    return 0 if ok else 1


def _linux_peak_rss() -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


if __name__ == "__main__":
    sys.exit(main())
