"""Synthetic json-v2 transcripts for tests and benchmarks (import: tests.core.factories).

``make_json_v2(30_000)`` builds a realistic 3-hour, two-speaker interview: sentences with commas
and full stops (``is_eos``), speaker turns of varying length, pauses, the odd very long word and
unknown-speaker stretch. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from typing import Any

_PROSE = (
    "the a and to of in that it is was for on you with he as I his they be at one have "
    "this from or had by word but what some we can out other were all there when up use "
    "your how said an each she which do their time if will way about many then them write "
    "would like so these her long make thing see him two has look more day could go come "
    "did number sound no most people my over know water than call first who may down side "
    "been now find interview journalist government election minister Speechmatics "
    "transcription Kubernetes"
)
_VOCABULARY = tuple(_PROSE.split())
_LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwe"  # 48 characters


def word(
    content: str,
    start: float,
    end: float,
    *,
    speaker: str = "S1",
    confidence: float = 0.98,
    language: str = "en",
    channel: str | None = None,
) -> dict[str, Any]:
    """A json-v2 word result."""
    result: dict[str, Any] = {
        "alternatives": [
            {"confidence": confidence, "content": content, "language": language, "speaker": speaker}
        ],
        "start_time": start,
        "end_time": end,
        "type": "word",
    }
    if channel is not None:
        result["channel"] = channel
    return result


def punct(
    content: str,
    at: float,
    *,
    attaches_to: str = "previous",
    is_eos: bool = False,
    speaker: str = "S1",
    language: str = "en",
    channel: str | None = None,
) -> dict[str, Any]:
    """A json-v2 punctuation result (zero duration, as the API sends them)."""
    result: dict[str, Any] = {
        "alternatives": [
            {"confidence": 1.0, "content": content, "language": language, "speaker": speaker}
        ],
        "attaches_to": attaches_to,
        "is_eos": is_eos,
        "start_time": at,
        "end_time": at,
        "type": "punctuation",
    }
    if channel is not None:
        result["channel"] = channel
    return result


def entity(
    written: str, spoken: list[str], start: float, end: float, *, speaker: str = "S1"
) -> dict[str, Any]:
    """A json-v2 entity result ("$2.05" spoken as "two dollars five")."""
    step = (end - start) / max(len(spoken), 1)
    return {
        "alternatives": [
            {"confidence": 0.9, "content": written, "language": "en", "speaker": speaker}
        ],
        "entity_class": "money",
        "spoken_form": [
            word(w, start + i * step, start + (i + 1) * step, speaker=speaker)
            for i, w in enumerate(spoken)
        ],
        "written_form": [word(written, start, end, speaker=speaker)],
        "start_time": start,
        "end_time": end,
        "type": "entity",
    }


def document(
    results: list[dict[str, Any]],
    *,
    language: str = "en",
    delimiter: str | None = " ",
    duration: int | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A complete json-v2 document around ``results``."""
    ends = [r.get("end_time") for r in results if isinstance(r, dict)]
    last_end = max((e for e in ends if isinstance(e, (int, float))), default=0.0)
    metadata: dict[str, Any] = {
        "created_at": "2025-06-30T11:44:08.133526Z",
        "type": "transcription",
        "transcription_config": {"language": language, "diarization": "speaker"},
        "orchestrator_version": "2025.06.28+1eb4127132+13.4.0",
    }
    if delimiter is not None:
        metadata["language_pack_info"] = {
            "adapted": False,
            "itn": True,
            "language_description": "English",
            "word_delimiter": delimiter,
            "writing_direction": "left-to-right",
        }
    doc: dict[str, Any] = {
        "format": "2.9",
        "job": {
            "created_at": "2025-06-30T11:43:54.135Z",
            "data_name": "interview.wav",
            "duration": duration if duration is not None else int(last_end) + 1,
            "id": "650krlru2e",
        },
        "metadata": metadata,
        "results": results,
    }
    doc.update(extra)
    return doc


def make_results(
    n_words: int,
    *,
    speakers: int = 2,
    seed: int = 0,
    channels: list[str] | None = None,
    long_words: bool = True,
) -> list[dict[str, Any]]:
    """About ``n_words`` word results plus punctuation, in speaker turns (see module doc)."""
    rng = random.Random(seed)
    results: list[dict[str, Any]] = []
    now = 0.4
    words_done = 0
    turn = 0
    while words_done < n_words:
        speaker_number = turn % speakers + 1
        speaker = f"S{speaker_number}"
        if rng.random() < 0.02:
            speaker = "UU"
        channel = None
        if channels:
            channel = channels[turn % len(channels)]
            speaker = "UU"
        for _ in range(rng.randint(1, 6)):  # sentences in this turn
            length = rng.randint(3, 18)
            for position in range(length):
                if words_done >= n_words:
                    break
                text = rng.choice(_VOCABULARY)
                if long_words and rng.random() < 0.003:
                    text = _LONG_WORD
                if position == 0:
                    text = text[:1].upper() + text[1:]
                duration = rng.uniform(0.12, 0.55)
                results.append(
                    word(
                        text,
                        round(now, 2),
                        round(now + duration, 2),
                        speaker=speaker,
                        confidence=round(rng.uniform(0.4, 1.0), 2),
                        channel=channel,
                    )
                )
                now += duration + rng.uniform(0.0, 0.08)
                words_done += 1
                if position < length - 1 and rng.random() < 0.07:
                    results.append(punct(",", round(now, 2), speaker=speaker, channel=channel))
            mark = "?" if rng.random() < 0.15 else "."
            end = results[-1]["end_time"]
            results.append(punct(mark, end, is_eos=True, speaker=speaker, channel=channel))
            now += rng.uniform(0.1, 0.6)
            if words_done >= n_words:
                break
        now += rng.uniform(0.3, 2.5)  # pause between turns
        turn += 1
    return results


def make_json_v2(
    n_words: int,
    *,
    speakers: int = 2,
    seed: int = 0,
    channels: list[str] | None = None,
    translations: bool = False,
) -> dict[str, Any]:
    """A complete synthetic json-v2 document with about ``n_words`` words.

    ``channels`` makes it channel-diarized (speaker "UU", ``channel`` labels); ``translations``
    adds a sentence-level "es" translation and a summary.
    """
    results = make_results(n_words, speakers=speakers, seed=seed, channels=channels)
    extra: dict[str, Any] = {}
    if translations:
        extra["translations"] = {"es": _sentence_translations(results)}
        extra["summary"] = {"content": "A synthetic interview about many things."}
    doc = document(results, **extra)
    if channels:
        doc["metadata"]["transcription_config"]["diarization"] = "channel"
    return doc


def _sentence_translations(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    segments: list[dict[str, Any]] = []
    start: float | None = None
    count = 0
    for result in results:
        if start is None:
            start = result["start_time"]
        count += result["type"] == "word"
        if result.get("is_eos"):
            speaker = result["alternatives"][0]["speaker"]
            segments.append(
                {
                    "start_time": start,
                    "end_time": result["end_time"],
                    "content": f"Frase de {count} palabras.",
                    "speaker": speaker,
                }
            )
            start, count = None, 0
    return segments


def too_fast_to_read() -> dict[str, Any]:
    """A speaker at 8 words a second: no layout can keep that under 20 characters a second."""
    results: list[dict[str, Any]] = []
    t = 0.0
    for n in range(60):
        results.append(word(f"extraordinary{n}", t, t + 0.12))
        t += 0.125
    results.append(punct(".", t, is_eos=True))
    return document(results)
