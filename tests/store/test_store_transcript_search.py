"""Searching the words inside transcripts: saved, edited, reverted, removed, and older files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from smdesk.store.history import History, JobRecord
from smdesk.store.transcript_search import match_query


def finished(history: History, words: list[str], name: str = "talk.mp3") -> JobRecord:
    job = history.add(source_path=f"/home/me/{name}", size=9, fingerprint=name * 8,
                      duration=3.0, options_json="{}", endpoint="eu1")
    history.begin_upload(job.id)
    history.set_remote_id(job.id, f"r-{name}")
    return history.save_transcript(job.id, json_v2(words))


def json_v2(words: list[str]) -> str:
    results = [{"type": "word", "start_time": i, "end_time": i + 0.5,
                "alternatives": [{"content": word, "confidence": 0.9, "speaker": "S1"}]}
               for i, word in enumerate(words)]
    return json.dumps({"format": "2.9", "results": results})


def test_words_of_finished_transcripts_are_found_by_prefix_and_accents(history: History) -> None:
    mayor = finished(history, ["The", "mayor", "Müller", "spoke"], "mayor.mp3")
    finished(history, ["Budget", "talks", "resumed"], "budget.mp3")
    assert history.search_words("mayo") == [mayor.id]
    assert history.search_words("muller spoke") == [mayor.id]  # every word, accents folded
    assert history.search_words("mayor budget") == []
    assert history.search_words('"; DROP TABLE jobs; --') == []  # typed text is never syntax
    assert history.search_words("  ") == []


def test_edits_and_revert_change_what_is_found(history: History) -> None:
    job = finished(history, ["misheard", "name"])
    history.save_edits(job.id, json_v2(["Szymborska", "name"]), revision=1)
    assert history.search_words("szymborska") == [job.id]
    assert history.search_words("misheard") == []
    history.revert_to_original(job.id, revision=2)
    assert history.search_words("misheard") == [job.id]
    history.delete(job.id)
    assert history.search_words("misheard") == []


def test_an_older_history_file_is_indexed_when_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with History.open(path) as history:
        job = finished(history, ["archived", "interview"])
    raw = sqlite3.connect(path)
    raw.executescript("DROP TRIGGER transcript_words_forget; DROP TABLE transcript_words;"
                      "PRAGMA user_version = 3;")
    raw.close()
    with History.open(path) as history:
        assert history.search_words("archived") == [job.id]


def test_match_query_quotes_every_word_as_a_prefix() -> None:
    assert match_query("Mayor's speech") == '"Mayor"* "s"* "speech"*'
    assert match_query("-- *") is None


def test_autosave_only_marks_the_words_stale_and_the_next_search_catches_up(
        history: History) -> None:
    job = finished(history, ["first", "draft"])
    history.save_edits(job.id, json_v2(["second", "draft"]), revision=1)
    with history._reading() as conn:  # the save itself did not read the words out
        stale = conn.execute("SELECT job_id FROM transcript_words_stale").fetchall()
        indexed = conn.execute("SELECT text FROM transcript_words").fetchall()
    assert [row[0] for row in stale] == [job.id] and indexed[0][0] == "first draft"
    assert history.search_words("second") == [job.id]
    assert history.search_words("first") == []
    with history._reading() as conn:
        assert conn.execute("SELECT count(*) FROM transcript_words_stale").fetchone()[0] == 0
