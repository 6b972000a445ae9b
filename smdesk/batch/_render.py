"""Plain-text rendering of json-v2 results: one line per speaker (or channel) turn.

Unlike speechmatics.batch, punctuation is joined according to its ``attaches_to`` value, so
"Hi (there)" stays "Hi (there)", and a language pack's word delimiter ("" for Japanese) is used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


class _Alternative(Protocol):
    content: str
    language: str | None
    speaker: str | None


class _Result(Protocol):
    type: str
    channel: str | None
    attaches_to: str | None

    @property
    def best(self) -> _Alternative | None: ...


_RENDERED_TYPES = frozenset({"word", "punctuation", "entity"})
_GLUE_LEFT = frozenset({"previous", "both"})
_GLUE_RIGHT = frozenset({"next", "both"})


@dataclass
class _Turn:
    label: str | None
    is_channel: bool
    text: str = ""
    glue_next: bool = field(default=False)

    def render(self) -> str:
        text = self.text.strip()
        if self.label is None:
            return text
        prefix = f"{self.label}:" if self.is_channel else f"SPEAKER {self.label}:"
        return f"{prefix} {text}" if text else prefix


def _delimiter(language: str | None, pack: Mapping[str, Any]) -> str:
    per_language = pack.get("per_language_word_delimiters")
    if language and isinstance(per_language, Mapping):
        value = per_language.get(language)
        if isinstance(value, str):
            return value
    value = pack.get("word_delimiter")
    return value if isinstance(value, str) else " "


def _turn_key(result: _Result, alternative: _Alternative) -> tuple[str | None, bool]:
    speaker = alternative.speaker
    if speaker and speaker != "UU":
        return speaker, False
    if result.channel:
        return result.channel, True
    return None, False


def render_transcript_text(results: Iterable[_Result], language_pack: Mapping[str, Any]) -> str:
    turns: list[_Turn] = []
    for result in results:
        alternative = result.best
        if alternative is None or not alternative.content or result.type not in _RENDERED_TYPES:
            continue
        is_punctuation = result.type == "punctuation"
        attaches = (result.attaches_to or "previous") if is_punctuation else "none"
        label, is_channel = _turn_key(result, alternative)
        current = turns[-1] if turns else None
        # Punctuation glued to the previous word stays in that word's turn.
        stays = current is not None and is_punctuation and attaches in _GLUE_LEFT
        key = (label, is_channel)
        same_turn = current is not None and (current.label, current.is_channel) == key
        if current is None or not (stays or same_turn):
            current = _Turn(label, is_channel)
            turns.append(current)
        elif current.text and not current.glue_next and attaches not in _GLUE_LEFT:
            current.text += _delimiter(alternative.language, language_pack)
        current.text += alternative.content
        current.glue_next = attaches in _GLUE_RIGHT
    return "\n".join(line for line in (turn.render() for turn in turns) if line)
