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


def test_a_failed_set_leaves_every_file_that_was_there_as_it_was(tmp_path: Path) -> None:
    from smdesk.store.atomic import AtomicWriteError
    from smdesk.store.exports import write_files

    (tmp_path / "talk.txt").write_text("the version handed over", encoding="utf-8")
    (tmp_path / "talk.srt").mkdir()  # a folder in the way of the second file
    try:
        write_files(tmp_path, {"talk.txt": b"new", "talk.srt": b"1\n"})
    except AtomicWriteError as exc:
        assert "talk.srt" in str(exc) and "folder" in str(exc)
    else:
        raise AssertionError("a folder in the way must refuse the set")
    # Before: the first file was replaced, then removed again to undo the set: lost.
    assert (tmp_path / "talk.txt").read_text(encoding="utf-8") == "the version handed over"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk.srt", "talk.txt"]  # no temp left


def test_a_whole_set_is_written(tmp_path: Path) -> None:
    from smdesk.store.exports import write_files

    (tmp_path / "talk.txt").write_text("old", encoding="utf-8")
    paths = write_files(tmp_path / "out", {"talk.txt": b"a", "talk.srt": b"b"})
    assert [p.read_bytes() for p in paths] == [b"a", b"b"]
    assert write_files(tmp_path, {"talk.txt": b"new"})[0].read_bytes() == b"new"
