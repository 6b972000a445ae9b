"""The bundled sample as a Transcript and as a finished job in the history (player tests)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from smdesk.core.options import JobOptions
from smdesk.core.transcript import Transcript, Word
from smdesk.media import fingerprint
from smdesk.sandbox.sample import SAMPLE_AUDIO, SAMPLE_TRANSCRIPT
from smdesk.store.history import History, JobRecord
from smdesk.store.paths import history_path


def sample_transcript() -> Transcript:
    """The sample's true words and timings (resources/sample-interview.json)."""
    data = json.loads(SAMPLE_TRANSCRIPT.read_text(encoding="utf-8"))
    words = [Word(w["text"], float(w["start"]), float(w["end"]), kind=w.get("type", "word"),
                  speaker=w["speaker"], confidence=w.get("confidence"),
                  attaches_to="previous" if w.get("type") == "punctuation" else None)
             for w in data["words"]]
    return Transcript(words, duration=float(data["duration"]), language="en")


def finished_sample_job(folder: Path, name: str = "interview.ogg") -> JobRecord:
    """A copy of the sample at ``folder/name`` and a DONE job for it in this test's history
    (as a previous run would have left it), with the sample's true transcript."""
    folder.mkdir(parents=True, exist_ok=True)
    audio = folder / name
    shutil.copyfile(SAMPLE_AUDIO, audio)
    with History.open(history_path()) as history:
        job = history.add(source_path=str(audio), size=audio.stat().st_size,
                          fingerprint=fingerprint(audio), duration=39.96,
                          options_json=JobOptions().to_json(), endpoint="sandbox")
        return history.save_transcript(job.id, json.dumps(sample_transcript().to_json_v2()))
