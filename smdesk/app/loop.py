"""The app's asyncio loop: qasync's QEventLoop with one fix.

qasync's ``run_until_complete`` processes pending Qt events once more AFTER ``run_forever`` has
cleared the running loop. A task stepped during that pass (a socket became readable, a timer
fired) then fails with "no running event loop" as soon as it calls ``asyncio.get_running_loop()``
(aiohttp does, in ``create_task``). The app hits this at shutdown, tests on every
``run_until_complete``. Keeping the loop marked as running for that last pass fixes it.
"""

from __future__ import annotations

import asyncio
from typing import Any

import qasync


class QEventLoop(qasync.QEventLoop):  # type: ignore[misc]
    _completing = False

    def _after_run_forever(self) -> None:
        super()._after_run_forever()
        if self._completing:
            asyncio.events._set_running_loop(self)  # for qasync's trailing processEvents

    def run_until_complete(self, future: Any) -> Any:
        self._completing = True
        try:
            return super().run_until_complete(future)
        finally:
            self._completing = False
            asyncio.events._set_running_loop(None)
