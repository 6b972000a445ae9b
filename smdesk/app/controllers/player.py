"""The player behind a seam: a small ``Player`` protocol, its QtMultimedia implementation, and the
``Follower`` that turns a playback position into the index of the word being spoken.

Everything runs on Qt signals: QMediaPlayer already reports its position as a signal (about every
50 ms while playing), so there is no polling loop and no asyncio in the media path. Positions and
durations are integer milliseconds, rates are factors (0.5–2), volumes 0–1 as a slider shows them.

API (used by the transcript's player bar, the speakers panel and the uncertain-word navigator):

- signals ``position_changed(int ms)``, ``state_changed(PlaybackState)``, ``duration_changed(int
  ms)``, ``media_loaded()``, ``failed(str sentence)``, ``rate_changed(float)``,
  ``volume_changed(float)``, ``has_video_changed(bool)``;
- ``load(path)``, ``unload()``, ``play()``, ``pause()``, ``toggle()``, ``seek(ms)``,
  ``skip(seconds)``, ``play_from(ms)``, ``play_range(start_ms, end_ms)`` (a speaker sample,
  a word to check), ``set_rate(rate)``, ``slower()``, ``faster()``, ``set_volume(level)``,
  ``set_rewind_on_resume(seconds)``; getters ``position()``, ``duration()``, ``state()``,
  ``rate()``, ``volume()``, ``has_media()``, ``source()``.
"""

from __future__ import annotations

import enum
import logging
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QUrl, Signal, SignalInstance
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer, QtAudio
from PySide6.QtWidgets import QWidget

from smdesk.app.controllers.media_threads import settle_override_lookups
from smdesk.core.transcript import Transcript

log = logging.getLogger(__name__)

MIN_RATE, MAX_RATE = 0.5, 2.0
RATE_STEPS = (0.5, 0.6, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
DEFAULT_SKIP_SECONDS = 5.0
DEFAULT_REWIND_SECONDS = 2.0  # transcribers lose the first syllables when they resume


class PlaybackState(enum.Enum):
    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"


class Player(Protocol):
    """What the app needs from a media player; :class:`QtPlayer` is the implementation."""

    position_changed: SignalInstance
    state_changed: SignalInstance
    duration_changed: SignalInstance
    media_loaded: SignalInstance
    failed: SignalInstance
    rate_changed: SignalInstance
    volume_changed: SignalInstance

    def load(self, path: str) -> None: ...
    def unload(self) -> None: ...
    def play(self) -> None: ...
    def pause(self) -> None: ...
    def toggle(self) -> None: ...
    def seek(self, ms: int) -> None: ...
    def skip(self, seconds: float) -> None: ...
    def play_from(self, ms: int) -> None: ...
    def play_range(self, start_ms: int, end_ms: int) -> None: ...
    def set_rate(self, rate: float) -> None: ...
    def set_volume(self, level: float) -> None: ...
    def position(self) -> int: ...
    def duration(self) -> int: ...
    def state(self) -> PlaybackState: ...
    def rate(self) -> float: ...
    def has_media(self) -> bool: ...


def clamp_rate(rate: float) -> float:
    return round(min(MAX_RATE, max(MIN_RATE, rate)), 2)


def next_rate(rate: float, step: int) -> float:
    """The next speed in :data:`RATE_STEPS` above (``step`` > 0) or below the current one."""
    if step > 0:
        at = bisect_right(RATE_STEPS, rate + 1e-6)
        return RATE_STEPS[min(at, len(RATE_STEPS) - 1)]
    at = bisect_left(RATE_STEPS, rate - 1e-6) - 1
    return RATE_STEPS[max(at, 0)]


_STATES = {
    QMediaPlayer.PlaybackState.StoppedState: PlaybackState.STOPPED,
    QMediaPlayer.PlaybackState.PlayingState: PlaybackState.PLAYING,
    QMediaPlayer.PlaybackState.PausedState: PlaybackState.PAUSED,
}


class QtPlayer(QObject):
    """QMediaPlayer + QAudioOutput (FFmpeg backend). Video files play their sound; give a
    QVideoWidget to :meth:`set_video_output` to show the picture too.

    Without any audio device (CI, a server) Qt's FFmpeg backend plays on its own clock, so
    positions, rates and seeks behave exactly as with speakers attached.
    """

    position_changed = Signal(int)
    state_changed = Signal(object)  # PlaybackState
    duration_changed = Signal(int)
    media_loaded = Signal()
    failed = Signal(str)
    rate_changed = Signal(float)
    volume_changed = Signal(float)
    has_video_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._media = QMediaPlayer(self)
        self._audio = QAudioOutput(QMediaDevices.defaultAudioOutput(), self)
        self._devices = QMediaDevices(self)
        # before the backend sees them: its threads must never need the GIL (media_threads.py)
        settle_override_lookups(self._media, self._audio, self._devices)
        self._media.setAudioOutput(self._audio)
        # the backend may report device changes from its own thread: handle them on ours
        self._devices.audioOutputsChanged.connect(self._follow_default_device,
                                                  Qt.ConnectionType.QueuedConnection)
        self._path: str | None = None
        self._loaded = False
        self._stop_at: int | None = None  # end of a play_range, in ms
        self._rewind_ms = int(DEFAULT_REWIND_SECONDS * 1000)
        self._paused_at: int | None = None  # where the user paused (rewind only if not moved)
        self._level = 1.0
        self._video_widget: QWidget | None = None
        self._video_attached = False
        self._set_pitch_kept()
        self._media.positionChanged.connect(self._on_position)
        self._media.durationChanged.connect(self._on_duration)
        self._media.playbackStateChanged.connect(self._on_state)
        self._media.mediaStatusChanged.connect(self._on_status)
        self._media.errorOccurred.connect(self._on_error)
        self._media.playbackRateChanged.connect(self.rate_changed)
        self._media.hasVideoChanged.connect(self._on_has_video)

    # -- media -------------------------------------------------------------------------------
    def load(self, path: str) -> None:
        """Open ``path`` (paused at 0); ``media_loaded`` or ``failed`` follows."""
        self._stop_at = self._paused_at = None
        self._loaded = False
        self._path = path
        self._media.setSource(QUrl.fromLocalFile(str(Path(path).absolute())))

    def unload(self) -> None:
        self._stop_at = self._paused_at = None
        self._loaded = False
        self._path = None
        self._attach_video(False)
        # Called directly: the freeze once seen here is fixed at its root (media_threads.py)
        self._media.stop()
        self._media.setSource(QUrl())

    def source(self) -> str | None:
        return self._path

    def has_media(self) -> bool:
        return self._loaded

    def set_video_output(self, widget: QWidget | None) -> None:
        """Where a video file's picture goes. Attached only while a video is loaded, and
        forgotten when the widget is destroyed, so the player never draws into a dead sink."""
        self._video_widget = widget
        if widget is not None:
            settle_override_lookups(widget)  # handed to the backend, like the audio output
            widget.destroyed.connect(self._forget_video)
        self._attach_video(self._media.hasVideo())

    def has_video(self) -> bool:
        return self._media.hasVideo()

    # -- transport ---------------------------------------------------------------------------
    def play(self) -> None:
        if not self._loaded:
            return
        if self._media.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia:
            self._media.setPosition(0)
        elif self._paused_at is not None and self._paused_at == self._media.position():
            self._media.setPosition(max(0, self._paused_at - self._rewind_ms))
        self._paused_at = None
        self._media.play()

    def pause(self) -> None:
        self._stop_at = None
        if self._media.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self._media.pause()
            self._paused_at = self._media.position()

    def toggle(self) -> None:
        if self.state() is PlaybackState.PLAYING:
            self.pause()
        else:
            self.play()

    def seek(self, ms: int) -> None:
        if not self._loaded:
            return
        self._stop_at = None
        self._paused_at = None  # a deliberate position: resume exactly there
        duration = self._media.duration()
        target = max(0, int(ms))
        self._media.setPosition(min(target, duration) if duration > 0 else target)

    def skip(self, seconds: float) -> None:
        self.seek(self._media.position() + int(seconds * 1000))

    def play_from(self, ms: int) -> None:
        """Seek to ``ms`` and play (a clicked word, a paragraph's timestamp)."""
        self.seek(ms)
        self.play()

    def play_range(self, start_ms: int, end_ms: int) -> None:
        """Play ``start_ms..end_ms`` then pause (a speaker sample, a word to check)."""
        self.play_from(start_ms)
        self._stop_at = max(int(end_ms), int(start_ms))

    def position(self) -> int:
        return int(self._media.position())

    def duration(self) -> int:
        return int(self._media.duration())

    def state(self) -> PlaybackState:
        return _STATES[self._media.playbackState()]

    # -- speed and volume --------------------------------------------------------------------
    def set_rate(self, rate: float) -> None:
        """Speed 0.5–2×; the voice keeps its pitch where the backend can (FFmpeg can)."""
        self._media.setPlaybackRate(clamp_rate(rate))

    def rate(self) -> float:
        return round(self._media.playbackRate(), 2)

    def slower(self) -> None:
        self.set_rate(next_rate(self.rate(), -1))

    def faster(self) -> None:
        self.set_rate(next_rate(self.rate(), +1))

    def set_volume(self, level: float) -> None:
        """``level`` 0–1 as a slider shows it (perceived loudness), not the linear gain."""
        self._level = min(1.0, max(0.0, float(level)))
        linear = QtAudio.convertVolume(self._level, QtAudio.VolumeScale.LogarithmicVolumeScale,
                                       QtAudio.VolumeScale.LinearVolumeScale)
        self._audio.setVolume(linear)
        self.volume_changed.emit(self._level)

    def volume(self) -> float:
        return self._level

    def set_rewind_on_resume(self, seconds: float) -> None:
        """Resuming after a pause starts ``seconds`` earlier (0 turns it off)."""
        self._rewind_ms = max(0, int(seconds * 1000))

    # -- reactions ---------------------------------------------------------------------------
    def _set_pitch_kept(self) -> None:
        unavailable = QMediaPlayer.PitchCompensationAvailability.Unavailable
        if self._media.pitchCompensationAvailability() != unavailable:
            self._media.setPitchCompensation(True)

    def _on_position(self, ms: int) -> None:
        if self._stop_at is not None and ms >= self._stop_at:
            self.pause()
        self.position_changed.emit(int(ms))

    def _on_duration(self, ms: int) -> None:
        self.duration_changed.emit(int(ms))

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        self.state_changed.emit(_STATES[state])

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia and not self._loaded and self._path:
            self._loaded = True
            if self._video_attached:
                self._media.pause()  # a stopped player shows no picture: show the first frame
            self.media_loaded.emit()

    def _on_error(self, error: QMediaPlayer.Error, detail: str) -> None:
        if error == QMediaPlayer.Error.NoError:
            return
        self._loaded = False
        name = Path(self._path).name if self._path else "the recording"
        reason = detail.strip().rstrip(".") or "its format is not supported"
        log.warning("Player error %s on %s: %s", error.name, self._path, detail)
        self.failed.emit(f"{name} cannot be played ({reason}); the transcript is still here.")

    def _on_has_video(self, has_video: bool) -> None:
        self._attach_video(has_video)
        self.has_video_changed.emit(has_video)

    def _attach_video(self, attach: bool) -> None:
        attach = attach and self._video_widget is not None
        if attach == self._video_attached:
            return
        self._video_attached = attach
        # None detaches (Qt docs), which the stubs do not say
        self._media.setVideoOutput(self._video_widget if attach else None)  # type: ignore[arg-type]

    def _forget_video(self) -> None:
        self._video_widget = None
        if self._video_attached:
            self._video_attached = False
            self._media.setVideoOutput(None)  # type: ignore[arg-type]

    def _follow_default_device(self) -> None:
        # headphones plugged in or out: keep playing on what the system now calls default
        self._audio.setDevice(QMediaDevices.defaultAudioOutput())


class Follower(QObject):
    """Maps playback positions to the word being spoken; emits ``word_changed(index)`` only when
    that word changes (-1: before the first word or no transcript). One bisect per update."""

    word_changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._transcript: Transcript | None = None
        self._current = -1
        self._position_ms = 0

    def set_transcript(self, transcript: Transcript | None) -> None:
        self._transcript = transcript
        self._current = -1
        self.on_position(self._position_ms)

    def current(self) -> int:
        return self._current

    def on_position(self, ms: int) -> None:
        self._position_ms = ms
        index = self.word_at(ms)
        if index != self._current:
            self._current = index
            self.word_changed.emit(index)

    def refresh(self) -> None:
        """After an edit the indexes shift: recompute and emit if the word index changed."""
        self.on_position(self._position_ms)

    def word_at(self, ms: int) -> int:
        t = self._transcript
        if t is None or not t.words:
            return -1
        index = t.word_index_at(ms / 1000.0)
        return -1 if index is None else index
