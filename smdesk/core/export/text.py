"""Plain text, and the timestamped text that qualitative-analysis programs import.

TXT: one paragraph per turn (or per ``interval``), a blank line between them::

    [00:01:23] Speaker 1: Text of the turn.

QDA text follows the f4/f5 transcription convention (audiotranskription.de), which MAXQDA
("Import > Transcripts with timestamps"), ATLAS.ti and f4analyse read: a paragraph per turn
that starts with "Name: " and ends with the time mark ``#hh:mm:ss-d#`` (tenths of a second) of
the moment it ends, a blank line between paragraphs, no summary (it would be coded as speech).
"""

from __future__ import annotations

import math

from smdesk.core.export.blocks import Block, export_blocks
from smdesk.core.export.choices import ExportChoices
from smdesk.core.formatting import format_timestamp
from smdesk.core.transcript import Transcript


def _txt_block(block: Block, timestamps: bool) -> str:
    head = []
    if timestamps:
        head.append(f"[{format_timestamp(block.start, always_hours=True)}]")
    if block.name is not None:
        head.append(f"{block.name}:")
    return " ".join([*head, block.text])


def render_txt(transcript: Transcript, choices: ExportChoices) -> str:
    parts: list[str] = []
    if choices.include_summary and transcript.summary and choices.translation is None:
        parts += ["Summary\n\n" + transcript.summary.strip(), "Transcript"]
    stamps = choices.timestamps != "none"
    parts += [_txt_block(b, stamps) for b in export_blocks(transcript, choices)]
    return "\n\n".join(parts) + "\n" if parts else ""


def f4_time(seconds: float) -> str:
    """ "#00:01:23-4#": the f4/f5 time mark, tenths of a second after the dash."""
    tenths = round(seconds * 10) if math.isfinite(seconds) and seconds > 0 else 0
    whole, tenth = divmod(tenths, 10)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"#{hours:02d}:{minutes:02d}:{secs:02d}-{tenth}#"


def render_qda(transcript: Transcript, choices: ExportChoices) -> str:
    paragraphs = []
    for block in export_blocks(transcript, choices):
        name = f"{block.name}: " if block.name is not None else ""
        paragraphs.append(f"{name}{block.text} {f4_time(block.end)}")
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""
