"""A synthetic 3-hour, two-speaker json-v2 interview for the benchmarks (no real audio needed).

Shaped like Speechmatics' output: turns of 20–160 words, sentences of 6–18 words, commas and
sentence ends as punctuation results carrying ``attaches_to`` and ``is_eos`` (as every real file in
../shared/realworld/json-v2 does), a Spanish translation per sentence and a summary.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

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
                                   "punctuation", attaches_to="previous", is_eos=False))
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


def linux_peak_rss() -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def speed_reference(text: str, repeat: int = 5) -> float:
    """Median CPU seconds of json.loads of ``text`` (a transcript's json-v2): a yardstick for
    this VM, whose speed changes about 2x within a day, printed beside every figure."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        json.loads(text)
        times.append(time.process_time() - started)
    return statistics.median(times)
