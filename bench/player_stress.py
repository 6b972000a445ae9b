"""Stress the REAL QMediaPlayer (FFmpeg backend) the way an impatient user does: rapid play,
pause, seek, skip, speed, ranges, stop and source changes on the bundled sample, offscreen.

A freeze ends the run loudly instead of hanging it: a watchdog (faulthandler's C thread, which
needs no GIL) is re-armed on every tick of the Qt event loop; if the loop stops turning for
--watchdog seconds, every Python thread's stack is printed and the process exits with status 1.
For the native side, attach gdb to the pid printed at start:
``gdb -p PID -batch -ex "thread apply all bt"``.

Modes:
  --mode player   one QtPlayer (as in the app), a random operation every 7 ms;
  --mode fresh    a new QtPlayer per cycle (load, play, seek, unload), as each test and each
                  window has one: the first renderer teardown on a new audio output is the
                  moment the freeze struck (smdesk/app/controllers/media_threads.py).
  --unsettled     skip the fix (no settle_override_lookups) to see the freeze happen.

The freeze, as gdb showed it with --mode fresh --unsettled (it struck within 0–80 cycles in
each of five runs; with the fix: none in 300 cycles):
  main thread     QMediaPlayer.stop() (GIL held) → FFmpeg plugin → QObject::disconnect →
                  QBasicMutex::lockInternal (waits for the signal-slot mutex)
  AudioRenderer   deferred delete → QObject::~QObject (holds that mutex) →
                  QAudioOutputWrapper::disconnectNotify → Sbk_GetPyOverride →
                  PyGILState_Ensure (waits for the GIL)

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/player_stress.py [--seconds 20]
        [--mode player|fresh] [--unsettled] [--video FILE] [--seed N]

Prints one line per second and a summary: operations or cycles done, the longest event-loop gap
(beyond the 7 ms tick: how long the UI could not react), and that no freeze happened.
"""

from __future__ import annotations

import argparse
import faulthandler
import gc
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QApplication

from smdesk.app.controllers import player as player_module
from smdesk.app.controllers.player import QtPlayer
from smdesk.app.main_thread_gc import collect_on_the_qt_thread
from smdesk.sandbox.sample import SAMPLE_AUDIO

TICK_MS = 7  # faster than a person, slower than a busy loop: the backend gets to react
Step = Callable[[], None]


class Driver(QObject):
    """Runs one step per tick; counts them and measures the event-loop gaps."""

    def __init__(self, steps: Iterator[tuple[str, Step]], watchdog: float,
                 seconds: float) -> None:
        super().__init__()
        self._steps, self._watchdog, self._seconds = steps, watchdog, seconds
        self.done: Counter[str] = Counter()
        self.max_gap = 0.0
        self._last = self._start = self._reported = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)

    def start(self) -> None:
        self._last = self._start = self._reported = time.monotonic()
        faulthandler.dump_traceback_later(self._watchdog, exit=True)
        self._timer.start()

    def tick(self) -> None:
        now = time.monotonic()
        self.max_gap = max(self.max_gap, now - self._last - TICK_MS / 1000)
        self._last = now
        faulthandler.dump_traceback_later(self._watchdog, exit=True)  # re-arm: we are alive
        if now - self._start >= self._seconds:
            self._timer.stop()
            faulthandler.cancel_dump_traceback_later()
            QCoreApplication.quit()
            return
        name, step = next(self._steps)
        step()
        self.done[name] += 1
        if now - self._reported >= 1.0:
            self._reported = now
            print(f"  {now - self._start:5.1f} s  {sum(self.done.values()):6d} steps  "
                  f"longest gap {self.max_gap * 1000:6.1f} ms", flush=True)


def random_steps(p: QtPlayer, sources: list[str],
                 rng: random.Random) -> Iterator[tuple[str, Step]]:
    def seek() -> None:
        p.seek(rng.randrange(0, max(1, p.duration() or 40_000)))

    steps: dict[str, Step] = {
        "play": p.play, "pause": p.pause, "toggle": p.toggle, "seek": seek,
        "skip": lambda: p.skip(rng.choice((-5, 5))),
        "rate": lambda: p.set_rate(rng.choice((0.5, 0.75, 1.0, 1.5, 2.0))),
        "range": lambda: p.play_range(rng.randrange(0, 30_000), rng.randrange(0, 40_000)),
        "volume": lambda: p.set_volume(rng.random()),
        "load": lambda: p.load(rng.choice(sources)) if rng.random() < 0.2 else None,
        "unload": lambda: p.unload() if rng.random() < 0.1 else None,
    }
    names = list(steps)
    while True:
        name = rng.choice(names)
        yield name, steps[name]


def fresh_player_cycles(sources: list[str], rng: random.Random,
                        view: QVideoWidget | None) -> Iterator[tuple[str, Step]]:
    """A new QtPlayer per cycle; a few ticks between its steps, as a user's clicks would be."""
    while True:
        p = QtPlayer()
        if view is not None:
            p.set_video_output(view)
        yield "new+load", partial(p.load, rng.choice(sources))
        yield "play", p.play
        yield "seek", partial(p.seek, rng.randrange(0, 30_000))
        yield "unload", p.unload
        yield "delete", p.deleteLater


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--mode", choices=("player", "fresh"), default="player")
    parser.add_argument("--unsettled", action="store_true", help="without the fix")
    parser.add_argument("--video", type=Path, help="a video file to play now and then")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--watchdog", type=float, default=10.0, help="seconds without a tick")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    collect_on_the_qt_thread(app)  # the app's GC regime: no automatic collection
    assert not gc.isenabled()
    if args.unsettled:
        player_module.settle_override_lookups = lambda *_objects: None  # type: ignore[attr-defined]
    rng = random.Random(args.seed)
    sources = [str(SAMPLE_AUDIO)] + ([str(args.video.absolute())] if args.video else [])
    print(f"pid {os.getpid()}  mode {args.mode}{' unsettled' if args.unsettled else ''}  "
          f"{args.seconds:.0f} s  sources {len(sources)}", flush=True)
    view = None
    if args.video:
        view = QVideoWidget()  # the picture goes somewhere, as in the app's player bar
        view.resize(160, 90)
        view.show()
    if args.mode == "player":
        player = QtPlayer()
        if view is not None:
            player.set_video_output(view)
        player.load(sources[0])
        steps = random_steps(player, sources, rng)
    else:
        steps = fresh_player_cycles(sources, rng, view)
    driver = Driver(steps, args.watchdog, args.seconds)
    QTimer.singleShot(300, driver.start)  # let the first load begin
    app.exec()
    total = sum(driver.done.values())
    cycles = f", {driver.done['unload']} players" if args.mode == "fresh" else ""
    print(f"player stress ({args.mode}): {total} steps{cycles} in {args.seconds:.0f} s, "
          f"longest event-loop gap {driver.max_gap * 1000:.1f} ms, no freeze")
    print("  " + ", ".join(f"{k} {v}" for k, v in sorted(driver.done.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
