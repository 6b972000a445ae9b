"""Closing a bench's qasync loop the way the app's asyncio.Runner does.

The default executor's QThreads are joined first: a QThread still running when the process
exits makes Qt abort it ("QThread: Destroyed while thread is still running"), which turned a
finished benchmark's exit status into 134.
"""

from __future__ import annotations

import asyncio


def close_loop(loop: asyncio.AbstractEventLoop) -> None:
    loop.run_until_complete(loop.shutdown_default_executor())
    loop.close()
