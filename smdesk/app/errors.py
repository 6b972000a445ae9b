"""Logging setup and the app's single error policy.

One rotating log file in ``store.paths.log_dir()``, a filter that blanks API keys wherever they
appear, one ``sys.excepthook`` and one asyncio loop exception handler. Both log the traceback
and hand a one-sentence message (smdesk.app.messages) to whatever the window registered, so an
unexpected error is visible but never modal.
"""

from __future__ import annotations

import asyncio
import logging
import logging.handlers
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from smdesk.app.messages import user_message

log = logging.getLogger("smdesk.app")

LOG_FILE_NAME = "smdesk.log"
_BEARER = re.compile(r"(Bearer\s+)[^\s'\"]+", re.IGNORECASE)
_REDACTED = "[redacted]"


class SecretRedactingFilter(logging.Filter):
    """Replaces registered secrets and bearer tokens in every record before it is written."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def register(self, secret: str | None) -> None:
        if secret and len(secret) >= 4:
            with self._lock:
                self._secrets.add(secret)

    def redact(self, text: str) -> str:
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        for secret in secrets:
            text = text.replace(secret, _REDACTED)
        return _BEARER.sub(r"\1" + _REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = self.redact(message)
        record.args = None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


redactor = SecretRedactingFilter()


def register_secret(secret: str | None) -> None:
    """Never let this value reach a log file (called whenever an API key enters the app)."""
    redactor.register(secret)


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Rotating file log (1 MB x 3) plus stderr for warnings; returns the log file path."""
    path = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_smdesk", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    file_handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    )
    stderr_handler = logging.StreamHandler()
    stderr_handler.setLevel(logging.WARNING)
    for handler in (file_handler, stderr_handler):
        handler.addFilter(redactor)
        setattr(handler, "_smdesk", True)  # noqa: B010 - marks our handlers for re-setup
        root.addHandler(handler)
    root.setLevel(level)
    # aiohttp's access details are noise for a desktop app.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    return path


ErrorSink = Callable[[str], None]


class ErrorPolicy:
    """Logs every unexpected exception once and shows a plain sentence through ``sink``."""

    def __init__(self) -> None:
        self._sink: ErrorSink | None = None
        self._previous_hook = sys.excepthook

    def set_sink(self, sink: ErrorSink | None) -> None:
        self._sink = sink

    def install(self) -> None:
        sys.excepthook = self.excepthook

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        log.error("Unhandled exception", exc_info=(exc_type, exc, tb))
        self._show(user_message(exc))

    def loop_exception_handler(
        self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]
    ) -> None:
        exc = context.get("exception")
        if isinstance(exc, asyncio.CancelledError):
            return
        if exc is not None:
            log.error("Unhandled error in the event loop: %s", context.get("message"),
                      exc_info=(type(exc), exc, exc.__traceback__))
            self._show(user_message(exc))
        else:
            log.error("Event loop problem: %s", context.get("message"))

    def _show(self, text: str) -> None:
        if self._sink is None:
            return
        try:
            self._sink(text)
        except Exception:  # the sink must never turn one error into a loop of them
            log.exception("Could not show an error message")


error_policy = ErrorPolicy()
