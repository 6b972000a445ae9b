"""Job options as the user chooses them, their validation, and the API JobConfig they produce."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from smdesk.core.languages import (
    AUTO,
    LANGUAGES,
    MAX_TRANSLATION_TARGETS,
    NOT_AUTO_DETECTABLE,
    SUMMARY_CONTENT_TYPES,
    SUMMARY_LENGTHS,
    SUMMARY_STYLES,
    is_translation_supported,
    language_name,
)
from smdesk.core.options_json import options_from_mapping
from smdesk.core.vocab import (
    MAX_VOCAB_ENTRIES,
    VocabEntry,
    entry_problems,
    too_many_entries_message,
)
from smdesk.core.voices import (
    RECOGNISE_MODES,
    KnownVoice,
    choose_voices,
    rename_voice_in,
    speakers_config,
)

__all__ = [
    "DIARIZATION_MODES",
    "OPERATING_POINTS",
    "JobOptions",
    "SummaryOptions",
    "ValidationIssue",
    "VocabEntry",
]

OPERATING_POINTS: dict[str, str] = {
    "enhanced": "Enhanced (most accurate)",
    "standard": "Standard (faster)",
}
DIARIZATION_MODES: dict[str, str] = {
    "none": "Off",
    "speaker": "By speaker",
    "channel": "By channel (one speaker per audio channel)",
}
SRT_LINE_LENGTH_RANGE = (10, 100)
SRT_LINES_RANGE = (1, 5)


@dataclass(frozen=True)
class SummaryOptions:
    content_type: str = "auto"  # auto | informative | conversational
    length: str = "brief"  # brief | detailed
    style: str = "bullets"  # bullets | paragraphs  (the API calls it summary_type)


@dataclass(frozen=True)
class ValidationIssue:
    """One problem with the options: ``field`` is the JobOptions attribute it is about."""

    field: str
    message: str
    blocking: bool = True  # False: the job runs, but not as the user expects (a warning)


@dataclass
class JobOptions:
    language: str = "en"
    operating_point: str = "enhanced"
    diarization: str = "speaker"  # none | speaker | channel
    speaker_sensitivity: float | None = None  # 0..1, only with speaker diarization
    translation_targets: list[str] = field(default_factory=list)
    summary: SummaryOptions | None = None
    vocab: list[VocabEntry] = field(default_factory=list)
    srt_max_line_length: int = 37
    srt_max_lines: int = 2
    enable_entities: bool = False
    expected_languages: list[str] = field(default_factory=list)  # narrows "auto" detection
    recognise_voices: str = "off"  # off | all | chosen (known voices, by speaker diarization)
    chosen_voices: list[str] = field(default_factory=list)  # names, for "chosen"

    # -- API -----------------------------------------------------------------------------------

    def to_config_dict(self, known_voices: Sequence[KnownVoice] = ()) -> dict[str, Any]:
        """The API's JobConfig JSON for these options.

        With speaker diarization every job asks for voice identifiers (``get_speakers``), so any
        speaker can later be remembered; `known_voices` (all the user's) are sent as
        ``speakers`` when the options recognise them.
        """
        transcription: dict[str, Any] = {
            "language": self.language,
            "operating_point": self.operating_point,
        }
        if self.diarization != "none":
            transcription["diarization"] = self.diarization
        if self.diarization == "speaker":
            transcription["speaker_diarization_config"] = self._speaker_config(known_voices)
        if self.vocab:
            transcription["additional_vocab"] = [entry.to_api() for entry in self.vocab]
        if self.enable_entities:
            transcription["enable_entities"] = True
        config: dict[str, Any] = {"type": "transcription", "transcription_config": transcription}
        if self.language == AUTO:
            identification: dict[str, Any] = {}
            if self.expected_languages:
                identification["expected_languages"] = list(self.expected_languages)
            config["language_identification_config"] = identification
        if self.translation_targets:
            config["translation_config"] = {"target_languages": list(self.translation_targets)}
        if self.summary is not None:
            config["summarization_config"] = {
                "content_type": self.summary.content_type,
                "summary_length": self.summary.length,
                "summary_type": self.summary.style,
            }
        # No output_config.srt_overrides: subtitles are laid out locally at export time
        # (smdesk.core.subtitles), never taken from the server's SRT.
        return config

    def _speaker_config(self, known_voices: Sequence[KnownVoice]) -> dict[str, Any]:
        sdc: dict[str, Any] = {}
        if self.speaker_sensitivity is not None:
            sdc["speaker_sensitivity"] = self.speaker_sensitivity
        sdc["get_speakers"] = True
        speakers = speakers_config(self.voices_to_recognise(known_voices))
        if speakers:
            sdc["speakers"] = speakers
        return sdc

    def voices_to_recognise(self, known_voices: Sequence[KnownVoice]) -> list[KnownVoice]:
        if self.diarization != "speaker":
            return []
        return choose_voices(self.recognise_voices, self.chosen_voices, known_voices)

    def with_voice_renamed(self, old: str, new: str) -> JobOptions | None:
        """These options with the chosen voice `old` called `new`; None when it is not chosen
        (stored choices: a queued job, the last used options, a preset)."""
        renamed = rename_voice_in(self.chosen_voices, old, new)
        return None if renamed is None else replace(self, chosen_voices=renamed)

    def describe(self) -> str:
        """Short summary for the queue: "English · speakers · → es, fr · summary"."""
        parts = [language_name(self.language)]
        if self.operating_point != "enhanced":
            parts.append(self.operating_point)
        if self.diarization == "speaker":
            parts.append("speakers")
        elif self.diarization == "channel":
            parts.append("channels")
        if self.translation_targets:
            parts.append("→ " + ", ".join(self.translation_targets))
        if self.summary is not None:
            parts.append("summary")
        if self.vocab:
            parts.append(f"{len(self.vocab)} custom word{'s' if len(self.vocab) != 1 else ''}")
        if self.enable_entities:
            parts.append("entities")
        if self.diarization == "speaker" and self.recognise_voices == "all":
            parts.append("known voices")
        elif self.diarization == "speaker" and self.recognise_voices == "chosen":
            parts.append("voices: " + ", ".join(self.chosen_voices))
        return " · ".join(parts)

    # -- persistence ---------------------------------------------------------------------------

    def to_json(self) -> str:
        data = asdict(self)
        data["vocab"] = [
            {"content": e.content, "sounds_like": list(e.sounds_like)} for e in self.vocab
        ]
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, s: str) -> JobOptions:
        """Options saved by any version; unknown keys are ignored, bad values fall back to
        defaults. Raises ValueError (one sentence) when ``s`` is not a JSON object."""
        try:
            data = json.loads(s)
        except (TypeError, ValueError):
            raise ValueError("The saved job options are not valid JSON; defaults apply.") from None
        if not isinstance(data, dict):
            raise ValueError("The saved job options are not a JSON object; defaults apply.")
        values = options_from_mapping(data)
        summary = values.pop("summary")
        return cls(summary=SummaryOptions(**summary) if summary is not None else None, **values)

    # -- validation ----------------------------------------------------------------------------

    def validate(self) -> list[str]:
        """Every problem as a sentence naming the option (see :meth:`issues` for severity)."""
        return [issue.message for issue in self.issues()]

    def issues(self) -> list[ValidationIssue]:
        return [
            *self._language_issues(),
            *self._diarization_issues(),
            *self._voice_issues(),
            *self._translation_issues(),
            *self._summary_issues(),
            *self._vocab_issues(),
            *self._srt_issues(),
        ]

    def _language_issues(self) -> list[ValidationIssue]:
        issues = []
        if self.language not in LANGUAGES:
            issues.append(
                ValidationIssue(
                    "language",
                    f"Language {self.language!r} is not a Speechmatics language; "
                    "choose one from the list.",
                )
            )
        if self.operating_point not in OPERATING_POINTS:
            issues.append(
                ValidationIssue(
                    "operating_point",
                    f"Accuracy {self.operating_point!r} is unknown; choose Enhanced or Standard.",
                )
            )
        for code in self.expected_languages:
            if code not in LANGUAGES or code == AUTO:
                issues.append(
                    ValidationIssue(
                        "expected_languages",
                        f"Expected language {code!r} is not a Speechmatics language.",
                    )
                )
            elif code in NOT_AUTO_DETECTABLE:
                issues.append(
                    ValidationIssue(
                        "expected_languages",
                        f"{language_name(code)} cannot be detected automatically; "
                        "choose it as the language instead.",
                        blocking=False,
                    )
                )
        return issues

    def _diarization_issues(self) -> list[ValidationIssue]:
        issues = []
        if self.diarization not in DIARIZATION_MODES:
            issues.append(
                ValidationIssue(
                    "diarization",
                    f"Speaker detection {self.diarization!r} is unknown; "
                    "choose none, speaker or channel.",
                )
            )
        sensitivity = self.speaker_sensitivity
        if sensitivity is not None and not (math.isfinite(sensitivity) and 0 <= sensitivity <= 1):
            issues.append(
                ValidationIssue(
                    "speaker_sensitivity",
                    f"Speaker sensitivity must be between 0 and 1 (it is {sensitivity}).",
                )
            )
        elif sensitivity is not None and self.diarization != "speaker":
            issues.append(
                ValidationIssue(
                    "speaker_sensitivity",
                    "Speaker sensitivity only applies when speakers are detected by voice; "
                    "it will be ignored.",
                    blocking=False,
                )
            )
        return issues

    def _voice_issues(self) -> list[ValidationIssue]:
        if self.recognise_voices not in RECOGNISE_MODES:
            message = f"Recognise voices {self.recognise_voices!r} is unknown; choose off, all "
            return [ValidationIssue("recognise_voices", message + "or chosen.")]
        if self.recognise_voices == "off":
            return []
        if self.diarization != "speaker":
            return [ValidationIssue(
                "recognise_voices",
                "Known voices are only recognised when speakers are detected by voice; "
                "they will be ignored.", blocking=False,
            )]  # fmt: skip
        if self.recognise_voices == "chosen" and not self.chosen_voices:
            return [ValidationIssue(
                "chosen_voices", "No known voice is chosen; choose some or recognise all.",
                blocking=False,
            )]  # fmt: skip
        return []

    def _translation_issues(self) -> list[ValidationIssue]:
        issues = []
        targets = self.translation_targets
        if len(targets) > MAX_TRANSLATION_TARGETS:
            excess = len(targets) - MAX_TRANSLATION_TARGETS
            issues.append(
                ValidationIssue(
                    "translation_targets",
                    f"Translation allows at most {MAX_TRANSLATION_TARGETS} target languages "
                    f"per job ({len(targets)} are selected); remove {excess}.",
                )
            )
        if len(set(targets)) != len(targets):
            issues.append(
                ValidationIssue(
                    "translation_targets", "A translation target language is listed twice."
                )
            )
        for target in dict.fromkeys(targets):
            if not is_translation_supported(self.language, target):
                issues.append(
                    ValidationIssue(
                        "translation_targets",
                        f"Translation from {language_name(self.language)} to "
                        f"{language_name(target)} is not supported; remove {target!r}.",
                    )
                )
        return issues

    def _summary_issues(self) -> list[ValidationIssue]:
        summary = self.summary
        if summary is None:
            return []
        checks = (
            ("content type", summary.content_type, SUMMARY_CONTENT_TYPES),
            ("length", summary.length, SUMMARY_LENGTHS),
            ("style", summary.style, SUMMARY_STYLES),
        )
        return [
            ValidationIssue(
                "summary",
                f"Summary {label} {value!r} is unknown; choose {' or '.join(choices)}.",
            )
            for label, value, choices in checks
            if value not in choices
        ]

    def _vocab_issues(self) -> list[ValidationIssue]:
        issues = []
        if len(self.vocab) > MAX_VOCAB_ENTRIES:
            issues.append(ValidationIssue("vocab", too_many_entries_message(len(self.vocab))))
        for entry in self.vocab:
            if not entry.content.strip():
                issues.append(ValidationIssue("vocab", "A custom dictionary entry is empty."))
            for problem in entry_problems(entry):
                issues.append(
                    ValidationIssue(
                        "vocab", f'Custom dictionary entry "{entry.content}" {problem}.', False
                    )
                )
        return issues

    def _srt_issues(self) -> list[ValidationIssue]:
        issues = []
        low, high = SRT_LINE_LENGTH_RANGE
        if not low <= self.srt_max_line_length <= high:
            issues.append(
                ValidationIssue(
                    "srt_max_line_length",
                    f"Subtitle line length must be between {low} and {high} characters "
                    f"(it is {self.srt_max_line_length}).",
                )
            )
        low, high = SRT_LINES_RANGE
        if not low <= self.srt_max_lines <= high:
            issues.append(
                ValidationIssue(
                    "srt_max_lines",
                    f"Subtitle lines per caption must be between {low} and {high} "
                    f"(it is {self.srt_max_lines}).",
                )
            )
        return issues
