"""Assemble a json-v2 transcript (format 2.9) from tokens and the job config."""

from __future__ import annotations

import re
from typing import Any

from smdesk.core.languages import is_translation_supported, language_name
from smdesk.sandbox.transcribe import Token, join_tokens, sentences_of

FORMAT_VERSION = "2.9"
ORCHESTRATOR_VERSION = "2025.06.28+sandbox+13.4.0"
NO_DELIMITER_LANGUAGES = frozenset({"cmn", "ja", "yue", "th"})
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ug"})
_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_RE = re.compile(r"^(\d{1,4})(%?)$")


def translation_supported(source: str, target: str) -> bool:
    # The API's own pairs; core.languages is the one table of them (reference §G).
    return source != "auto" and is_translation_supported(source, target)


def number_words(n: int) -> list[str]:
    """English words for 0..9999 (years read as pairs: 2019 -> twenty nineteen)."""
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        return [_TENS[n // 10]] + ([_ONES[n % 10]] if n % 10 else [])
    if n < 1000:
        rest = number_words(n % 100) if n % 100 else []
        return [_ONES[n // 100], "hundred", *rest]
    if 1100 <= n <= 2099 and n % 100 and not 2000 <= n <= 2009:
        return number_words(n // 100) + number_words(n % 100)
    rest = number_words(n % 1000) if n % 1000 else []
    return [*number_words(n // 1000), "thousand", *rest]


def language_pack_info(language: str) -> dict[str, Any]:
    return {
        "adapted": False,
        "itn": True,
        "language_description": language_name(language),
        "word_delimiter": "" if language in NO_DELIMITER_LANGUAGES else " ",
        "writing_direction": "right-to-left" if language in RTL_LANGUAGES else "left-to-right",
    }


def _alternative(
    token: Token, language: str, speaker: str, content: str | None = None
) -> dict[str, Any]:
    return {
        "confidence": token.confidence,
        "content": token.text if content is None else content,
        "language": language,
        "speaker": speaker,
    }


class _Assembler:
    """Holds the per-job choices (language, diarization, channel labels) while building."""

    def __init__(self, config: dict[str, Any], channels: int | None) -> None:
        tc = config.get("transcription_config") or {}
        language = str(tc.get("language") or "en")
        self.language = "en" if language in ("auto", "multi") else language
        self.diarization = tc.get("diarization") or "none"
        labels = tc.get("channel_diarization_labels") or []
        count = len(labels) or max(channels or 1, 1)
        self.channel_labels = [
            labels[i] if i < len(labels) else f"Channel {i + 1}" for i in range(count)
        ]
        self.entities = bool(tc.get("enable_entities"))

    def speaker(self, token: Token) -> str:
        return token.speaker if self.diarization == "speaker" else "UU"

    def channel(self, token: Token) -> str | None:
        if self.diarization != "channel":
            return None
        index = int(token.speaker[1:] or 1) - 1 if token.speaker[1:].isdigit() else 0
        return self.channel_labels[index % len(self.channel_labels)]

    def result(self, token: Token) -> dict[str, Any]:
        item: dict[str, Any] = {
            "alternatives": [_alternative(token, self.language, self.speaker(token))],
            "end_time": token.end,
            "start_time": token.start,
            "type": token.kind,
        }
        if token.kind == "punctuation":
            item["attaches_to"] = token.attaches_to or "previous"
            item["is_eos"] = token.is_eos
        channel = self.channel(token)
        if channel is not None:
            item["channel"] = channel
        match = _NUMBER_RE.match(token.text) if self.entities and token.kind == "word" else None
        if match:
            return self.entity(token, item, int(match.group(1)), bool(match.group(2)))
        return item

    def entity(
        self, token: Token, item: dict[str, Any], value: int, percent: bool
    ) -> dict[str, Any]:
        spoken = number_words(value) + (["percent"] if percent else [])
        step = (token.end - token.start) / len(spoken)
        speaker = self.speaker(token)
        spoken_form = []
        for i, word in enumerate(spoken):
            start = round(token.start + i * step, 3)
            end = round(start + step, 3)
            sub = Token(word, "word", start, end, token.speaker, token.confidence)
            alternatives = [_alternative(sub, self.language, speaker)]
            spoken_form.append(
                {"alternatives": alternatives, "end_time": end, "start_time": start, "type": "word"}
            )
        written = {
            "alternatives": [_alternative(token, self.language, speaker)],
            "end_time": token.end,
            "start_time": token.start,
            "type": "word",
        }
        item.update(
            type="entity",
            entity_class=_entity_class(value, percent),
            spoken_form=spoken_form,
            written_form=[written],
        )
        return item


def _entity_class(value: int, percent: bool) -> str:
    if percent:
        return "percentage"
    return "date" if 1900 <= value <= 2099 else "cardinal"


def build_transcript(
    *,
    job: dict[str, Any],
    config: dict[str, Any],
    tokens: list[Token],
    channels: int | None,
    created_at: str,
    speakers: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The full json-v2 document. `job` is {created_at, data_name, duration, id[, tracking]}."""
    asm = _Assembler(config, channels)
    metadata: dict[str, Any] = {
        "created_at": created_at,
        "type": "transcription",
        "transcription_config": dict(config.get("transcription_config") or {}),
        "language_pack_info": language_pack_info(asm.language),
        "orchestrator_version": ORCHESTRATOR_VERSION,
    }
    for key in ("output_config", "translation_config", "summarization_config"):
        if key in config and config[key] is not None:
            metadata[key] = config[key]
    language = (config.get("transcription_config") or {}).get("language")
    if language == "auto" and tokens:
        # Language identification "detected" the language the sandbox text is written in.
        detected = {"alternatives": [{"language": asm.language, "confidence": 0.98}],
                    "start_time": tokens[0].start, "end_time": tokens[-1].end}  # fmt: skip
        metadata["language_identification"] = {"results": [detected]}
    doc: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "job": job,
        "metadata": metadata,
        "results": [asm.result(t) for t in tokens],
    }
    if speakers is not None:  # get_speakers: one entry per voice, with its identifiers
        doc["speakers"] = speakers
    targets = (config.get("translation_config") or {}).get("target_languages") or []
    if targets:
        translations, errors = _translations(asm, tokens, targets)
        doc["translations"] = translations
        if errors:
            metadata["translation_errors"] = errors
    if "summarization_config" in config:
        summary, summary_errors = _summary(tokens, config.get("summarization_config") or {})
        if summary is not None:
            doc["summary"] = {"content": summary}
        if summary_errors:
            metadata["summarization_errors"] = summary_errors
    return doc


def _translations(
    asm: _Assembler, tokens: list[Token], targets: list[str]
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, str]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    errors: list[dict[str, str]] = []
    sentences = [s for s in sentences_of(tokens) if any(t.kind == "word" for t in s)]
    for target in targets:
        if not translation_supported(asm.language, target):
            errors.append(
                {
                    "type": "unsupported_translation_pair",
                    "message": f"Translation from {asm.language} to {target} currently "
                    "not supported",
                }
            )
            continue
        segments = []
        for sentence in sentences:
            # Pseudo-translation, clearly marked: the source sentence prefixed by the target.
            segment: dict[str, Any] = {
                "content": f"[{target}] {join_tokens(sentence)}",
                "end_time": sentence[-1].end,
                "start_time": sentence[0].start,
            }
            if asm.diarization == "speaker":
                segment["speaker"] = sentence[0].speaker
            channel = asm.channel(sentence[0])
            if channel is not None:
                segment["channel"] = channel
            segments.append(segment)
        out[target] = segments
    return out, errors


def _summary(tokens: list[Token], cfg: dict[str, Any]) -> tuple[str | None, list[dict[str, str]]]:
    sentences = [join_tokens(s) for s in sentences_of(tokens) if any(t.kind == "word" for t in s)]
    if not sentences:
        return None, [{"type": "summarization_failed", "message": "No speech to summarize."}]
    speakers = sorted({t.speaker for t in tokens})
    count = 6 if cfg.get("summary_length") == "detailed" else 3
    points = [f"The recording has {len(speakers)} speakers.", *sentences[: count - 1]]
    if cfg.get("summary_type") == "paragraphs":
        return "[sandbox summary] " + " ".join(points), []
    return "[sandbox summary]\n" + "\n".join(f"- {p}" for p in points), []
