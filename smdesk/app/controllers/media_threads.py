"""Python-made Qt objects that Qt's media threads touch must never need the GIL there.

Why the player froze (issue 6 §2; native stacks of the hang in bench/player_stress.py's
docstring): QtMultimedia's FFmpeg backend connects its renderers, which live on its own threads
(QFFmpeg::AudioRenderer, ...), to our QAudioOutput. When a renderer is deleted on its thread,
~QObject holds Qt's signal-slot mutex for the sender and calls the sender's virtual
``disconnectNotify``. Our QAudioOutput was made in Python, so it is a shiboken wrapper whose
virtuals first ask Python whether a subclass overrides them: the FIRST such call on each object
takes the GIL (later calls use a per-object "no override" cache and skip Python). Meanwhile the
main thread holds the GIL inside a Qt call that PySide does not release it for (QMediaPlayer.stop,
any connect/disconnect) and waits for that same mutex: a lock-order inversion, GIL against
mutex, and the app freezes for good. Qt's mutexes come from a pool hashed by address, so even an
unrelated connect() on the main thread can be the other half.

The fix at the root: make that first lookup happen on the main thread, right after the object is
made, before any media thread can see it. One connect and disconnect runs both
``connectNotify`` and ``disconnectNotify`` once; afterwards no media thread ever needs Python
for them. (A Python subclass that really overrides those virtuals would need the GIL on every
call: don't hand such an object to the media backend.)

The other way Python got onto a media thread: a Qt message handler written in Python. The
FFmpeg backend warns from its renderer threads (e.g. "No audio device detected" on a machine
without sound), and a Python handler takes the GIL there. The app installs none (Qt then writes
to stderr without Python); the tests turn pytest-qt's off (``--no-qt-log`` in pyproject.toml)
because with it a player test froze in stop() once in about 25 runs. Keep it that way.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


def _ignore(*_args: object) -> None:
    return None


def settle_override_lookups(*objects: QObject) -> None:
    """Answer, here on the Qt thread, shiboken's "is connectNotify/disconnectNotify overridden
    in Python?" for each object, so media threads never take the GIL to ask it themselves."""
    for obj in objects:
        obj.objectNameChanged.connect(_ignore)
        obj.objectNameChanged.disconnect(_ignore)
