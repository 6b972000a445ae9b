"""Known voices in a real SQLite history file: remember, rename, delete (identifiers gone too)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from smdesk.core.options import JobOptions
from smdesk.store.history import History
from smdesk.store.voices import VoiceError, VoiceStore

LONG_ID = "SBXV" + "x" * 400 + "-unique-marker"


def test_remember_rename_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with History.open(path) as history:
        voices = VoiceStore(history)
        ana = voices.remember("  Ana   Ruiz ", ["id-1", "id-1", "id-2"], source_job_id=7)
        assert (ana.name, ana.identifiers) == ("Ana Ruiz", ("id-1", "id-2"))
        again = voices.remember("ana ruiz", ["id-3", "id-2"])  # same person, another interview
        assert again.id == ana.id and again.identifiers == ("id-1", "id-2", "id-3")
        voices.rename(ana.id, "Dr Ana Ruiz")
    with History.open(path) as history:
        [stored] = VoiceStore(history).list()
        assert stored.name == "Dr Ana Ruiz" and stored.identifiers == ("id-1", "id-2", "id-3")
        assert VoiceStore(history).known_voices()[0].name == "Dr Ana Ruiz"


def test_names_and_identifiers_are_checked(history: History) -> None:
    voices = VoiceStore(history)
    ben = voices.remember("Ben", ["b"])
    voices.remember("Cleo", ["c"])
    with pytest.raises(VoiceError, match="already exists"):
        voices.rename(ben.id, "cleo")
    with pytest.raises(VoiceError, match="numbers unknown speakers"):
        voices.remember("S1", ["x"])
    with pytest.raises(VoiceError, match="no voice identifier"):
        voices.remember("Dana", [])
    assert [v.name for v in voices.list()] == ["Ben", "Cleo"]


def test_delete_removes_the_identifiers_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with History.open(path) as history:
        voices = VoiceStore(history)
        kept = voices.remember("Kept", ["keep-me"])
        gone = voices.remember("Gone", [LONG_ID])
        voices.delete(gone.id)
        assert [v.id for v in voices.list()] == [kept.id] and voices.get(gone.id) is None
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT COUNT(*) FROM voice_identifiers").fetchone()[0] == 1
    on_disk = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert b"unique-marker" not in on_disk and b"keep-me" in on_disk


def test_a_rename_reaches_the_jobs_not_yet_sent(tmp_path: Path) -> None:
    chosen = JobOptions(diarization="speaker", recognise_voices="chosen",
                        chosen_voices=["Ana Ruiz", "Ben"]).to_json()
    with History.open(tmp_path / "history.sqlite3") as history:
        ana = VoiceStore(history).remember("Ana Ruiz", ["id-1"])
        queued, sent = (history.add(source_path=f"/a/{n}.ogg", size=1, fingerprint=n * 64,
                                    duration=1.0, options_json=chosen, endpoint="eu1")
                        for n in "ab")
        history.begin_upload(sent.id)
        history.set_remote_id(sent.id, "srv-1")
        VoiceStore(history).rename(ana.id, "Dr Ana Ruiz")
        waiting = JobOptions.from_json(history.get(queued.id).options_json)  # type: ignore[union-attr]
        assert waiting.chosen_voices == ["Dr Ana Ruiz", "Ben"]
        known = VoiceStore(history).known_voices()
        assert [v.name for v in waiting.voices_to_recognise(known)] == ["Dr Ana Ruiz"]
        # what was sent stays the record of what was sent
        assert history.get(sent.id).options_json == chosen  # type: ignore[union-attr]
