"""Reading and writing single json-v2 results (``results[]`` items) without losing anything.

Most results are "plain": exactly the fields a :class:`Word` holds. Those are rebuilt from the Word
when writing, so no per-word dict has to stay in memory. Anything else (entities, tags, display,
volume, unknown keys, unusual types) keeps its original dict, and only the fields the user edited
are written back into a copy of it.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from typing import Any

from smdesk.core.words import ENTITY, PUNCTUATION, TOKEN_KINDS, UNKNOWN_SPEAKER, WORD, Word

_PLAIN_RESULT_KEYS = frozenset(
    {"type", "start_time", "end_time", "alternatives", "attaches_to", "is_eos", "channel"}
)
_PLAIN_ALTERNATIVE_KEYS = frozenset({"content", "confidence", "language", "speaker"})
_intern = sys.intern
_INF = math.inf


def number(value: object, default: float = 0.0) -> float:
    """A finite float from a JSON number (or numeric string); ``default`` otherwise."""
    if isinstance(value, bool):
        return default
    if isinstance(value, float):
        return value if math.isfinite(value) else default
    if isinstance(value, int):
        return float(value)
    if isinstance(value, str):
        try:
            parsed = float(value)
        except ValueError:
            return default
        return parsed if math.isfinite(parsed) else default
    return default


def _optional_str(value: object) -> str | None:
    return _intern(value) if isinstance(value, str) and value else None


def first_alternative(result: object) -> Mapping[str, Any]:
    if not isinstance(result, Mapping):
        return {}
    alternatives = result.get("alternatives")
    if isinstance(alternatives, list) and alternatives and isinstance(alternatives[0], Mapping):
        return alternatives[0]
    return {}


def _entity_text(result: Mapping[str, Any], fallback: object) -> object:
    written = result.get("written_form")
    if isinstance(written, list) and written:
        parts = [first_alternative(item).get("content") for item in written]
        texts = [part for part in parts if isinstance(part, str) and part]
        if texts:
            return " ".join(texts)
    return fallback


def speaker_of(alternative: Mapping[str, Any], channel: str | None) -> str:
    """The turn id: the alternative's speaker, or the channel label when diarized by channel."""
    speaker = alternative.get("speaker")
    if not isinstance(speaker, str) or not speaker:
        speaker = UNKNOWN_SPEAKER
    if speaker == UNKNOWN_SPEAKER and channel is not None:
        return channel
    return _intern(speaker)


def parse_result(result: object) -> Word | None:
    """A Word for a word/punctuation/entity result; None for anything that is not a token."""
    if not isinstance(result, Mapping):
        return None
    kind = result.get("type")
    if kind not in TOKEN_KINDS:
        return None
    alternative = first_alternative(result)
    content: object = alternative.get("content")
    if kind == ENTITY:
        content = _entity_text(result, content)
    if not isinstance(content, str) or not content.strip():
        return None
    start = number(result.get("start_time"))
    end = max(start, number(result.get("end_time"), start))
    channel = _optional_str(result.get("channel"))
    confidence = alternative.get("confidence")
    attaches_to = result.get("attaches_to")
    return Word(
        text=content,
        start=start,
        end=end,
        kind=_intern(kind),
        speaker=speaker_of(alternative, channel),
        channel=channel,
        confidence=number(confidence) if _is_number(confidence) else None,
        attaches_to=_intern(attaches_to) if isinstance(attaches_to, str) else None,
        is_eos=result.get("is_eos") is True,
        language=_optional_str(alternative.get("language")),
    )


def plain_word(result: object) -> Word | None:
    """The Word of a result that :func:`is_plain` would accept, read in one pass; else None.

    The fast path for the ~30,000 ordinary results of a long transcript: exact type checks
    instead of ABC ``isinstance`` chains, every field looked up once, and no key-set
    comparison: each field is checked, so counting them tells that nothing else is there.
    Anything unusual (integer times, entities, extra keys, nulls) returns None and goes through
    :func:`parse_result` and :func:`is_plain`, which give the same Word for what this accepts.
    """
    if type(result) is not dict:
        return None
    alternatives = result.get("alternatives")
    if type(alternatives) is not list or len(alternatives) != 1:
        return None
    alternative = alternatives[0]
    if type(alternative) is not dict:
        return None
    kind = result.get("type")
    attaches_to: str | None = None
    is_eos = False
    if kind == WORD:
        kind, keys = WORD, 4
    elif kind == PUNCTUATION:
        attached, eos = result.get("attaches_to"), result.get("is_eos")
        if type(attached) is not str or type(eos) is not bool:
            return None
        kind, attaches_to, is_eos, keys = PUNCTUATION, _intern(attached), eos, 6
    else:
        return None
    start, end = result.get("start_time"), result.get("end_time")
    content, speaker = alternative.get("content"), alternative.get("speaker")
    confidence, language = alternative.get("confidence"), alternative.get("language")
    channel = result.get("channel")
    # A null or unexpected key makes a count differ: such results take the general path.
    if (
        len(result) != keys + (channel is not None)
        or len(alternative) != 2 + (confidence is not None) + (language is not None)
        or type(start) is not float
        or type(end) is not float
        or not -_INF < start <= end < _INF
        or type(content) is not str
        or not content.strip()
        or type(speaker) is not str
        or not speaker
        or speaker == channel
    ):
        return None
    if confidence is not None and (type(confidence) is not float or not -_INF < confidence < _INF):
        return None
    if language is not None:
        if type(language) is not str or not language:
            return None
        language = _intern(language)
    if channel is not None:
        if type(channel) is not str or not channel:
            return None
        channel = _intern(channel)
        if speaker == UNKNOWN_SPEAKER:
            speaker = channel
    return Word(
        content, start, end, kind, _intern(speaker), channel, confidence, attaches_to, is_eos,
        language,
    )


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def is_plain(result: Mapping[str, Any], word: Word) -> bool:
    """True when :func:`render_plain` of ``word`` reproduces ``result`` exactly (as JSON values)."""
    if not result.keys() <= _PLAIN_RESULT_KEYS or word.kind == ENTITY:
        return False
    alternatives = result["alternatives"]
    if len(alternatives) != 1:
        return False
    alternative = alternatives[0]
    if not alternative.keys() <= _PLAIN_ALTERNATIVE_KEYS:
        return False
    punctuation = word.kind == PUNCTUATION
    if ("is_eos" in result) != punctuation or ("attaches_to" in result) != punctuation:
        return False
    if punctuation and not (
        isinstance(result["attaches_to"], str) and isinstance(result["is_eos"], bool)
    ):
        return False
    speaker = alternative.get("speaker")
    if not isinstance(speaker, str) or not speaker or speaker == word.channel:
        return False
    if "channel" in result and not (isinstance(result["channel"], str) and result["channel"]):
        return False
    if "language" in alternative and not (
        isinstance(alternative["language"], str) and alternative["language"]
    ):
        return False
    if "confidence" in alternative and not _is_number(alternative["confidence"]):
        return False
    start, end = result.get("start_time"), result.get("end_time")
    return (
        _is_number(start)
        and _is_number(end)
        and start == word.start
        and end == word.end
        and alternative.get("content") == word.text
    )


def _written_speaker(word: Word) -> str:
    # Channel-diarized words carry "UU" in the file; the channel label is implied.
    if word.channel is not None and word.speaker == word.channel:
        return UNKNOWN_SPEAKER
    return word.speaker


def render_plain(word: Word) -> dict[str, Any]:
    """The json-v2 result for a Word (the exact inverse of :func:`parse_result` for plain ones)."""
    alternative: dict[str, Any] = {"content": word.text}
    if word.confidence is not None:
        alternative["confidence"] = word.confidence
    if word.language is not None:
        alternative["language"] = word.language
    alternative["speaker"] = _written_speaker(word)
    result: dict[str, Any] = {
        "alternatives": [alternative],
        "start_time": word.start,
        "end_time": word.end,
        "type": word.kind,
    }
    if word.kind == PUNCTUATION:
        result["attaches_to"] = word.attaches_to if word.attaches_to is not None else "previous"
        result["is_eos"] = word.is_eos
    if word.channel is not None:
        result["channel"] = word.channel
    return result


def copy_json(value: Any) -> Any:
    """A deep copy of JSON-shaped data (much faster than copy.deepcopy)."""
    if isinstance(value, dict):
        return {key: copy_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copy_json(item) for item in value]
    return value


def _set(target: dict[str, Any], key: str, value: object) -> None:
    if value is None:
        target.pop(key, None)
    else:
        target[key] = value


def _alternative_for_writing(result: dict[str, Any]) -> dict[str, Any]:
    alternatives = result.get("alternatives")
    if not (isinstance(alternatives, list) and alternatives and isinstance(alternatives[0], dict)):
        alternatives = [{}]
        result["alternatives"] = alternatives
    first: dict[str, Any] = alternatives[0]
    return first


def render_edited(original: Mapping[str, Any], parsed: Word, word: Word) -> dict[str, Any]:
    """A copy of ``original`` with whatever differs between ``parsed`` and ``word`` written in."""
    result: dict[str, Any] = copy_json(dict(original))
    if word.text != parsed.text:
        _alternative_for_writing(result)["content"] = word.text
        if word.kind == ENTITY:
            result["written_form"] = [_written_form_word(word)]
    if word.speaker != parsed.speaker:
        _alternative_for_writing(result)["speaker"] = _written_speaker(word)
    if word.confidence != parsed.confidence:
        _set(_alternative_for_writing(result), "confidence", word.confidence)
    if word.language != parsed.language:
        _set(_alternative_for_writing(result), "language", word.language)
    if word.start != parsed.start:
        result["start_time"] = word.start
    if word.end != parsed.end:
        result["end_time"] = word.end
    if word.kind != parsed.kind:
        result["type"] = word.kind
    if word.attaches_to != parsed.attaches_to:
        _set(result, "attaches_to", word.attaches_to)
    if word.is_eos != parsed.is_eos:
        result["is_eos"] = word.is_eos
    if word.channel != parsed.channel:
        _set(result, "channel", word.channel)
    return result


def _written_form_word(word: Word) -> dict[str, Any]:
    alternative: dict[str, Any] = {"content": word.text, "speaker": _written_speaker(word)}
    if word.confidence is not None:
        alternative["confidence"] = word.confidence
    if word.language is not None:
        alternative["language"] = word.language
    return {
        "alternatives": [alternative],
        "start_time": word.start,
        "end_time": word.end,
        "type": "word",
    }
