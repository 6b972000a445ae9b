"""The real QMediaPlayer (FFmpeg backend) on the bundled sample, offscreen, with no sound card:
loading, playing, pausing, speed, seeking, ranges, rewind on resume, failures, and the follower.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from smdesk.app.controllers.player import Follower, PlaybackState, QtPlayer, next_rate
from smdesk.sandbox.sample import SAMPLE_AUDIO
from tests.app.sample_media import sample_transcript

# A freeze (a GIL deadlock) is ended by pytest's faulthandler_timeout (pyproject.toml), which
# prints every stack; this bounds an ordinary slow test.
pytestmark = pytest.mark.timeout(60)

SAMPLE_MS = 39_961  # the sample's length as FFmpeg reports it


@pytest.fixture
def player(qtbot: QtBot) -> Iterator[QtPlayer]:
    p = QtPlayer()
    with qtbot.waitSignal(p.media_loaded, timeout=10_000):
        p.load(str(SAMPLE_AUDIO))
    yield p
    p.unload()
    p.deleteLater()  # destroyed from the event loop, like the app's (the app deletes it so too)


def _played(qtbot: QtBot, p: QtPlayer, seconds: float) -> tuple[int, float]:
    """(position advance in ms, wall seconds) over about ``seconds`` of playback."""
    start_pos, start = p.position(), time.monotonic()
    qtbot.wait(int(seconds * 1000))
    return p.position() - start_pos, time.monotonic() - start


def test_sample_loads_paused_at_zero_with_its_duration(player: QtPlayer) -> None:
    assert player.has_media()
    assert abs(player.duration() - SAMPLE_MS) < 100
    assert player.position() == 0
    assert player.state() is PlaybackState.STOPPED


def test_play_advances_in_real_time_and_pause_holds(qtbot: QtBot, player: QtPlayer) -> None:
    states: list[PlaybackState] = []
    player.state_changed.connect(states.append)
    with qtbot.waitSignal(player.position_changed, timeout=5000):
        player.play()
    advanced, wall = _played(qtbot, player, 0.6)
    assert player.state() is PlaybackState.PLAYING
    assert 0.6 * wall * 1000 < advanced < 1.4 * wall * 1000 + 100
    player.pause()
    held = player.position()
    qtbot.wait(300)
    assert player.state() is PlaybackState.PAUSED
    assert player.position() == held
    assert states == [PlaybackState.PLAYING, PlaybackState.PAUSED]


def test_double_speed_plays_twice_as_fast_with_pitch_kept(qtbot: QtBot, player: QtPlayer) -> None:
    rates: list[float] = []
    player.rate_changed.connect(rates.append)
    player.set_rate(2.0)
    player.play()
    qtbot.waitUntil(lambda: player.position() > 200, timeout=5000)
    advanced, wall = _played(qtbot, player, 0.8)
    assert player.rate() == 2.0 and rates == [2.0]
    assert advanced > 1.5 * wall * 1000, f"{advanced} ms in {wall:.2f} s at 2x"
    assert player._media.pitchCompensation()
    player.set_rate(9)
    assert player.rate() == 2.0  # clamped to the range people can follow
    player.set_rate(0.1)
    assert player.rate() == 0.5


def test_rate_steps_go_up_and_down_within_limits() -> None:
    assert next_rate(1.0, +1) == 1.1
    assert next_rate(1.0, -1) == 0.9
    assert next_rate(2.0, +1) == 2.0
    assert next_rate(0.5, -1) == 0.5
    assert next_rate(1.3, -1) == 1.25


def test_seek_while_paused_moves_exactly_and_play_starts_there(qtbot: QtBot,
                                                               player: QtPlayer) -> None:
    player.seek(12_345)
    assert player.position() == 12_345
    player.play()
    qtbot.waitUntil(lambda: player.position() > 12_400, timeout=5000)
    assert player.position() < 14_000  # not rewound, not from the start
    player.skip(-5)
    assert 7_000 < player.position() < 9_500
    player.seek(-10)
    assert player.position() == 0
    player.seek(10 * SAMPLE_MS)
    assert player.position() <= player.duration()


def test_resume_after_pause_rewinds_two_seconds(qtbot: QtBot, player: QtPlayer) -> None:
    player.seek(10_000)
    player.play()
    qtbot.waitUntil(lambda: player.position() > 10_300, timeout=5000)
    player.pause()
    paused_at = player.position()
    with qtbot.waitSignal(player.position_changed, timeout=5000):
        player.play()
    assert paused_at - 2_100 <= player.position() <= paused_at - 1_500
    player.pause()
    player.set_rewind_on_resume(0)
    paused_at = player.position()
    player.play()
    assert player.position() >= paused_at


def test_play_range_stops_at_its_end(qtbot: QtBot, player: QtPlayer) -> None:
    player.play_range(3_000, 3_600)
    qtbot.waitUntil(lambda: player.state() is PlaybackState.PAUSED, timeout=5000)
    assert 3_600 <= player.position() < 3_900


def test_volume_is_perceptual_and_clamped(player: QtPlayer) -> None:
    levels: list[float] = []
    player.volume_changed.connect(levels.append)
    player.set_volume(0.5)
    assert player.volume() == 0.5
    assert player._audio.volume() < 0.5  # half the slider is much less than half the gain
    player.set_volume(3)
    assert levels == [0.5, 1.0]


def test_a_file_that_is_not_audio_fails_with_a_sentence(qtbot: QtBot, tmp_path: Path) -> None:
    fake = tmp_path / "notes.ogg"
    fake.write_text("these are my notes, not a recording\n" * 50)
    p = QtPlayer()
    with qtbot.waitSignal(p.failed, timeout=10_000) as failure:
        p.load(str(fake))
    sentence = failure.args[0]
    assert sentence.startswith("notes.ogg cannot be played (")
    assert sentence.endswith("the transcript is still here.")
    assert not p.has_media()
    p.play()  # ignored, no crash
    assert p.state() is PlaybackState.STOPPED


def test_follower_emits_the_spoken_word_only_when_it_changes(qtbot: QtBot,
                                                             player: QtPlayer) -> None:
    transcript = sample_transcript()
    follower = Follower()
    follower.set_transcript(transcript)
    seen: list[int] = []
    follower.word_changed.connect(seen.append)
    player.position_changed.connect(follower.on_position)
    target = next(i for i, w in enumerate(transcript.words) if w.start > 8 and not w.is_punctuation)
    word = transcript.words[target]
    player.seek(int(word.start * 1000) + 1)
    assert follower.current() == target
    player.play()
    qtbot.waitUntil(lambda: player.position() > word.start * 1000 + 1500, timeout=5000)
    player.pause()
    assert seen[0] == target
    assert len(seen) == len(set(seen)), "a word was emitted twice in a row"
    assert all(a < b for a, b in pairwise(seen)), "words go forwards"
    spoken = transcript.word_index_at(player.position() / 1000)
    assert follower.current() == spoken and seen[-1] == spoken


def test_follower_before_the_first_word_and_without_transcript() -> None:
    transcript = sample_transcript()
    follower = Follower()
    seen: list[int] = []
    follower.word_changed.connect(seen.append)
    follower.on_position(5_000)
    assert follower.current() == -1 and seen == []
    follower.set_transcript(transcript)
    assert follower.current() == transcript.word_index_at(5.0)
    follower.on_position(0)
    first_start = transcript.words[0].start
    expected = -1 if first_start > 0 else 0
    assert follower.current() == expected


@pytest.fixture
def video_file(tmp_path: Path) -> Path:
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed (tests/run.sh installs it): no video to make")
    path = tmp_path / "clip.mp4"
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc=size=160x90:rate=10:duration=2", "-f", "lavfi", "-i",
                    "sine=frequency=440:duration=2", "-c:v", "mpeg4", "-c:a", "aac", "-shortest",
                    str(path)], check=True, timeout=60, stdin=subprocess.DEVNULL)
    return path


def test_a_video_file_plays_its_sound_and_shows_its_picture(qtbot: QtBot,
                                                           video_file: Path) -> None:
    from smdesk.app.transcript.player_bar import PlayerBar

    bar = PlayerBar()
    qtbot.addWidget(bar)
    p = QtPlayer()
    p.set_video_output(bar.video)
    p.has_video_changed.connect(bar.show_video)
    bar.show()
    with qtbot.waitSignal(p.media_loaded, timeout=10_000):
        p.load(str(video_file))
    assert p.has_video() and bar.video.isVisible()
    # the first frame is shown before playing (a stopped player shows a black box)
    qtbot.waitUntil(lambda: bar.video.videoSink().videoFrame().isValid(), timeout=5000)
    assert p.position() < 200 and p.state() is not PlaybackState.PLAYING
    assert 1900 <= p.duration() <= 2100
    p.play()
    qtbot.waitUntil(lambda: p.position() > 500, timeout=5000)
    p.pause()
    p.unload()
    qtbot.waitUntil(lambda: not p.has_video() and not bar.video.isVisible(), timeout=5000)
    p.deleteLater()
