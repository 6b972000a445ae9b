"""The player bar under the transcript's header: play/pause, skip back/forward, a position slider
with elapsed/total time, speed, volume, and a line saying when the recording cannot be found.

It renders what it is told and emits intents; the transport buttons show the Playback menu's
QActions (one place for shortcuts and tooltips), given by :meth:`PlayerBar.use_actions`.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smdesk.core.formatting import format_timestamp

SPEEDS = (0.5, 0.6, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
SLIDER_STEP_MS = 5_000  # arrow keys on the slider move as far as the skip buttons
VIDEO_SIZE = QSize(240, 135)


def speed_label(rate: float) -> str:
    return f"{rate:g}×"


def time_label(position_ms: int, duration_ms: int) -> str:
    hours = duration_ms >= 3_600_000
    return (f"{format_timestamp(position_ms / 1000, always_hours=hours)} / "
            f"{format_timestamp(duration_ms / 1000, always_hours=hours)}")


class PlayerBar(QWidget):
    seek_requested = Signal(int)  # ms
    rate_requested = Signal(float)
    volume_requested = Signal(float)  # 0–1
    locate_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._duration = 0
        self._dragging = False
        self._init_widgets()
        self._init_layout()
        self._connect()
        self.set_recording(None)
        self.setAccessibleName("Player")

    # -- rendering -----------------------------------------------------------------------
    def use_actions(self, play_pause: QAction, back: QAction, forward: QAction) -> None:
        self.back_button.setDefaultAction(back)
        self.play_button.setDefaultAction(play_pause)
        self.forward_button.setDefaultAction(forward)

    def set_playing(self, playing: bool) -> None:
        pix = QStyle.StandardPixmap
        icon = self.style().standardIcon(pix.SP_MediaPause if playing else pix.SP_MediaPlay)
        action = self.play_button.defaultAction()
        target = action if action is not None else self.play_button
        target.setIcon(icon)
        target.setText("&Pause" if playing else "&Play")

    def set_duration(self, ms: int) -> None:
        self._duration = max(0, ms)
        with QSignalBlocker(self.slider):
            self.slider.setRange(0, self._duration)
        self._show_time(self.slider.value())

    def set_position(self, ms: int) -> None:
        if self._dragging:
            return  # the user's thumb wins until they let go
        with QSignalBlocker(self.slider):
            self.slider.setValue(ms)
        self._show_time(ms)

    def set_rate(self, rate: float) -> None:
        self.speed_button.setText(speed_label(rate))
        for action in self.speed_group.actions():
            action.setChecked(abs(action.data() - rate) < 0.005)

    def set_volume(self, level: float) -> None:
        with QSignalBlocker(self.volume):
            self.volume.setValue(round(level * 100))

    def set_recording(self, problem: str | None, *, ready: bool = False,
                      can_locate: bool = False) -> None:
        """``ready``: the recording is loaded. ``problem``: why it is not (shown with
        "Locate file…" when ``can_locate``); None with ready=False means still checking."""
        for widget in (self.slider, self.speed_button, self.volume):
            widget.setEnabled(ready)
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        self.locate_button.setVisible(bool(problem) and can_locate)
        if not ready:
            self.set_duration(0)
            self.set_position(0)

    def show_video(self, has_video: bool) -> None:
        self.video.setVisible(has_video)

    def elapsed_text(self) -> str:
        return self.time.text()

    # -- construction --------------------------------------------------------------------
    def _init_widgets(self) -> None:
        self.back_button = QToolButton(self)
        self.play_button = QToolButton(self)
        self.forward_button = QToolButton(self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setAccessibleName("Position in the recording")
        self.slider.setSingleStep(SLIDER_STEP_MS)
        self.slider.setPageStep(6 * SLIDER_STEP_MS)
        self.slider.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.time = QLabel(time_label(0, 0), self)
        self.time.setAccessibleName("Elapsed and total time")
        self.time.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.speed_button = QToolButton(self)
        self.speed_button.setAccessibleName("Playback speed")
        self.speed_button.setToolTip("Playback speed (the voice keeps its pitch)")
        self.speed_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.speed_menu = QMenu(self.speed_button)
        self.speed_group = QActionGroup(self.speed_menu)
        for rate in SPEEDS:
            action = self.speed_menu.addAction(speed_label(rate))
            action.setCheckable(True)
            action.setData(rate)
            self.speed_group.addAction(action)
        self.speed_button.setMenu(self.speed_menu)
        self.set_rate(1.0)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setRange(0, 100)
        self.volume.setValue(100)
        self.volume.setMaximumWidth(90)
        self.volume.setAccessibleName("Volume")
        self.volume.setToolTip("Volume")
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Recording")
        self.locate_button = QPushButton("L&ocate file…", self)  # Alt+L: Replace all
        self.locate_button.setToolTip("Choose where the recording is now; it is checked to be "
                                      "the same recording")
        self.video = QVideoWidget(self)
        self.video.setFixedSize(VIDEO_SIZE)
        self.video.setAccessibleName("Video")
        self.video.hide()  # only video files show a picture

    def _init_layout(self) -> None:
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for button in (self.back_button, self.play_button, self.forward_button):
            button.setAutoRaise(True)
            controls.addWidget(button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time)
        controls.addWidget(self.speed_button)
        speaker = QLabel(self)
        speaker.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaVolume)
                          .pixmap(16, 16))
        speaker.setToolTip("Volume")
        controls.addWidget(speaker)
        controls.addWidget(self.volume)
        notice = QHBoxLayout()
        notice.setContentsMargins(0, 0, 0, 0)
        notice.addWidget(self.problem, 1)
        notice.addWidget(self.locate_button)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(controls)
        column.addLayout(notice)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 2, 0, 2)
        outer.addWidget(self.video)
        outer.addLayout(column, 1)

    def _connect(self) -> None:
        self.slider.sliderPressed.connect(self._drag_started)
        self.slider.sliderMoved.connect(self._show_time)
        self.slider.sliderReleased.connect(self._drag_finished)
        # clicks on the groove and the keyboard (arrows, PageUp/Down, Home/End) move the value
        self.slider.valueChanged.connect(self._value_changed)
        self.speed_group.triggered.connect(lambda a: self.rate_requested.emit(float(a.data())))
        self.volume.valueChanged.connect(lambda v: self.volume_requested.emit(v / 100))
        self.locate_button.clicked.connect(self.locate_requested)

    # -- reactions -----------------------------------------------------------------------
    def _drag_started(self) -> None:
        self._dragging = True

    def _drag_finished(self) -> None:
        self._dragging = False
        self.seek_requested.emit(self.slider.value())

    def _value_changed(self, value: int) -> None:
        if not self._dragging:
            self.seek_requested.emit(value)

    def _show_time(self, ms: int) -> None:
        self.time.setText(time_label(ms, self._duration))
