"""Guards against a Qt binding that corrupts the interpreter (see the pin in pyproject.toml)."""

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_do_not_steal_references_to_none() -> None:
    # PySide6 6.12.0 dropped one reference to None per void call; on Python < 3.12 that aborts the
    # process after a few thousand calls, so the app would die while opening a long transcript.
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 10


def test_addons_and_essentials_are_one_qt_build() -> None:
    # pyproject.toml pins them together; a mismatch fails at import with an unhelpful symbol error
    from importlib.metadata import version

    assert version("PySide6-Addons") == version("PySide6-Essentials")


def test_multimedia_uses_the_ffmpeg_backend() -> None:
    # the player relies on FFmpeg's decoders (Ogg/Vorbis, Opus, M4A, video containers) on every OS
    from pathlib import Path

    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtMultimedia import QMediaFormat
    from PySide6.QtWidgets import QApplication

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "multimedia"
    assert any("ffmpeg" in p.name for p in plugins.iterdir()), f"no FFmpeg plugin in {plugins}"
    assert QApplication.instance() or QApplication([])
    decodable = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
    assert QMediaFormat.FileFormat.Ogg in decodable
    assert QMediaFormat.FileFormat.MPEG4 in decodable
