"""A person's walk through the real app under Xvfb, against a sandbox on loopback, saving a
screenshot at each step (look at them) and printing what the queue says.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" \
        .venv/bin/python packaging/qa/walkthrough.py [OUTPUT_DIR]      (default /tmp/smdesk-qa)

Steps: first start without a key (invalid key, then a real one), files and a folder with
things Speechmatics refuses, options (auto language, two translations, summary, vocabulary),
review of the transcript (next word to check, typing over it, a renamed speaker, find and
replace, the Changes list and reverting one change, undo), a rejected job and Retry, a 503 on
submit, a cancel, exports, a 1024x700 window, a restart while a job is transcribing (no second
upload).
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["SMDESK_HOME"] = tempfile.mkdtemp(prefix="smdesk-qa-")

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from smdesk.app.loop import QEventLoop
from smdesk.app.main import AppContext, build_context, configure_application
from smdesk.app.windows.export_flow import ExportFlow
from smdesk.core.export import SRT, TXT
from smdesk.core.options import JobOptions, SummaryOptions, VocabEntry
from smdesk.sandbox import SandboxOptions, SandboxThread
from smdesk.sandbox.sample import SAMPLE_AUDIO
from smdesk.store.history import Phase
from smdesk.store.paths import settings_path
from smdesk.store.secrets import MemorySecretStore
from smdesk.store.settings import SettingsStore

KEY = "sandbox-key"
OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/smdesk-qa").absolute()
FILES = Path(tempfile.mkdtemp(prefix="smdesk-qa-files-"))


def shot(name: str) -> None:
    """The whole screen, so dialogs over the window are in the picture."""
    QApplication.primaryScreen().grabWindow(0).save(str(OUT / name))
    print("saved", OUT / name)


def rows(ctx: AppContext) -> list[list[str]]:
    model = ctx.window.model
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


async def wait_for(predicate: Callable[[], Any], limit: float = 60.0) -> Any:
    deadline = asyncio.get_running_loop().time() + limit
    while not (value := predicate()):
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("waited too long")
        await asyncio.sleep(0.05)
    return value


def copy_sample(name: str, tail: bytes = b"") -> Path:
    """The sample under another name; a different tail makes it a different recording."""
    path = FILES / name
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLE_AUDIO, path)
    if tail:
        with path.open("ab") as f:
            f.write(tail)
    return path


def all_final(ctx: AppContext) -> bool:
    return all(v.record.phase.is_final for v in ctx.jobs.views())


async def open_app(size: tuple[int, int] = (1280, 820), key: str | None = None) -> AppContext:
    """A new app on the same history and settings; ``key`` as if saved in the keyring."""
    ctx = build_context(secret_store=MemorySecretStore(key))
    ctx.window.resize(*size)
    ctx.window.show()
    await ctx.start()
    return ctx


async def first_start_and_options(sandbox: SandboxThread) -> None:
    ctx = await open_app()
    await asyncio.sleep(0.5)
    shot("01_first_start.png")
    dialog = ctx.window.flows.key_dialog
    assert dialog is not None
    dialog.key_field.setText("wrong-key")
    dialog.save_button.click()
    await wait_for(lambda: dialog.error_text())
    shot("02_invalid_key.png")
    dialog.key_field.setText(KEY)
    dialog.save_button.click()
    await wait_for(lambda: ctx.window.flows.key_dialog is None)

    folder = FILES / "Interviews"
    copy_sample("Interviews/mayor interview.ogg")
    (folder / "notes.docx").write_bytes(b"PK not audio")
    (folder / "empty.mp3").write_bytes(b"")
    (FILES / "readme.txt").write_text("hello")
    ctx.window.add_paths([str(folder), str(FILES / "readme.txt")])
    sheet = await wait_for(lambda: ctx.window.options_flows.sheet)
    sheet.panel.set_options(JobOptions(
        language="auto", translation_targets=["es", "fr"], summary=SummaryOptions(),
        vocab=[VocabEntry("Gnocchi", ["nyohky"]), VocabEntry("Speechmatics")]))
    await asyncio.sleep(0.5)
    shot("03_new_transcription_sheet.png")
    sheet.ask_checkbox.setChecked(False)  # the later steps' files queue at once
    sheet.ok_button.click()
    await asyncio.sleep(1.0)
    shot("03_refusals_and_options.png")
    await wait_for(lambda: ctx.jobs.views() and all_final(ctx))
    await wait_for(lambda: ctx.window.pane.transcript() is not None)
    print("tabs:", ctx.window.pane.tab_titles())
    shot("04_done.png")
    await review_the_transcript(ctx)
    chosen: list[str] = []
    flow = ctx.window.findChild(ExportFlow)  # File ▸ Export as text / subtitles

    def choose(_title: str, default: str, _filter: str, then: Callable[[str], object]) -> None:
        chosen.append(default)
        then(default)

    flow.quick.choose_save_path = choose
    flow.quick_export(TXT)
    flow.quick_export(SRT)
    for path in (Path(p) for p in chosen):
        print("exported", path, "\n", path.read_text()[:300] if path else "")
    ctx.window.close()
    await ctx.close()


async def review_the_transcript(ctx: AppContext) -> None:
    """The editor as a reviewer uses it: next word to check, a typed correction, a renamed
    speaker, find and replace, the Changes list (revert the correction, undo that), undo."""
    pane = ctx.window.pane
    await wait_for(lambda: ctx.editing is not None and ctx.editing.session is not None)
    session = ctx.editing.session
    pane.set_threshold(0.9)
    index = pane.next_uncertain()
    print("words to check:", pane.review_bar.count.text(), "| first:", pane.word_label.text())
    view = pane.transcript_view()
    assert view is not None and index is not None
    QTest.keyClicks(view, "AND")  # types over the selected word to check
    view.flush_edits()
    print("typed over it:", session.transcript.words[index].text, "| undo:",
          ctx.window.acts.undo.text())
    speaker = session.transcript.words[index].speaker
    session.rename_speaker(speaker, "Maria Lopez")
    pane.replace()
    pane.find_bar.field.setText("the")
    print("find 'the':", pane.match_status())
    await wait_for(lambda: len(pane.changes.lines()) >= 2 and pane.changes.isVisible(), 10)
    print("changes:", " | ".join(pane.changes.lines()))
    await asyncio.sleep(0.5)
    shot("05_review_edit_rename_find.png")
    typed = next(d for d in pane.changes.differences() if d.first <= index <= d.last)
    pane.changes_flow.revert([typed])  # the Changes list's Revert on the typed word
    print("reverted from the Changes list:", session.transcript.words[index].text, "| undo:",
          ctx.window.acts.undo.text())
    ctx.window.acts.undo.trigger()  # the revert
    ctx.window.acts.undo.trigger()  # the rename
    ctx.window.acts.undo.trigger()  # the typing
    print("after two undos:", session.transcript.words[index].text)
    pane.find_bar.close_bar()


async def faults_small_window_and_restart(sandbox: SandboxThread) -> None:
    ctx = await open_app((1024, 700), KEY)
    faults = sandbox.sandbox.faults
    faults.reject_next_jobs(1, "The audio file could not be decoded.")
    ctx.window.add_paths([str(copy_sample("Council meeting 2026-11-24 full recording.ogg", b"a"))])
    await wait_for(lambda: ctx.jobs.views() and ctx.jobs.views()[0].record.phase is Phase.FAILED)
    shot("10_failed_1024.png")
    faults.fail_next("submit", 1, 503)
    ctx.window.add_paths([str(copy_sample(n, n.encode())) for n in ("b.ogg", "c.ogg", "d.ogg")])
    await asyncio.sleep(2.5)
    shot("11_transcribing_1024.png")
    print(*rows(ctx), sep="\n")
    cancel = next(v.id for v in ctx.jobs.views() if v.record.file_name == "c.ogg")
    ctx.window.queue.select_job(cancel)
    ctx.window.queue.btn_cancel.click()
    failed = next(v.id for v in ctx.jobs.views() if v.record.phase is Phase.FAILED)
    ctx.window.queue.select_job(failed)
    ctx.window.queue.btn_retry.click()
    await asyncio.sleep(1.0)
    shot("12_cancel_and_retry_1024.png")
    await wait_for(lambda: all_final(ctx))
    print(*rows(ctx), sep="\n")

    uploads = sandbox.sandbox.stats.uploads
    ctx.window.add_paths([str(copy_sample("podcast.ogg", b"p"))])
    await wait_for(lambda: ctx.jobs.views()[0].record.phase is Phase.TRANSCRIBING)
    ctx.window.close()
    await ctx.close()
    ctx = await open_app((1024, 700), KEY)
    await asyncio.sleep(0.5)
    shot("13_restarted_1024.png")
    print("after restart:", rows(ctx)[0], "|", ctx.window.notices.text())
    await wait_for(lambda: all_final(ctx))
    print("uploads for the restarted job:", sandbox.sandbox.stats.uploads - uploads)
    ctx.window.close()
    await ctx.close()


async def walk() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    sandbox = SandboxThread(SandboxOptions(api_key=KEY, processing_seconds=6.0)).start()
    os.environ["SPEECHMATICS_BATCH_URL"] = sandbox.url
    store = SettingsStore(settings_path())
    store.save(dataclasses.replace(store.load(), privacy_notice_accepted=True))
    try:
        await first_start_and_options(sandbox)
        await faults_small_window_and_restart(sandbox)
    finally:
        sandbox.stop()


def main() -> int:
    app = QApplication(sys.argv[:1])
    configure_application(app)
    with asyncio.Runner(loop_factory=lambda: QEventLoop(app)) as runner:
        runner.run(walk())
    return 0


if __name__ == "__main__":
    sys.exit(main())
