"""Composition root: settings, history, secrets, controllers and the window are built here and
passed down; nothing deeper looks them up. One asyncio loop (qasync) runs on the Qt thread.

    smdesk [FILE...] [--sandbox]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from smdesk import APP_DISPLAY_NAME, APP_ID, APP_NAME, __version__
from smdesk.app.controllers.db import HistoryAccess
from smdesk.app.controllers.export_jobs import ExportController
from smdesk.app.controllers.jobs import JobsController
from smdesk.app.controllers.pipeline import RetryPolicy
from smdesk.app.controllers.preferences import PreferencesController
from smdesk.app.controllers.session import SANDBOX_ENDPOINT, Mode, SessionController
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.app.errors import error_policy, setup_logging
from smdesk.app.file_open import FileOpenForwarder
from smdesk.app.loop import QEventLoop
from smdesk.app.main_thread_gc import collect_on_the_qt_thread
from smdesk.app.widgets.inline_message import Level
from smdesk.app.windows.editing_wiring import EditingWiring
from smdesk.app.windows.export_flow import ExportFlow
from smdesk.app.windows.main_window import MainWindow
from smdesk.app.windows.playback_wiring import PlaybackParts, install_playback
from smdesk.app.windows.voice_flows import VoiceFlows
from smdesk.batch import ConnectionConfig
from smdesk.resources import resource
from smdesk.sandbox import SandboxOptions, SandboxThread
from smdesk.store.history import History, HistoryCorruptError, HistoryError
from smdesk.store.history_errors import move_aside
from smdesk.store.paths import history_path, log_dir, settings_path
from smdesk.store.secrets import (
    KeyringSecretStore,
    SecretStore,
)
from smdesk.store.settings import SettingsStore

log = logging.getLogger(__name__)

ICON_CANDIDATES = ("icons/smdesk.svg", "icons/smdesk-256.png")


def find_icon() -> QIcon | None:
    for name in ICON_CANDIDATES:
        if resource(name).is_file():
            return QIcon(str(resource(name)))
    return None


def configure_application(app: QApplication) -> None:
    """Name, icon and style. Fusion with the platform palette follows the OS light/dark scheme;
    no colours are hard-coded anywhere in the app."""
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setStyle("Fusion")
    app.setQuitOnLastWindowClosed(False)  # the close event ends the asyncio main coroutine
    icon = find_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    app.styleHints().colorSchemeChanged.connect(
        lambda scheme: log.info("Colour scheme changed to %s", scheme)
    )


@dataclass
class AppContext:
    """Everything one running app consists of; tests build it the same way main() does."""

    tasks: TaskRegistry
    prefs: PreferencesController
    db: HistoryAccess
    session: SessionController
    jobs: JobsController
    window: MainWindow
    closed: asyncio.Event = field(default_factory=asyncio.Event)
    playback: PlaybackParts | None = None  # the transcript's player (windows/playback_wiring.py)
    exports: ExportController | None = None
    voices: VoiceFlows | None = None  # known voices (windows/voice_flows.py)
    editing: EditingWiring | None = None  # the shown transcript's session (editing_wiring.py)

    async def start(self, files: Sequence[str] = (), *, sandbox: bool = False) -> None:
        # "Try without an account", once chosen, is where the app starts until a key is saved.
        remembered = self.prefs.settings.start_without_account
        await self.session.start(sandbox=sandbox or remembered)
        self.jobs.resume_unfinished()
        if files:
            self.window.add_paths(list(files))

    async def close(self) -> None:
        """Stop work without touching job phases (so the next start resumes), then release."""
        if self.editing is not None:
            await self.editing.flush()  # the last keystrokes reach the history
        await self.jobs.shutdown()
        await self.tasks.cancel_all()
        if self.exports is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.exports.close)
        await self.prefs.close()
        await self.session.close()
        await asyncio.get_running_loop().run_in_executor(None, self.db.close)
        self.window.deleteLater()


def build_context(
    *,
    secret_store: SecretStore | None = None,
    keyring_missing: bool = False,
    sandbox_options: SandboxOptions | None = None,
    policy: RetryPolicy | None = None,
    conn_config: ConnectionConfig | None = None,
) -> AppContext:
    """Builds the app from the settings and history under ``store.paths`` (SMDESK_HOME)."""
    app = QApplication.instance()
    if app is not None:
        collect_on_the_qt_thread(app)  # Qt objects must never be freed on a worker thread
    tasks = TaskRegistry(
        on_failure=lambda exc: error_policy.excepthook(type(exc), exc, exc.__traceback__)
    )
    prefs = PreferencesController(SettingsStore(settings_path()))
    history, history_notice = open_history(history_path())
    db = HistoryAccess(history)
    # The keyring is probed (blocking, D-Bus) by SessionController.start() in an executor; a
    # missing backend switches to a this-session-only store and says so.
    session = SessionController(
        secret_store if secret_store is not None else KeyringSecretStore(),
        prefs.settings.endpoint, keyring_missing=keyring_missing,
        sandbox_options=sandbox_options, conn_config=conn_config,
    )

    def upload_allowed(endpoint: str) -> bool:
        # the sandbox runs on this computer: nothing leaves it, so no notice is needed
        return endpoint == SANDBOX_ENDPOINT or prefs.settings.privacy_notice_accepted

    jobs = JobsController(
        db, session, concurrency=prefs.settings.concurrency,
        delete_after_download=prefs.settings.delete_after_download,
        upload_allowed=upload_allowed, policy=policy, tasks=tasks,
    )
    window = MainWindow(jobs, session, prefs, tasks, icon=find_icon())
    exports = ExportController(db, prefs, tasks, jobs)
    ExportFlow(window, exports)  # the window's Export action; parented to the window
    context = AppContext(tasks, prefs, db, session, jobs, window, exports=exports)
    context.playback = install_playback(window, db, tasks, prefs, jobs)
    context.voices = VoiceFlows(window, window.acts, window.pane, window.notices, db, tasks)
    context.editing = EditingWiring(window, db, tasks, jobs,
                                    on_edit=context.playback.playback.transcript_edited)
    window.closed.connect(context.closed.set)
    error_policy.set_sink(lambda text: window.notices.show_lines([text], Level.ERROR))
    if history_notice:
        window.notices.show_lines([history_notice], Level.WARNING)
    return context


def open_history(path: Path) -> tuple[History, str | None]:
    """Open the job history; a damaged file is moved aside (kept for recovery) and a new one
    started, with a sentence saying so. Other HistoryErrors (newer version, unwritable) raise."""
    try:
        return History.open(path), None
    except HistoryCorruptError:
        moved = move_aside(path)
        log.error("History %s was damaged; moved to %s", path, moved)
        notice = (f"The job history was damaged, so smdesk started a new one; the old file was "
                  f"kept as {moved}.")
        return History.open(path), notice


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="smdesk", description="Transcribe recordings with "
                                     "Speechmatics. Files given here are queued at start.")
    parser.add_argument("files", nargs="*", metavar="FILE", help="audio/video files or folders")
    parser.add_argument("--sandbox", action="store_true",
                        help="start with the built-in sandbox (nothing leaves this computer)")
    return parser.parse_args(list(argv))


async def run_gui(args: argparse.Namespace) -> int:
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(error_policy.loop_exception_handler)
    context = build_context()
    opened = FileOpenForwarder(context.window.add_paths, context.window)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(opened)
    context.window.show()
    await context.start(args.files, sandbox=args.sandbox)
    opened.ready()
    if context.session.mode is Mode.SANDBOX and context.session.sandbox is not None:
        log.info("Started in sandbox mode at %s", context.session.sandbox.url)
    await context.closed.wait()
    if app is not None:
        app.removeEventFilter(opened)
    await context.close()
    return 0


def check_history() -> str | None:
    """None if the history can be used, else the sentence to show before giving up."""
    try:
        History.open(history_path()).close()
    except HistoryCorruptError:
        return None  # build_context moves it aside and says so
    except HistoryError as exc:
        return str(exc)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    assert isinstance(app, QApplication)
    configure_application(app)
    log_path = setup_logging(log_dir())
    log.info("smdesk %s starting; log file %s", __version__, log_path)
    problem = check_history()
    if problem is not None:  # before the asyncio loop exists, so a modal box is fine here
        log.error("Cannot start: %s", problem)
        QMessageBox.critical(None, APP_DISPLAY_NAME, problem)
        return 1
    error_policy.install()
    try:
        with asyncio.Runner(loop_factory=lambda: QEventLoop(app)) as runner:
            return runner.run(run_gui(args))
    finally:
        error_policy.uninstall()


__all__ = ["AppContext", "SandboxThread", "build_context", "main"]
