"""Writing export files: an unasked (automatic) export never takes a name already used."""

from __future__ import annotations

from pathlib import Path

from smdesk.store.exports import unused_names


def test_free_names_are_kept_as_they_are(tmp_path: Path) -> None:
    files = {"talk.srt": b"1", "talk.es.srt": b"2"}
    assert unused_names(tmp_path / "not yet", files, "talk") == files


def test_a_taken_name_moves_the_whole_set_to_the_next_free_number(tmp_path: Path) -> None:
    (tmp_path / "talk.es.srt").write_bytes(b"mine")
    (tmp_path / "talk (2).srt").write_bytes(b"mine too")
    files = {"talk.srt": b"1", "talk.es.srt": b"2"}
    assert unused_names(tmp_path, files, "talk") == {"talk (3).srt": b"1", "talk (3).es.srt": b"2"}
