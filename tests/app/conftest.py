"""App test harness: the REAL window and controllers against a sandbox on real loopback HTTP.

Async approach (one for the whole app suite): each test gets a fresh ``qasync.QEventLoop`` on the
pytest-qt ``qapp``, set as the current loop. Tests are plain sync functions that call
``loop.run_until_complete(scenario())`` (via ``run``) and use ``wait_until`` inside scenarios.
At teardown every app context is closed, leftover tasks are cancelled and awaited, the sandbox
threads are stopped, and any unhandled exception seen by the loop (or by a background task)
fails the test.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
import dataclasses
import shutil
import warnings
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from smdesk.app.controllers.pipeline import RetryPolicy
from smdesk.app.controllers.session import ENV_URL
from smdesk.app.errors import error_policy
from smdesk.app.loop import QEventLoop
from smdesk.app.main import AppContext, build_context
from smdesk.app.main_thread_gc import collect_on_the_qt_thread
from smdesk.batch import ConnectionConfig
from smdesk.sandbox import SandboxOptions, SandboxThread
from smdesk.sandbox.sample import SAMPLE_AUDIO
from smdesk.store.paths import settings_path
from smdesk.store.secrets import MemorySecretStore, SecretStore
from smdesk.store.settings import SettingsStore

T = TypeVar("T")
SANDBOX_KEY = "sandbox-key"
FAST_POLICY = RetryPolicy(upload_delays=(0.1, 0.2, 0.3), poll_min=0.05, poll_max=0.2,
                          poll_failures=6, download_attempts=5, long_poll=2,
                          orphan_patience=1.0, orphan_interval=0.2)
FAST_CONNECTION = ConnectionConfig(max_retries=2, retry_base_delay=0.01, retry_max_delay=0.05,
                                   connect_timeout=5.0, operation_timeout=30.0)
DEFAULT_TIMEOUT = 20.0


@pytest.fixture(autouse=True)
def smdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test has its own settings, history and logs, and no key from the environment."""
    home = tmp_path / "home"
    monkeypatch.setenv("SMDESK_HOME", str(home))
    for name in ("SPEECHMATICS_API_KEY", ENV_URL):
        monkeypatch.delenv(name, raising=False)
    return home


class HarnessLoop(QEventLoop):
    """pytest-qt processes Qt events between test phases, and with qasync that steps asyncio
    tasks too. So the loop stays marked as running for the whole test: a job task stepped there
    behaves as in the app instead of failing with "no running event loop"."""

    def run_until_complete(self, future: Any) -> Any:
        try:
            return super().run_until_complete(future)
        finally:
            asyncio.events._set_running_loop(self)


@pytest.fixture
def loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    collect_on_the_qt_thread(qapp)  # as main() does: Qt objects are never freed on a worker
    event_loop = HarnessLoop(qapp)
    asyncio.set_event_loop(event_loop)
    asyncio.events._set_running_loop(event_loop)
    problems: list[str] = []

    def handler(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if not isinstance(exc, asyncio.CancelledError):
            problems.append(f"{context.get('message')}: {exc!r}")

    event_loop.set_exception_handler(handler)
    error_policy.set_sink(lambda text: problems.append(f"error shown to the user: {text}"))
    yield event_loop
    pending = [t for t in asyncio.all_tasks(event_loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        event_loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    event_loop.run_until_complete(event_loop.shutdown_default_executor())
    asyncio.events._set_running_loop(None)
    event_loop.close()
    asyncio.set_event_loop(None)
    error_policy.set_sink(None)
    if problems:
        pytest.fail("unhandled errors in the event loop: " + "; ".join(problems))


def run(loop: asyncio.AbstractEventLoop, coro: Coroutine[Any, Any, T],
        timeout: float = DEFAULT_TIMEOUT) -> T:
    return loop.run_until_complete(asyncio.wait_for(coro, timeout))


async def wait_until(predicate: Callable[[], Any], timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109
                     what: str = "condition") -> Any:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.02)


@pytest.fixture
def make_sandbox() -> Iterator[Callable[..., SandboxThread]]:
    """Start sandboxes on their own threads (stopped at teardown)."""
    threads: list[SandboxThread] = []

    def make(**overrides: Any) -> SandboxThread:
        options = SandboxOptions(api_key=SANDBOX_KEY, processing_seconds=0.2)
        thread = SandboxThread(options, **overrides)
        thread.start()
        threads.append(thread)
        return thread

    yield make
    for thread in threads:
        thread.stop()


@pytest.fixture
def sandbox(make_sandbox: Callable[..., SandboxThread]) -> SandboxThread:
    return make_sandbox()


@pytest.fixture
def audio(tmp_path: Path) -> Callable[..., Path]:
    """The bundled sample interview under any name. The first file is the exact sample (the
    sandbox returns its true words); later ones get a few unique trailing bytes, so they are
    different recordings to the app's duplicate check (the sandbox invents their words)."""
    folder = tmp_path / "audio"
    folder.mkdir(exist_ok=True)
    made: list[Path] = []

    def make(name: str = "interview.ogg", *, same_as_sample: bool = False) -> Path:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLE_AUDIO, target)
        if made and not same_as_sample:
            with target.open("ab") as f:
                f.write(f"smdesk-test-{len(made)}".encode())
        made.append(target)
        return target

    return make


def write_settings(**changes: Any) -> None:
    """Change settings the way a previous run would have left them (other fields kept).

    Unless a test says otherwise, added files are queued at once with the options last used
    (the user's "don't ask" choice), so tests that are not about the "New transcription" sheet
    need not answer it; tests/app/test_new_transcription.py turns it back on.
    """
    store = SettingsStore(settings_path())
    changes.setdefault("ask_options_on_add", False)
    store.save(dataclasses.replace(store.load(), **changes))


class AppFactory:
    """Builds app contexts the way main() does; closes all of them at teardown."""

    def __init__(self, loop: asyncio.AbstractEventLoop, monkeypatch: pytest.MonkeyPatch) -> None:
        self.loop = loop
        self.monkeypatch = monkeypatch
        self.contexts: list[AppContext] = []
        self.failures: list[BaseException] = []

    def account(self, sandbox: SandboxThread, *, key: str = SANDBOX_KEY,
                secret_store: SecretStore | None = None, privacy_accepted: bool = True,
                **settings: Any) -> AppContext:
        """App talking to the sandbox as if it were Speechmatics (custom URL + API key)."""
        self.monkeypatch.setenv(ENV_URL, sandbox.url)
        write_settings(privacy_notice_accepted=privacy_accepted, **settings)
        store = secret_store if secret_store is not None else MemorySecretStore(key)
        ctx = self._build(store)
        run(self.loop, ctx.start())
        return ctx

    def fresh(self, *, url: str | None = None, secret_store: SecretStore | None = None,
              **settings: Any) -> AppContext:
        """First start: no key anywhere (the API key dialog opens)."""
        if url is not None:
            self.monkeypatch.setenv(ENV_URL, url)
        write_settings(privacy_notice_accepted=True, **settings)
        ctx = self._build(secret_store if secret_store is not None else MemorySecretStore())
        run(self.loop, ctx.start())
        return ctx

    def sandbox_mode(self, sandbox: SandboxThread, **settings: Any) -> AppContext:
        """App in "Try without an account" mode, using the test's sandbox thread."""
        write_settings(**settings)
        ctx = self._build(MemorySecretStore())
        ctx.session.attach_sandbox(sandbox, sandbox.sandbox.options)
        ctx.jobs.resume_unfinished()
        return ctx

    def _build(self, store: SecretStore) -> AppContext:
        ctx = build_context(secret_store=store, policy=FAST_POLICY, conn_config=FAST_CONNECTION)
        ctx.tasks._on_failure = self.failures.append  # a crashed task fails the test
        ctx.window.show()
        self.contexts.append(ctx)
        return ctx

    def close(self, ctx: AppContext) -> None:
        """Quit the app: stop tasks without changing phases, close the history."""
        if ctx in self.contexts:
            self.contexts.remove(ctx)
            ctx.window.close()
            run(self.loop, ctx.close())


@pytest.fixture
def apps(loop: asyncio.AbstractEventLoop, monkeypatch: pytest.MonkeyPatch,
         qapp: QApplication) -> Iterator[AppFactory]:
    factory = AppFactory(loop, monkeypatch)
    yield factory
    for ctx in list(factory.contexts):
        factory.close(ctx)
    if factory.failures:
        pytest.fail(f"background task failed: {factory.failures!r}")


def drop_files(target: QWidget, paths: list[Path]) -> None:
    """A real drag-and-drop as Qt delivers it: enter, then drop, with file URLs."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(target.rect().center())
    actions = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():  # PySide6 marks the only QDragEnterEvent overload deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(pos.toPoint(), actions, mime, buttons, mods)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted(), "the drop target refused the drag"
    drop = QDropEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted(), "the drop target refused the drop"
