from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from smdesk.store.atomic import AtomicWriteError, atomic_write_bytes, atomic_write_text


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_writes_new_file_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write_text(target, "héllo\nwörld\n")
    assert target.read_text(encoding="utf-8") == "héllo\nwörld\n"
    assert leftovers(tmp_path) == []


def test_replaces_existing_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.srt"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write_bytes(target, b"new content")
    assert target.read_bytes() == b"new content"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_new_file_gets_normal_permissions_not_temp_file_ones(tmp_path: Path) -> None:
    target = tmp_path / "export.txt"
    atomic_write_text(target, "x")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_encoding_failure_leaves_old_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(target, "lone surrogate \ud800")
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_failure_while_writing_removes_temp_file_and_keeps_old(tmp_path: Path) -> None:
    target = tmp_path / "data.bin"
    target.write_bytes(b"old")
    not_bytes: object = 12345  # the temp file exists when write() rejects this
    with pytest.raises(TypeError):
        atomic_write_bytes(target, not_bytes)  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_failing_rename_removes_temp_file_and_explains(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()  # os.replace cannot put a file over a directory
    with pytest.raises(AtomicWriteError) as caught:
        atomic_write_text(target, "x")
    assert isinstance(caught.value, OSError)
    assert str(target) in str(caught.value)
    assert "folder with that name" in str(caught.value)
    assert target.is_dir() and leftovers(tmp_path) == []


def test_missing_directory_gives_one_clear_sentence(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.txt"
    with pytest.raises(AtomicWriteError) as caught:
        atomic_write_text(target, "x")
    message = str(caught.value)
    assert message.startswith(f"Cannot save {target}")
    assert "does not exist" in message and "\n" not in message
    assert caught.value.path == target
    assert not target.parent.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_directory_gives_permission_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "out.txt").write_text("old")
    folder.chmod(0o500)
    try:
        with pytest.raises(AtomicWriteError, match="no permission to write"):
            atomic_write_text(folder / "out.txt", "new")
        assert (folder / "out.txt").read_text() == "old"
    finally:
        folder.chmod(0o700)


def test_crash_before_rename_leaves_old_content(tmp_path: Path) -> None:
    # A process that dies after writing the temp file but before the rename (power cut, kill):
    # the target still holds the complete old content.
    target = tmp_path / "settings.json"
    target.write_text('{"old": true}')
    script = (
        "import os, sys\n"
        "from smdesk.store import atomic\n"
        "atomic.os.replace = lambda *a: os._exit(3)\n"
        "atomic.atomic_write_text(sys.argv[1], '{\"new\": true}' * 1000)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(target)], check=False)
    assert result.returncode == 3
    assert target.read_text() == '{"old": true}'


def test_permission_denied_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Running as root ignores permission bits, so the OS refusal is simulated at the stdlib edge.
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    with pytest.raises(AtomicWriteError) as caught:
        atomic_write_text(tmp_path / "out.txt", "x")
    assert str(caught.value) == (
        f"Cannot save {tmp_path / 'out.txt'}: there is no permission to write in {tmp_path}; "
        "choose another folder or fix its permissions."
    )
    assert caught.value.errno == errno.EACCES


def test_disk_full_mid_write_keeps_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "transcript.txt"
    target.write_text("old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(AtomicWriteError, match="the disk is full"):
        atomic_write_text(target, "new" * 10_000)
    monkeypatch.undo()
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []
