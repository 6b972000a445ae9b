"""Job configuration models (the ``config`` part of ``POST /v2/jobs``).

Names and fields follow ``speechmatics.batch``; extra API fields the SDK lacks are included
(``TrackingConfig.details``, ``LanguageIdentificationConfig.low_confidence_action`` ...).
`from_dict` accepts any server echo: unknown keys, nulls, missing fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from smdesk.batch._serde import EnumMap, NestedMap, WireModel
from smdesk.batch.enums import (
    JobType,
    Model,
    NotificationContents,
    NotificationMethod,
    OperatingPoint,
)
from smdesk.batch.errors import ConfigurationError

__all__ = [
    "AdditionalVocab",
    "AlignmentConfig",
    "AudioEventsConfig",
    "AudioFilteringConfig",
    "AutoChaptersConfig",
    "FetchData",
    "JobConfig",
    "LanguageIdentificationConfig",
    "NotificationConfig",
    "OutputConfig",
    "PunctuationOverrides",
    "SRTOverrides",
    "SentimentAnalysisConfig",
    "SpeakerDiarizationConfig",
    "SpeakerIdentifier",
    "SummarizationConfig",
    "TopicDetectionConfig",
    "TrackingConfig",
    "TranscriptFilteringConfig",
    "TranscriptionConfig",
    "TranslationConfig",
]


@dataclass(repr=False)
class FetchData(WireModel):
    """Let the server download the media from `url` instead of uploading a file."""

    url: str
    auth_headers: list[str] | None = None
    _required_defaults: ClassVar[Mapping[str, Any]] = {"url": ""}


@dataclass(repr=False)
class NotificationConfig(WireModel):
    url: str
    contents: list[NotificationContents | str] | None = None
    auth_headers: list[str] | None = None
    method: NotificationMethod | str | None = None
    _required_defaults: ClassVar[Mapping[str, Any]] = {"url": ""}
    _lists: ClassVar[frozenset[str]] = frozenset({"contents"})
    _enums: ClassVar[EnumMap] = {
        "contents": NotificationContents,
        "method": NotificationMethod,
    }


@dataclass(repr=False)
class TrackingConfig(WireModel):
    title: str | None = None
    reference: str | None = None
    tags: list[str] | None = None
    details: dict[str, Any] | None = None


@dataclass(repr=False)
class TranslationConfig(WireModel):
    target_languages: list[str]
    enable_partials: bool | None = None
    _lists: ClassVar[frozenset[str]] = frozenset({"target_languages"})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Self:
        config = super().from_dict(data)
        if config.target_languages is None:
            config.target_languages = []
        return config


@dataclass(repr=False)
class LanguageIdentificationConfig(WireModel):
    expected_languages: list[str] | None = None
    low_confidence_action: str | None = None  # allow | reject | use_default_language
    default_language: str | None = None


@dataclass(repr=False)
class SummarizationConfig(WireModel):
    content_type: str | None = None  # auto | informative | conversational
    summary_length: str | None = None  # brief | detailed
    summary_type: str | None = None  # paragraphs | bullets


@dataclass(repr=False)
class SentimentAnalysisConfig(WireModel):
    # Accepted for speechmatics.batch compatibility; not sent (the API object is empty).
    enable_sentiment: bool | None = True

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.pop("enable_sentiment", None)
        return out


@dataclass(repr=False)
class TopicDetectionConfig(WireModel):
    topics: list[str] | None = None


@dataclass(repr=False)
class AutoChaptersConfig(WireModel):
    # Accepted for speechmatics.batch compatibility; not sent (the API object is empty).
    enable_chapters: bool | None = True

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.pop("enable_chapters", None)
        return out


@dataclass(repr=False)
class AudioEventsConfig(WireModel):
    types: list[str] | None = None  # laughter | applause | music


@dataclass(repr=False)
class SRTOverrides(WireModel):
    max_line_length: int | None = 37
    max_lines: int | None = 2


@dataclass(repr=False)
class OutputConfig(WireModel):
    generate_lattice: bool | None = None
    srt_overrides: SRTOverrides | dict[str, Any] | None = None
    _nested: ClassVar[NestedMap] = {"srt_overrides": SRTOverrides}


@dataclass(repr=False)
class AlignmentConfig(WireModel):
    language: str
    _required_defaults: ClassVar[Mapping[str, Any]] = {"language": ""}


@dataclass(repr=False)
class TranscriptFilteringConfig(WireModel):
    remove_disfluencies: bool | None = False
    replacements: list[dict[str, str]] | None = None  # [{"from": ..., "to": ...}]


@dataclass(repr=False)
class AudioFilteringConfig(WireModel):
    volume_threshold: float | None = 0  # 0..100: 0 filters nothing


@dataclass(repr=False)
class PunctuationOverrides(WireModel):
    sensitivity: float | None = None  # 0..1
    permitted_marks: list[str] | None = None


@dataclass(repr=False)
class SpeakerIdentifier(WireModel):
    label: str
    speaker_identifiers: list[str]
    _required_defaults: ClassVar[Mapping[str, Any]] = {"label": ""}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Self:
        speaker = super().from_dict(data)
        if speaker.speaker_identifiers is None:
            speaker.speaker_identifiers = []
        return speaker


@dataclass(repr=False)
class SpeakerDiarizationConfig(WireModel):
    speaker_sensitivity: float | None = None  # 0..1, default 0.5 on the server
    prefer_current_speaker: bool | None = None
    get_speakers: bool | None = None
    speakers: list[SpeakerIdentifier] | None = None
    _nested: ClassVar[NestedMap] = {"speakers": SpeakerIdentifier}


@dataclass(repr=False)
class AdditionalVocab(WireModel):
    content: str
    sounds_like: list[str] | None = None
    _required_defaults: ClassVar[Mapping[str, Any]] = {"content": ""}


_UNSET_MODEL: Any = object()


@dataclass(repr=False)
class TranscriptionConfig(WireModel):
    """What to transcribe and how. Without `model`/`operating_point` the enhanced model is used."""

    language: str = "en"
    model: Model | str | None = _UNSET_MODEL
    output_locale: str | None = None
    diarization: str | None = None  # none | speaker | channel
    additional_vocab: list[AdditionalVocab | dict[str, Any] | str] | None = None
    punctuation_overrides: PunctuationOverrides | dict[str, Any] | None = None
    domain: str | None = None
    enable_entities: bool | None = None
    # Plain dicts in the API's form work too, e.g. {"get_speakers": True}.
    speaker_diarization_config: SpeakerDiarizationConfig | dict[str, Any] | None = None
    channel_diarization_labels: list[str] | None = None
    enable_partials: bool | None = None  # realtime-only in the API; accepted for parity
    max_delay: float | None = None  # realtime-only in the API; accepted for parity
    max_delay_mode: str | None = None
    transcript_filtering_config: TranscriptFilteringConfig | dict[str, Any] | None = None
    audio_filtering_config: AudioFilteringConfig | dict[str, Any] | None = None
    operating_point: OperatingPoint | str | None = None  # deprecated: use model
    language_hints: list[str] | None = None
    language_hints_strict: bool | None = None

    _nested: ClassVar[NestedMap] = {
        "additional_vocab": AdditionalVocab,
        "punctuation_overrides": PunctuationOverrides,
        "speaker_diarization_config": SpeakerDiarizationConfig,
        "transcript_filtering_config": TranscriptFilteringConfig,
        "audio_filtering_config": AudioFilteringConfig,
    }
    _enums: ClassVar[EnumMap] = {"operating_point": OperatingPoint, "model": Model}

    def __post_init__(self) -> None:
        if self.model is _UNSET_MODEL:
            self.model = None if self.operating_point is not None else Model.ENHANCED
        elif self.model is not None and self.operating_point is not None:
            # As speechmatics.batch: a ValueError, never a request carrying both.
            raise ConfigurationError(
                "TranscriptionConfig: set either 'model' or 'operating_point', not both "
                "(operating_point is deprecated: use model)."
            )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Self:
        data = dict(data) if isinstance(data, Mapping) else {}
        if data.get("model") is not None:
            data.pop("operating_point", None)  # the echo may carry both; model wins
        config = super().from_dict(data)
        if data.get("model") is None and config.operating_point is None:
            config.model = None  # keep the echo faithful: the server chose its default
        return config

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        vocab = out.get("additional_vocab")
        if isinstance(vocab, list):
            out["additional_vocab"] = [{"content": v} if isinstance(v, str) else v for v in vocab]
        return out


@dataclass(repr=False)
class JobConfig(WireModel):
    """The whole job configuration; `type` defaults to transcription."""

    type: JobType | str = JobType.TRANSCRIPTION
    fetch_data: FetchData | None = None
    transcription_config: TranscriptionConfig | None = None
    alignment_config: AlignmentConfig | None = None
    notification_config: list[NotificationConfig] | None = None
    tracking: TrackingConfig | None = None
    translation_config: TranslationConfig | None = None
    language_identification_config: LanguageIdentificationConfig | None = None
    summarization_config: SummarizationConfig | None = None
    sentiment_analysis_config: SentimentAnalysisConfig | None = None
    topic_detection_config: TopicDetectionConfig | None = None
    auto_chapters_config: AutoChaptersConfig | None = None
    audio_events_config: AudioEventsConfig | None = None
    output_config: OutputConfig | None = None

    _nested: ClassVar[NestedMap] = {
        "fetch_data": FetchData,
        "transcription_config": TranscriptionConfig,
        "alignment_config": AlignmentConfig,
        "notification_config": NotificationConfig,
        "tracking": TrackingConfig,
        "translation_config": TranslationConfig,
        "language_identification_config": LanguageIdentificationConfig,
        "summarization_config": SummarizationConfig,
        "sentiment_analysis_config": SentimentAnalysisConfig,
        "topic_detection_config": TopicDetectionConfig,
        "auto_chapters_config": AutoChaptersConfig,
        "audio_events_config": AudioEventsConfig,
        "output_config": OutputConfig,
    }
    _lists: ClassVar[frozenset[str]] = frozenset({"notification_config"})
    _enums: ClassVar[EnumMap] = {"type": JobType}
    _required_defaults: ClassVar[Mapping[str, Any]] = {"type": JobType.TRANSCRIPTION}

    def __post_init__(self) -> None:
        if isinstance(self.notification_config, NotificationConfig):
            self.notification_config = [self.notification_config]

    def validate(self) -> None:
        """Raise ConfigurationError for configs the API is certain to reject."""
        if self.type == JobType.TRANSCRIPTION and self.transcription_config is None:
            raise ConfigurationError(
                "JobConfig: a transcription job needs a transcription_config "
                "(e.g. TranscriptionConfig(language='en'))."
            )
        targets = self.translation_config.target_languages if self.translation_config else []
        if len(targets) > 5:
            raise ConfigurationError(
                "TranslationConfig: at most 5 target_languages are allowed per job."
            )
