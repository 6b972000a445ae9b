"""Open the real app against its built-in sandbox, run the bundled sample interview to done,
and save a screenshot of the main window. Used by packaging/screenshot.sh (under Xvfb).

    python packaging/screenshot.py [OUTPUT.png]
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

# A fresh, private home: the screenshot never shows (or touches) the user's own jobs.
os.environ["SMDESK_HOME"] = tempfile.mkdtemp(prefix="smdesk-screenshot-")

from smdesk.app.loop import QEventLoop
from smdesk.app.main import build_context, configure_application
from smdesk.sandbox import SandboxOptions
from smdesk.sandbox.sample import SAMPLE_AUDIO
from smdesk.store.history import Phase


async def wait_for(predicate, limit: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("the sample job did not finish in time")
        await asyncio.sleep(0.05)


def show_editing(window, session) -> None:  # type: ignore[no-untyped-def]
    """The editor as a reviewer uses it: a renamed speaker, the next word to check selected."""
    transcript = session.transcript
    speakers = [s for s in transcript.speakers() if s != "UU"]
    if speakers:
        session.rename_speaker(speakers[0], "Maria Lopez")
    window.pane.set_threshold(0.9)  # the sample is clear speech: show what marking looks like
    window.pane.next_uncertain()


async def shoot(output: Path) -> None:
    context = build_context(sandbox_options=SandboxOptions(processing_seconds=1.0))
    window = context.window
    window.resize(1280, 820)
    window.show()
    await context.start(sandbox=True)
    flows = window.options_flows  # what the "New transcription" sheet queues on Start
    flows.queue([str(SAMPLE_AUDIO)], flows.last_used())
    jobs = context.jobs
    await wait_for(lambda: jobs.views() and jobs.views()[0].record.phase is Phase.DONE)
    await wait_for(lambda: window.pane.transcript() is not None)
    window.queue.select_job(jobs.views()[0].id)
    await wait_for(lambda: context.editing is not None and context.editing.session is not None)
    show_editing(window, context.editing.session)
    await asyncio.sleep(0.8)  # let the layout settle and paint
    window.grab().save(str(output))
    print(output)
    window.close()
    await context.close()


def main() -> int:
    output = Path(sys.argv[1] if len(sys.argv) > 1 else "packaging/screenshot.png").absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    configure_application(app)
    with asyncio.Runner(loop_factory=lambda: QEventLoop(app)) as runner:
        runner.run(shoot(output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
