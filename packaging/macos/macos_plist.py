"""The Info.plist of smdesk.app (used by packaging/smdesk.spec; tested on Linux by
tests/test_packaging.py, so a wrong key shows up before a Mac build)."""

from __future__ import annotations

from typing import Any

# The oldest macOS each Qt release runs on (doc.qt.io/qt-6.N/macos.html, "Target Platform").
# Claiming less lets users install an app that crashes at launch.
QT_MIN_MACOS = (((6, 12), "14.4"), ((6, 10), "13.0"), ((6, 8), "12.0"), ((6, 5), "11.0"))

# Types a user may drop on the Dock icon or pick in Finder's "Open With". public.audio and
# public.movie cover every type macOS knows that conforms to them (MP3, M4A, WAV, AIFF, FLAC, MP4,
# MOV...); Ogg, Opus and AMR are not declared by macOS, so the app imports them below.
AUDIO_TYPES = ["public.audio", "org.xiph.ogg-audio", "org.xiph.opus", "org.3gpp.amr"]
VIDEO_TYPES = ["public.movie"]
IMPORTED_TYPES = (
    ("org.xiph.ogg-audio", "Ogg audio", ["ogg", "oga"], ["audio/ogg"]),
    ("org.xiph.opus", "Opus audio", ["opus"], ["audio/opus"]),
    ("org.3gpp.amr", "AMR audio", ["amr"], ["audio/amr"]),
)


def min_macos(qt_version: tuple[int, int]) -> str:
    for since, macos in QT_MIN_MACOS:
        if qt_version >= since:
            return macos
    raise ValueError(f"Qt {qt_version} is older than any smdesk supports")


def _qt_version() -> tuple[int, int]:
    from PySide6 import QtCore

    major, minor, *_ = QtCore.qVersion().split(".")
    return int(major), int(minor)


def info_plist(version: str, qt_version: tuple[int, int] | None = None) -> dict[str, Any]:
    """Keys PyInstaller merges into the .app's Info.plist."""
    return {
        "CFBundleDisplayName": "smdesk",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "LSMinimumSystemVersion": min_macos(qt_version or _qt_version()),
        "LSApplicationCategoryType": "public.app-category.productivity",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follow dark mode
        "NSHumanReadableCopyright": "MIT licence",
        # smdesk transcribes files; it never records. No NSMicrophoneUsageDescription, so macOS
        # never asks for the microphone (and would refuse it).
        "CFBundleDocumentTypes": [
            _document_type("Audio recording", AUDIO_TYPES),
            _document_type("Video recording", VIDEO_TYPES),
        ],
        "UTImportedTypeDeclarations": [
            {
                "UTTypeIdentifier": identifier,
                "UTTypeDescription": description,
                "UTTypeConformsTo": ["public.audio"],
                "UTTypeTagSpecification": {
                    "public.filename-extension": extensions,
                    "public.mime-type": mime_types,
                },
            }
            for identifier, description, extensions, mime_types in IMPORTED_TYPES
        ],
    }


def _document_type(name: str, content_types: list[str]) -> dict[str, Any]:
    # Viewer + Alternate: smdesk opens these files but never claims to be their default app.
    return {
        "CFBundleTypeName": name,
        "CFBundleTypeRole": "Viewer",
        "LSHandlerRank": "Alternate",
        "LSItemContentTypes": content_types,
    }
