"""Exporting a transcript to a file: default names, rendering via core.export, atomic writes.

No Qt here: the pane asks for a path and shows the outcome; this module decides the default path
(next to the source file, same name: interview.m4a → interview.txt) and writes through
``store.atomic`` so a failed export never leaves a partial file behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from smdesk.core.export import to_srt, to_txt, to_vtt
from smdesk.core.transcript import Transcript
from smdesk.store.atomic import atomic_write_text

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class ExportError(Exception):
    """``str(e)`` is one sentence naming the file and what to do."""


@dataclass(frozen=True)
class ExportFormat:
    suffix: str
    label: str
    file_filter: str


TXT = ExportFormat(".txt", "text", "Text files (*.txt)")
SRT = ExportFormat(".srt", "subtitles", "SubRip subtitles (*.srt)")
VTT = ExportFormat(".vtt", "WebVTT subtitles", "WebVTT subtitles (*.vtt)")


@dataclass(frozen=True)
class ExportChoices:
    """What the user chose for an export; ``translation`` ("es") exports that language's text."""

    speaker_names: bool = True
    timestamps: bool = True
    include_summary: bool = False
    srt_max_line_length: int = 37
    srt_max_lines: int = 2
    translation: str | None = None


def safe_file_stem(title: str) -> str:
    """A file name stem from a free-form title ("Interview: 3/4" → "Interview 3 4")."""
    stem = _UNSAFE.sub(" ", Path(title).stem if "." in title else title)
    stem = " ".join(stem.split()).strip(". ")
    return stem or "transcript"


def default_export_path(source_path: str | None, title: str, fmt: ExportFormat,
                        fallback_dir: Path | None = None, tag: str = "") -> Path:
    """The source file's folder and name with ``fmt``'s suffix (interview.m4a → interview.txt;
    with ``tag`` "es": interview.es.txt); without a usable source, ``fallback_dir``/title."""
    name_end = (f".{tag}" if tag else "") + fmt.suffix
    if source_path:
        source = Path(source_path)
        folder = source.parent if source.parent.is_dir() else (fallback_dir or Path.home())
        return folder / (source.stem + name_end)
    return (fallback_dir or Path.home()) / (safe_file_stem(title) + name_end)


def with_suffix(path: str, fmt: ExportFormat) -> Path:
    """Add the format's suffix when the user typed a name without one."""
    chosen = Path(path)
    return chosen if chosen.suffix.lower() == fmt.suffix else chosen.with_name(
        chosen.name + fmt.suffix)


def render(transcript: Transcript, fmt: ExportFormat, choices: ExportChoices) -> str:
    """The file's text, from core.export."""
    if fmt is SRT:
        return to_srt(transcript, max_line_length=choices.srt_max_line_length,
                      max_lines=choices.srt_max_lines)
    if fmt is VTT:
        return to_vtt(transcript, max_line_length=choices.srt_max_line_length,
                      max_lines=choices.srt_max_lines, speaker_labels=choices.speaker_names)
    return to_txt(transcript, speaker_names=choices.speaker_names,
                  timestamps=choices.timestamps, include_summary=choices.include_summary,
                  translation=choices.translation)


def write_export(path: Path, text: str) -> None:
    """Write atomically; raise ExportError with one plain sentence on any failure."""
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        # store.atomic's AtomicWriteError already carries one sentence naming the file
        explained = getattr(exc, "message", None)
        message = explained if isinstance(explained, str) else (
            f"Cannot save {path}: {(exc.strerror or type(exc).__name__).lower()}; "
            "choose another location or try again.")
        raise ExportError(message) from exc
    except UnicodeEncodeError as exc:
        raise ExportError(f"Cannot save {path}: the text cannot be encoded as UTF-8.") from exc
