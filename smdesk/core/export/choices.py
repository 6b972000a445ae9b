"""What an export is made of: the format, the user's choices, and facts about the recording.

All frozen values: the app's dialog, the remembered settings and the CLI build the same
``ExportChoices``, so one transcript gives the same bytes wherever it is exported from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from smdesk.core.export.cues import PRESETS, SubtitleRules

TimestampMode = Literal["turn", "interval", "none"]
TIMESTAMP_MODES: tuple[TimestampMode, ...] = ("turn", "interval", "none")


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One file format: ``key`` as typed on the command line, ``extension`` without the dot."""

    key: str
    extension: str
    label: str
    subtitles: bool = False


TXT = ExportFormat("txt", "txt", "Text (.txt)")
QDA = ExportFormat("qda", "qda.txt", "Text for MAXQDA, ATLAS.ti, f4 (.qda.txt)")
DOCX = ExportFormat("docx", "docx", "Word document (.docx)")
MARKDOWN = ExportFormat("md", "md", "Markdown (.md)")
SRT = ExportFormat("srt", "srt", "SubRip subtitles (.srt)", subtitles=True)
VTT = ExportFormat("vtt", "vtt", "WebVTT subtitles (.vtt)", subtitles=True)
JSON = ExportFormat("json", "json", "Speechmatics JSON with edits (.json)")
CSV = ExportFormat("csv", "csv", "Spreadsheet (.csv)")

FORMATS: dict[str, ExportFormat] = {
    f.key: f for f in (TXT, QDA, DOCX, MARKDOWN, SRT, VTT, JSON, CSV)
}


def parse_formats(text: str) -> list[ExportFormat]:
    """ "txt,srt" → [TXT, SRT] (order kept, duplicates dropped; "markdown" means "md").

    Raises:
        ValueError: one sentence naming the unknown format and the known ones.
    """
    chosen: list[ExportFormat] = []
    for raw in text.split(","):
        key = raw.strip().lower().lstrip(".")
        key = {"markdown": "md", "webvtt": "vtt", "word": "docx"}.get(key, key)
        if not key:
            continue
        fmt = FORMATS.get(key)
        if fmt is None:
            raise ValueError(
                f"Unknown export format {raw.strip()!r}; choose from {', '.join(FORMATS)}."
            )
        if fmt not in chosen:
            chosen.append(fmt)
    if not chosen:
        raise ValueError(f"Name at least one export format ({', '.join(FORMATS)}).")
    return chosen


@dataclass(frozen=True, slots=True)
class ExportChoices:
    """What the user chose; the defaults are what an export gives without asking.

    ``timestamps``: "turn" stamps each speaker turn (a turn longer than a minute is split at a
    sentence end, so a monologue still gets a stamp now and then); "interval" also starts a new
    stamped paragraph at the first sentence end after every ``interval`` seconds; "none" leaves
    the stamps out. ``translation`` ("es") exports that language instead of the
    original words, in any format.
    """

    speaker_names: bool = True
    timestamps: TimestampMode = "turn"
    interval: float = 30.0
    include_summary: bool = True
    translation: str | None = None
    subtitle_rules: SubtitleRules = PRESETS["netflix"]
    subtitle_speaker_labels: bool = False

    def __post_init__(self) -> None:
        if self.timestamps not in TIMESTAMP_MODES:
            raise ValueError(
                f"Timestamps must be one of {', '.join(TIMESTAMP_MODES)}, "
                f"not {self.timestamps!r}."
            )
        if not self.interval > 0:
            raise ValueError("The timestamp interval must be a positive number of seconds.")


@dataclass(frozen=True, slots=True)
class ExportMeta:
    """Facts the transcript itself does not hold, given by the caller (core does no I/O).

    ``created`` is already formatted ("2026-12-01 10:04"), so core needs no clock or locale.
    """

    title: str = ""
    source_name: str = ""
    created: str = ""
