"""Regenerate the bundled sample interview: `python -m smdesk.sandbox.make_sample`.

Dev tool (needs espeak-ng, sox and ffmpeg). Speaks each turn with one of two espeak-ng voices,
trims the silence, joins the turns with short pauses and encodes a small mono Ogg Vorbis file.
The true transcript (words, per-word timings, speakers) goes next to it as JSON: turn
boundaries are exact (known from the concatenation); words are spread inside each turn in
proportion to their length, which is plausible enough for a sandbox.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import tempfile
import wave
from pathlib import Path
from typing import Any

from smdesk.sandbox.sample import SAMPLE_AUDIO, SAMPLE_TRANSCRIPT
from smdesk.sandbox.transcribe import split_sentence

RATE = 16000
LEAD, GAP, TAIL = 0.4, 0.6, 0.5
VOICES = {"S1": ("en-us+m3", 165), "S2": ("en-gb+f3", 160)}  # speaker -> (voice, words/min)
SPEAKER_NAMES = {"S1": "Journalist", "S2": "Guest"}
TURNS: list[tuple[str, str]] = [
    (
        "S1",
        "Good morning, and welcome to the programme. Today I'm talking to a researcher "
        "who studies city gardens. Thank you for joining us.",
    ),
    ("S2", "Thank you for having me. It's a pleasure to be here."),
    ("S1", "How did your project begin?"),
    ("S2", "It started in 2019, when a few neighbours planted vegetables on an empty car park."),
    ("S1", "And how many people take part now?"),
    ("S2", "More than 300 families, and about 40 schools visit every year."),
    ("S1", "What surprised you the most?"),
    (
        "S2",
        "Honestly, the conversations. People who never spoke before now share tools, "
        "seeds and recipes.",
    ),
    ("S1", "Thank you very much for talking to us."),
]


def _run(*cmd: str) -> None:
    subprocess.run(cmd, check=True, capture_output=True)


def _duration(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def _speak(speaker: str, text: str, out: Path, work: Path) -> float:
    voice, speed = VOICES[speaker]
    raw = work / f"{out.stem}-raw.wav"
    _run("espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text)
    # 16 kHz mono, silence trimmed at both ends so the turn bounds are speech; -D (no dither)
    # keeps the output reproducible.
    trim = ["silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse"]
    _run("sox", "-D", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out), *trim)
    return _duration(out)


def _silence(seconds: float, out: Path) -> None:
    _run(
        "sox",
        "-D",
        "-n",
        "-r",
        str(RATE),
        "-c",
        "1",
        "-b",
        "16",
        str(out),
        "trim",
        "0",
        f"{seconds}",
    )


def _confidence(speaker: str, index: int, word: str) -> float:
    """Stable, plausible confidences (0.80-0.99) without randomness."""
    seed = hashlib.sha256(f"{speaker}:{index}:{word}".encode()).digest()[0]
    return round(0.8 + (seed % 20) / 100, 2)


def _turn_words(speaker: str, text: str, start: float, end: float) -> list[dict[str, Any]]:
    tokens = split_sentence(text)
    weights = [len(t) + 1 for t, kind in tokens if kind == "word"]
    scale = (end - start) / sum(weights)
    cursor = start
    words: list[dict[str, Any]] = []
    for text_, kind in tokens:
        if kind == "punctuation":
            at = words[-1]["end"] if words else cursor
            words.append(
                {"text": text_, "type": "punctuation", "start": at, "end": at, "speaker": speaker}
            )
            continue
        length = (len(text_) + 1) * scale
        words.append(
            {
                "text": text_,
                "type": "word",
                "start": round(cursor, 3),
                "end": round(cursor + length * 0.92, 3),
                "speaker": speaker,
                "confidence": _confidence(speaker, len(words), text_),
            }
        )
        cursor += length
    return words


def build(audio_out: Path, transcript_out: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="smdesk-sample-") as tmp:
        work = Path(tmp)
        pieces: list[Path] = [work / "lead.wav"]
        _silence(LEAD, pieces[0])
        _silence(GAP, work / "gap.wav")
        cursor = LEAD
        turns: list[dict[str, Any]] = []
        words: list[dict[str, Any]] = []
        for i, (speaker, text) in enumerate(TURNS):
            if i:
                pieces.append(work / "gap.wav")
                cursor += GAP
            clip = work / f"turn{i:02d}.wav"
            length = _speak(speaker, text, clip, work)
            pieces.append(clip)
            turns.append(
                {
                    "speaker": speaker,
                    "start": round(cursor, 3),
                    "end": round(cursor + length, 3),
                    "text": text,
                }
            )
            words += _turn_words(speaker, text, cursor, cursor + length)
            cursor += length
        pieces.append(work / "tail.wav")
        _silence(TAIL, pieces[-1])
        joined = work / "joined.wav"
        _run("sox", "-D", *map(str, pieces), str(joined))
        duration = _duration(joined)
        audio_out.parent.mkdir(parents=True, exist_ok=True)
        # Small mono Ogg Vorbis; bitexact + fixed serial make the file reproducible byte for byte.
        encode = "-map_metadata -1 -c:a libvorbis -q:a 1 -ac 1 -ar 16000 -fflags +bitexact "
        encode += "-flags:a +bitexact -serial_offset 1"
        _run(
            "ffmpeg", "-y", "-loglevel", "error", "-i", str(joined), *encode.split(), str(audio_out)
        )
    data = {
        "title": "Sample interview: city gardens (synthetic voices, espeak-ng)",
        "generator": "python -m smdesk.sandbox.make_sample",
        "duration": round(duration, 3),
        "language": "en",
        "speakers": SPEAKER_NAMES,
        "turns": turns,
        "words": words,
    }
    transcript_out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return data


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audio", type=Path, default=SAMPLE_AUDIO)
    parser.add_argument("--transcript", type=Path, default=SAMPLE_TRANSCRIPT)
    ns = parser.parse_args(argv)
    data = build(ns.audio, ns.transcript)
    size = ns.audio.stat().st_size
    summary = (
        f"{ns.audio}: {data['duration']:.1f} s, {size // 1024} KiB, "
        f"{len(data['turns'])} turns; {ns.transcript}: {len(data['words'])} tokens"
    )
    print(summary)  # noqa: T201 - a command-line dev tool


if __name__ == "__main__":
    main()
