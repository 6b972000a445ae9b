"""Opening a stored transcript from its kept parsed form (store.transcript_cache): used only while
it matches the stored text, replaced when damaged, filled for older history files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from smdesk.core import edits
from smdesk.core.transcript import Transcript
from smdesk.store.history import History
from smdesk.store.schema import SCHEMA_VERSION
from tests.core.factories import document, make_json_v2, punct, word
from tests.core.same_transcript import assert_same


def finished(history: History, text: str) -> int:
    job = history.add(source_path="/home/me/talk.mp3", size=9, fingerprint="f" * 64,
                      duration=60.0, options_json="{}", endpoint="eu1")
    history.begin_upload(job.id)
    history.set_remote_id(job.id, "r1")
    history.save_transcript(job.id, text)
    return job.id


def opened(history: History, job_id: int, *, original: bool = False,
           from_cache: bool) -> Transcript:
    """Open as the app does (then keep the parsed form); check where it came from."""
    found = history.open_transcript(job_id, original)
    assert found is not None
    assert (found.keep is None) == from_cache
    if found.keep is not None:
        found.keep()
    return found.transcript


def cache_rows(history: History) -> list[tuple[int, str, int]]:
    with history._reading() as conn:
        rows = conn.execute("SELECT job_id, copy, revision FROM word_caches ORDER BY copy")
        return [tuple(row) for row in rows]


def text_of(words: int, seed: int = 3) -> str:
    return json.dumps(make_json_v2(words, seed=seed, translations=True))


def test_the_second_open_comes_from_the_cache_and_is_the_same(history: History) -> None:
    text = text_of(300)
    job = finished(history, text)
    first = opened(history, job, from_cache=False)
    assert cache_rows(history) == [(job, "original", 0)]
    again = opened(history, job, from_cache=True)
    assert_same(again, Transcript.from_json_text(text))
    assert_same(first, again)


def test_an_edited_copy_gets_its_own_cache_and_the_original_keeps_its_own(
        history: History) -> None:
    original, edited = text_of(200), text_of(210, seed=4)
    job = finished(history, original)
    opened(history, job, from_cache=False)
    history.save_edits(job, edited, revision=1)
    assert_same(opened(history, job, from_cache=False), Transcript.from_json_text(edited))
    assert cache_rows(history) == [(job, "edited", 1), (job, "original", 0)]
    assert_same(opened(history, job, from_cache=True), Transcript.from_json_text(edited))
    assert_same(opened(history, job, original=True, from_cache=True),
                Transcript.from_json_text(original))

    newer = text_of(190, seed=5)
    history.save_edits(job, newer, revision=2)  # autosave: that copy's cache is stale now
    assert cache_rows(history) == [(job, "original", 0)]
    assert_same(opened(history, job, from_cache=False), Transcript.from_json_text(newer))
    history.revert_to_original(job, revision=3)
    assert cache_rows(history) == [(job, "original", 0)]
    assert_same(opened(history, job, from_cache=True), Transcript.from_json_text(original))


def test_text_written_by_anyone_drops_the_cache_of_that_copy(history: History) -> None:
    job = finished(history, text_of(100))
    opened(history, job, from_cache=False)
    replaced = text_of(120, seed=9)
    with history._writing() as conn:  # not through History: the database itself must notice
        conn.execute("UPDATE transcripts SET json = ? WHERE job_id = ?", (replaced, job))
    assert_same(opened(history, job, from_cache=False), Transcript.from_json_text(replaced))
    downloaded_again = text_of(80, seed=10)
    history.save_transcript(job, downloaded_again)
    assert_same(opened(history, job, from_cache=False),
                Transcript.from_json_text(downloaded_again))


def test_a_save_between_the_parse_and_its_keep_is_not_overwritten(history: History) -> None:
    original = text_of(100)
    job = finished(history, original)
    history.save_edits(job, text_of(95, seed=5), revision=1)
    found = history.open_transcript(job)
    assert found is not None and found.keep is not None
    newer = text_of(90, seed=6)
    history.save_edits(job, newer, revision=2)
    found.keep()  # made from revision 1: must not pass for revision 2's
    assert cache_rows(history) == []
    assert_same(opened(history, job, from_cache=False), Transcript.from_json_text(newer))
    found = history.open_transcript(job, original=True)
    assert found is not None and found.keep is not None
    history.save_edits(job, text_of(85, seed=7), revision=3)
    found.keep()  # the original is still the one it was made from
    assert cache_rows(history) == [(job, "original", 0)]
    assert_same(opened(history, job, original=True, from_cache=True),
                Transcript.from_json_text(original))


def test_a_damaged_cache_falls_back_to_the_text_and_is_replaced(history: History) -> None:
    text = text_of(150)
    job = finished(history, text)
    opened(history, job, from_cache=False)
    with history._writing() as conn:
        conn.execute("UPDATE word_caches SET data = substr(data, 1, length(data) / 2)")
    assert_same(opened(history, job, from_cache=False), Transcript.from_json_text(text))
    assert_same(opened(history, job, from_cache=True), Transcript.from_json_text(text))


def test_removing_a_job_removes_its_cache(history: History) -> None:
    job = finished(history, text_of(50))
    opened(history, job, from_cache=False)
    history.delete(job)
    assert cache_rows(history) == [] and history.open_transcript(job) is None


def test_a_version_6_history_is_upgraded_and_fills_its_cache_on_first_open(
        tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    text = text_of(120)
    with History.open(path) as history:
        job = finished(history, text)
    raw = sqlite3.connect(path)  # the file as the last release left it
    raw.executescript("DROP TRIGGER word_caches_original_written;"
                      "DROP TRIGGER word_caches_edited_written; DROP TABLE word_caches;"
                      "PRAGMA user_version = 6;")
    raw.close()
    with History.open(path) as history:
        assert cache_rows(history) == []
        assert_same(opened(history, job, from_cache=False), Transcript.from_json_text(text))
        assert_same(opened(history, job, from_cache=True), Transcript.from_json_text(text))
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7
    raw.close()


def test_edits_made_before_the_keep_runs_do_not_reach_the_kept_form(history: History) -> None:
    doc = document([word("one", 0.0, 0.5), word("two", 0.5, 1.0),
                    {"type": "speaker_change", "start_time": 1.0, "end_time": 1.0},
                    word("three", 1.0, 1.5), punct(".", 1.5, is_eos=True)])
    text = json.dumps(doc)
    job = finished(history, text)
    found = history.open_transcript(job)
    assert found is not None and found.keep is not None
    edits.delete_words(found.transcript, 0, 1)  # the user is quicker than the keep
    edits.rename_speaker(found.transcript, "S1", "Ana")
    found.keep()
    assert_same(opened(history, job, from_cache=True), Transcript.from_json_text(text))
