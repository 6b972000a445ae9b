"""Subtitle preview benchmark: what a rule change in the export dialog costs on a 3-hour,
30,000-word transcript, on the worker and on the UI thread.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/preview_bench.py [--words N] [--repeat R]

Worker (off the UI thread): ``preview_subtitles`` (cues, check, preview text). UI thread: the
copy of the open transcript (pointer copies, once per edit, not per rule change) and
putting the text into the preview list. Median of R runs after a warm-up, wall and CPU time
(CPU is the steadier figure on a shared machine). Target: nothing on the UI thread a user
would see as a freeze (well under 100 ms per rule change).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtWidgets import QApplication  # noqa: E402

from smdesk.app.windows.subtitle_preview import SubtitlePreviewPanel  # noqa: E402
from smdesk.core.export import ExportChoices  # noqa: E402
from smdesk.core.export.preview import preview_subtitles  # noqa: E402
from smdesk.core.transcript import Transcript  # noqa: E402
from tests.core.factories import make_json_v2  # noqa: E402


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    fn()  # warm-up
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    transcript = Transcript.from_json_v2(make_json_v2(args.words))
    preview = preview_subtitles(transcript, ExportChoices())
    panel = SubtitlePreviewPanel()
    panel.resize(1000, 300)
    panel.show()

    def show() -> None:
        panel.show_preview(1, preview, "Netflix (English)", "bench")
        app.processEvents()

    print(f"{len(transcript.words)} tokens, {len(preview.cues)} cues (Netflix)")
    rows = (("worker: preview_subtitles", lambda: preview_subtitles(transcript, ExportChoices())),
            ("UI thread, once per edit: Transcript.copy", transcript.copy),
            ("UI thread, per rule change: show the preview", show))
    for name, fn in rows:
        wall, cpu = measure(fn, args.repeat)
        print(f"{name}: {wall * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU "
              f"(median of {args.repeat})")


if __name__ == "__main__":
    main()
