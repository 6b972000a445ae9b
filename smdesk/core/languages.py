"""Speechmatics languages, translation pairs and summary choices, with human labels.

Source: the API reference §G (Enhanced/Standard transcription languages; translation en ↔ 34
languages plus no → nn, batch only; at most 5 targets per job).

For ``auto`` (language identification) the source language is unknown when the job is set up, so
:func:`translation_targets` offers the union of every target: the API does not reject the job for
an unsupported pair in that case, it reports ``unsupported_translation_pair`` in
``metadata.translation_errors`` and transcribes anyway.
"""

from __future__ import annotations

import re

AUTO = "auto"
MAX_TRANSLATION_TARGETS = 5

# code -> human name, "auto" first, then by name (the order a language menu shows).
LANGUAGES: dict[str, str] = {
    AUTO: "Detect automatically",
    "ar": "Arabic",
    "ar_en": "Arabic & English",
    "ba": "Bashkir",
    "eu": "Basque",
    "be": "Belarusian",
    "bn": "Bengali",
    "bg": "Bulgarian",
    "yue": "Cantonese",
    "ca": "Catalan",
    "hr": "Croatian",
    "cs": "Czech",
    "da": "Danish",
    "nl": "Dutch",
    "en": "English",
    "eo": "Esperanto",
    "et": "Estonian",
    "fi": "Finnish",
    "fr": "French",
    "gl": "Galician",
    "de": "German",
    "el": "Greek",
    "he": "Hebrew",
    "hi": "Hindi",
    "hu": "Hungarian",
    "id": "Indonesian",
    "ia": "Interlingua",
    "ga": "Irish",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "lv": "Latvian",
    "lt": "Lithuanian",
    "ms": "Malay",
    "en_ms": "Malay & English",
    "mt": "Maltese",
    "cmn": "Mandarin",
    "cmn_en": "Mandarin & English",
    "cmn_en_ms_ta": "Mandarin, Malay, Tamil & English",
    "mr": "Marathi",
    "mn": "Mongolian",
    "no": "Norwegian",
    "fa": "Persian",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovakian",
    "sl": "Slovenian",
    "es": "Spanish",
    "sw": "Swahili",
    "sv": "Swedish",
    "tl": "Tagalog & English",
    "ta": "Tamil",
    "en_ta": "Tamil & English",
    "th": "Thai",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "ug": "Uyghur",
    "vi": "Vietnamese",
    "cy": "Welsh",
}

# Languages that are only ever translation targets, never transcription languages.
_TARGET_ONLY_NAMES = {"nn": "Norwegian Nynorsk"}

# Languages that English translates into; each of them also translates into English.
_ENGLISH_PAIRS = frozenset(
    {
        "bg",
        "ca",
        "cmn",
        "cs",
        "da",
        "de",
        "el",
        "es",
        "et",
        "fi",
        "fr",
        "gl",
        "hi",
        "hr",
        "hu",
        "id",
        "it",
        "ja",
        "ko",
        "lt",
        "lv",
        "ms",
        "nl",
        "no",
        "pl",
        "pt",
        "ro",
        "ru",
        "sk",
        "sl",
        "sv",
        "tr",
        "uk",
        "vi",
    }
)
_EXTRA_PAIRS: dict[str, frozenset[str]] = {"no": frozenset({"nn"})}

# Language identification cannot pick these (API reference §G).
NOT_AUTO_DETECTABLE = frozenset({"bn", "yue", "eo", "ia", "ga", "mt", "tl", "ur", "ug", "sw"})

SUMMARY_CONTENT_TYPES: dict[str, str] = {
    "auto": "Automatic",
    "informative": "Informative (lecture, news, presentation)",
    "conversational": "Conversational (interview, meeting, call)",
}
SUMMARY_LENGTHS: dict[str, str] = {"brief": "Brief", "detailed": "Detailed"}
SUMMARY_STYLES: dict[str, str] = {"bullets": "Bullet points", "paragraphs": "Paragraphs"}


def language_name(code: str) -> str:
    """The human name of a transcription or translation language; the code itself if unknown."""
    return LANGUAGES.get(code) or _TARGET_ONLY_NAMES.get(code) or code


def _targets_of(source: str) -> set[str]:
    if source == "en":
        targets = set(_ENGLISH_PAIRS)
    elif source in _ENGLISH_PAIRS:
        targets = {"en"}
    else:
        targets = set()
    return targets | _EXTRA_PAIRS.get(source, frozenset())


def translation_targets(source: str) -> list[str]:
    """Codes ``source`` can be translated into, sorted by human name ([] when none).

    For "auto" this is every target of every source (see the module docstring).
    """
    if source == AUTO:
        targets: set[str] = {"en", *_ENGLISH_PAIRS}
        for extra in _EXTRA_PAIRS.values():
            targets |= extra
    else:
        targets = _targets_of(source)
    return sorted(targets, key=language_name)


def is_translation_supported(source: str, target: str) -> bool:
    """Whether the API translates ``source`` into ``target`` (always True-ish for "auto")."""
    if source == AUTO:
        return target in translation_targets(AUTO)
    return target in _targets_of(source)


def search_languages(typed: str, codes: list[str]) -> list[str]:
    """``codes`` whose name or code matches ``typed``, best first.

    Order: exact name or code, name starting with the text, a later word of the name starting
    with it ("Malay & English"), then anywhere; ties keep the order of ``codes``. So typing
    "English" offers English before the bilingual packs that contain the word.
    """
    needle = typed.strip().casefold()
    if not needle:
        return list(codes)
    ranked: list[tuple[int, int, str]] = []
    for position, code in enumerate(codes):
        name = language_name(code).casefold()
        words = re.split(r"[\s&,()]+", name)
        if needle in (name, code.casefold()):
            rank = 0
        elif name.startswith(needle) or code.casefold().startswith(needle):
            rank = 1
        elif any(word.startswith(needle) for word in words[1:]):
            rank = 2
        elif needle in name:
            rank = 3
        else:
            continue
        ranked.append((rank, position, code))
    return [code for _, _, code in sorted(ranked)]
