# PyInstaller runtime hook (Linux; packaging/smdesk.spec). QtMultimedia links libpulse.so.0, which
# the bundle takes from the user's system so that it matches their sound server. On a system
# without it the whole app would fail to start (the player is imported at start), so the copy in
# _internal/pulse-fallback/ is loaded first, leaves before the libraries that need them; the
# dynamic loader then reuses these for Qt's libpulse.so.0 by soname.
# ruff: noqa
import ctypes
import os
import sys


def _load_pulse_fallback():
    try:
        ctypes.CDLL("libpulse.so.0")
        return  # the system's own
    except OSError:
        pass
    folder = os.path.join(sys._MEIPASS, "pulse-fallback")
    try:
        with open(os.path.join(folder, "load-order.txt")) as order:
            names = order.read().split()
    except OSError:
        return
    for name in names:
        try:
            ctypes.CDLL(os.path.join(folder, name), mode=ctypes.RTLD_GLOBAL)
        except OSError:
            return  # the player then reports that playback is unavailable


if sys.platform.startswith("linux"):
    _load_pulse_fallback()
