"""One bad path never costs the rest of a drop: each is judged on its own, with a sentence."""

from __future__ import annotations

import os
import shutil
import struct
from pathlib import Path

import pytest

from smdesk.app.controllers.intake import collect_media
from smdesk.sandbox.sample import SAMPLE_AUDIO
from smdesk.store.history import Phase
from tests.app.conftest import run, wait_until
from tests.sandbox.conftest import write_wav


def _hostile_drop(tmp_path: Path) -> tuple[list[str], Path]:
    """A good recording among paths that each broke the whole drop before."""
    good = Path(shutil.copy(SAMPLE_AUDIO, tmp_path / "good.ogg"))
    (tmp_path / "loop-a").symlink_to(tmp_path / "loop-b")
    (tmp_path / "loop-b").symlink_to(tmp_path / "loop-a")
    undecodable = os.fsdecode(os.fsencode(tmp_path) + b"/take\xff2.ogg")
    shutil.copy(SAMPLE_AUDIO, undecodable)
    corrupt = write_wav(tmp_path / "corrupt.wav")
    data = bytearray(corrupt.read_bytes())
    data[16:20] = struct.pack("<I", 0xFFFFFFF0)  # stdlib wave raised RuntimeError
    corrupt.write_bytes(bytes(data))
    paths = [str(tmp_path / "loop-a"), "~no-such-user-here/a.wav", undecodable, str(corrupt),
             str(good)]
    return paths, good


def test_each_path_is_judged_on_its_own(tmp_path: Path) -> None:
    paths, good = _hostile_drop(tmp_path)
    intake = collect_media(paths)
    assert [item.info.path for item in intake.accepted] == [good]
    assert len(intake.refused) == 4, intake.refused
    loop, home, name, corrupt = intake.refused
    assert "loop-a" in loop and "points back to itself" in loop
    assert "~no-such-user-here/a.wav" in home and "does not exist" in home
    assert "take\ufffd2.ogg" in name and "UTF-8" in name
    assert "corrupt.wav" in corrupt and "cannot be read" in corrupt
    for sentence in intake.refused:
        assert sentence.endswith(".") and "\n" not in sentence


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders without permission anyway")
def test_a_folder_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(SAMPLE_AUDIO, locked / "in.ogg")
    locked.chmod(0)
    try:
        intake = collect_media([str(locked)])
    finally:
        locked.chmod(0o755)
    assert not intake.accepted
    assert any("locked" in line and "permission" in line.lower() for line in intake.refused)


def test_the_app_queues_the_good_file_of_a_hostile_drop(apps, sandbox, loop, tmp_path):
    paths, good = _hostile_drop(tmp_path)
    ctx = apps.account(sandbox)
    ctx.window.add_paths(paths)
    view = run(loop, wait_until(lambda: ctx.jobs.views() and ctx.jobs.views()[0]))
    assert [v.record.file_name for v in ctx.jobs.views()] == [good.name]
    run(loop, wait_until(lambda: "points back to itself" in ctx.window.notices.text()))
    notices = ctx.window.notices.text()
    assert "UTF-8" in notices and "corrupt.wav" in notices
    assert "Something unexpected" not in notices
    run(loop, wait_until(lambda: ctx.jobs.view(view.id).record.phase is Phase.DONE), timeout=30)


def test_a_hostile_drop_through_the_options_sheet(apps, sandbox, loop, tmp_path):
    """The sheet shown on every drop looked at each path too ("~user" raised RuntimeError)."""
    paths, good = _hostile_drop(tmp_path)
    ctx = apps.account(sandbox, ask_options_on_add=True)
    ctx.window.add_paths(paths)
    sheet = run(loop, wait_until(lambda: ctx.window.options_flows.sheet, what="the sheet"))
    sheet.ok_button.click()
    run(loop, wait_until(lambda: ctx.jobs.views(), what="the good file queued"))
    assert [v.record.file_name for v in ctx.jobs.views()] == [good.name]
