"""The player never freezes the app (issue 6 §2): Qt's media threads must never need the GIL.

Each new QtPlayer is a new Python-made QAudioOutput; the first time a renderer thread tears down
its connection to it, shiboken asks Python (under the GIL) whether disconnectNotify is
overridden, while holding Qt's signal-slot mutex. If the main thread is inside stop() at that
moment (GIL held, waiting for that mutex) the app froze for good. Without
``settle_override_lookups`` this test froze (and so did bench/player_stress.py --mode fresh
--unsettled, within the first 85 players in each of six runs; with it, none in 570).

Such a freeze stops every Python thread, pytest-timeout's too (its timer thread and its SIGALRM
handler both need the GIL), so pyproject.toml sets pytest's faulthandler_timeout with
faulthandler_exit_on_timeout: faulthandler's C thread prints every thread's stack and ends the
run instead of hanging it. pytest-qt's Python Qt message handler is off (--no-qt-log) for the
same reason: with it, the backend's "No audio device detected" warning took the GIL on a media
thread, and this test froze once in about 25 runs (media_threads.py).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QMetaMethod, QObject, qInstallMessageHandler
from pytestqt.qtbot import QtBot

from smdesk.app.controllers import media_threads
from smdesk.app.controllers.player import PlaybackState, QtPlayer
from smdesk.sandbox.sample import SAMPLE_AUDIO

PLAYERS = 100  # ~4 s; the unfixed player froze after 85 at the latest
STEP_MS = 7  # a few event-loop turns between calls, like fast clicks


def test_new_players_stopped_while_their_renderers_go_never_freeze(qtbot: QtBot) -> None:
    played = 0
    for _ in range(PLAYERS):
        p = QtPlayer()
        states: list[PlaybackState] = []
        p.state_changed.connect(states.append)
        p.load(str(SAMPLE_AUDIO))
        qtbot.wait(STEP_MS)
        p.play()
        qtbot.wait(STEP_MS)
        p.seek(12_000)
        qtbot.wait(STEP_MS)
        p.unload()  # stop() called directly, inside a Python call holding the GIL
        assert p.state() is PlaybackState.STOPPED and not p.has_media()
        played += PlaybackState.PLAYING in states
        p.deleteLater()
        qtbot.wait(STEP_MS)
    assert played > PLAYERS // 2, f"only {played} of {PLAYERS} players ever played"


def test_settling_answers_the_override_question_on_the_calling_thread() -> None:
    """The helper must really run connectNotify/disconnectNotify: a Python override of them
    (which settling exists to avoid needing) sees both calls, here, on this thread."""
    seen: list[tuple[str, int]] = []

    class Watching(QObject):
        def connectNotify(self, signal: QMetaMethod) -> None:  # noqa: N802 (Qt's name)
            seen.append(("connect", threading.get_ident()))

        def disconnectNotify(self, signal: QMetaMethod) -> None:  # noqa: N802
            seen.append(("disconnect", threading.get_ident()))

    media_threads.settle_override_lookups(Watching())
    here = threading.get_ident()
    assert ("connect", here) in seen and ("disconnect", here) in seen


def test_the_app_leaves_qt_messages_to_qt(apps, sandbox) -> None:
    """A Qt message handler written in Python would run on the media threads that warn (and
    take the GIL there): the app installs none, so Qt writes its messages to stderr itself."""
    ctx = apps.sandbox_mode(sandbox)
    assert ctx.playback.player is not None
    previous = qInstallMessageHandler(None)
    try:
        assert previous is None, f"a Python Qt message handler is installed: {previous!r}"
    finally:
        qInstallMessageHandler(previous)
