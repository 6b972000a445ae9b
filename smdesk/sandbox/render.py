"""json-v2 -> the API's own txt and srt renderings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import srt

DEFAULT_MAX_LINE_LENGTH = 37
DEFAULT_MAX_LINES = 2


@dataclass
class _Piece:
    text: str
    start: float
    end: float
    speaker: str
    channel: str | None
    attaches_to: str | None  # None for words
    is_eos: bool


def _pieces(doc: dict[str, Any]) -> list[_Piece]:
    out: list[_Piece] = []
    for r in doc.get("results", []):
        alternatives = r.get("alternatives") or []
        if not alternatives:
            continue
        alt = alternatives[0]
        text = alt.get("content", "")
        if r.get("type") == "entity" and r.get("written_form"):
            text = " ".join(w["alternatives"][0]["content"] for w in r["written_form"])
        attaches = r.get("attaches_to") if r.get("type") == "punctuation" else None
        out.append(
            _Piece(
                text,
                float(r["start_time"]),
                float(r["end_time"]),
                alt.get("speaker") or "UU",
                r.get("channel"),
                attaches,
                bool(r.get("is_eos")),
            )
        )
    return out


def _join(pieces: list[_Piece], delimiter: str) -> str:
    """Join per attaches_to: previous glues left, next glues right, both glues both sides."""
    text = ""
    glue_next = False
    for p in pieces:
        glue_left = p.attaches_to in ("previous", "both") or glue_next or not text
        text += p.text if glue_left else delimiter + p.text
        glue_next = p.attaches_to in ("next", "both")
    return text


def _delimiter(doc: dict[str, Any]) -> str:
    info = (doc.get("metadata") or {}).get("language_pack_info") or {}
    return str(info.get("word_delimiter", " "))


def to_txt(doc: dict[str, Any]) -> str:
    """`SPEAKER: S1\\n<text>` per speaker turn; no SPEAKER lines without diarization."""
    delimiter = _delimiter(doc)
    groups: list[list[_Piece]] = []
    for p in _pieces(doc):
        same = groups and (groups[-1][0].speaker, groups[-1][0].channel) == (p.speaker, p.channel)
        if same or (groups and p.attaches_to == "previous"):
            groups[-1].append(p)
        else:
            groups.append([p])
    lines: list[str] = []
    previous_speaker = None
    for group in groups:
        head = group[0]
        if head.speaker != "UU" and head.speaker != previous_speaker:
            lines.append(f"SPEAKER: {head.speaker}")
        previous_speaker = head.speaker
        text = _join(group, delimiter)
        lines.append(f"{head.channel}: {text}" if head.channel else text)
    return "\n".join(lines) + "\n" if lines else ""


def srt_overrides(config: dict[str, Any]) -> tuple[int, int]:
    overrides = (config.get("output_config") or {}).get("srt_overrides") or {}
    length = overrides.get("max_line_length", DEFAULT_MAX_LINE_LENGTH)
    lines = overrides.get("max_lines", DEFAULT_MAX_LINES)
    length = length if isinstance(length, int) and length > 0 else DEFAULT_MAX_LINE_LENGTH
    lines = lines if isinstance(lines, int) and lines > 0 else DEFAULT_MAX_LINES
    return length, lines


def _units(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Words with the punctuation glued to them: a unit is never split across lines."""
    units: list[list[_Piece]] = []
    glue_next = False
    for p in pieces:
        if units and (glue_next or p.attaches_to in ("previous", "both")):
            units[-1].append(p)
        else:
            units.append([p])
        glue_next = p.attaches_to in ("next", "both")
    return units


def to_srt(
    doc: dict[str, Any],
    max_line_length: int = DEFAULT_MAX_LINE_LENGTH,
    max_lines: int = DEFAULT_MAX_LINES,
) -> str:
    """Cues of at most `max_lines` lines of at most `max_line_length` characters.

    A cue ends at a sentence end, at a speaker/channel change, or when full. A single word
    longer than a line gets a line of its own.
    """
    delimiter = _delimiter(doc)
    cues: list[list[list[_Piece]]] = []  # cue -> lines -> pieces
    current: list[list[_Piece]] = []
    for unit in _units(_pieces(doc)):
        head = current[-1][0] if current else None
        if head is not None and (head.speaker, head.channel) != (unit[0].speaker, unit[0].channel):
            cues.append(current)
            current = []
        if not current:
            current = [list(unit)]
        elif len(_join([*current[-1], *unit], delimiter)) <= max_line_length:
            current[-1].extend(unit)
        elif len(current) < max_lines:
            current.append(list(unit))
        else:
            cues.append(current)
            current = [list(unit)]
        if any(p.is_eos for p in unit):
            cues.append(current)
            current = []
    if current:
        cues.append(current)
    subtitles: list[srt.Subtitle] = []
    for cue in cues:
        start = cue[0][0].start
        end = max(start + 0.001, max(p.end for line in cue for p in line))
        content = "\n".join(_join(line, delimiter) for line in cue)
        subtitles.append(
            srt.Subtitle(
                index=len(subtitles) + 1,
                start=timedelta(seconds=start),
                end=timedelta(seconds=end),
                content=content,
            )
        )
    return srt.compose(subtitles, reindex=True) if subtitles else ""
