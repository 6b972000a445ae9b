"""Models of what the server returns: job details and the json-v2 transcript.

Parsing never fails on well-formed JSON objects: unknown statuses become ``JobStatus.UNKNOWN``
(raw text kept), alternatives may lack ``confidence``/``language``, unknown result types are
kept but not rendered, and every object keeps unknown keys in ``extra``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

from smdesk.batch._render import render_transcript_text
from smdesk.batch._serde import NestedMap, WireModel
from smdesk.batch.config import JobConfig, SpeakerIdentifier
from smdesk.batch.enums import JobStatus

__all__ = [
    "JobDetailError",
    "JobDetails",
    "JobInfo",
    "RecognitionAlternative",
    "RecognitionDisplay",
    "RecognitionMetadata",
    "RecognitionResult",
    "SpokenFormRecognitionResult",
    "Transcript",
    "WrittenFormRecognitionResult",
]


def _float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _mapping(value: Any) -> dict[str, Any] | None:
    return dict(value) if isinstance(value, Mapping) else None


@dataclass(repr=False)
class JobDetailError(WireModel):
    message: str = ""
    timestamp: str = ""


@dataclass(repr=False)
class JobInfo(WireModel):
    """The ``job`` object inside a transcript."""

    id: str = ""
    created_at: str = ""
    data_name: str = ""
    duration: float | None = None
    text_name: str | None = None
    tracking: dict[str, Any] | None = None


@dataclass
class JobDetails:
    """A job as reported by ``GET /jobs/{id}``, ``GET /jobs`` or ``POST /jobs``."""

    id: str
    status: JobStatus = JobStatus.RUNNING
    created_at: str = ""
    data_name: str = ""
    duration: float | None = None
    config: JobConfig | None = None
    errors: list[JobDetailError] | None = None
    # Set when a transcript came embedded in the reply (POST /jobs?wait=N).
    transcript: Transcript | str | None = None
    raw_status: str = ""  # the server's own status text (differs from status for UNKNOWN)
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.raw_status:
            self.raw_status = str(self.status)

    def __repr__(self) -> str:
        status = self.raw_status if self.status is JobStatus.UNKNOWN else str(self.status)
        return f"JobDetails(id={self.id!r}, status={status!r}, data_name={self.data_name!r})"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Self:
        data = data if isinstance(data, Mapping) else {}
        raw_status = str(data.get("status") or JobStatus.RUNNING.value)
        config = data.get("config")
        errors = data.get("errors")
        return cls(
            id=str(data.get("id") or ""),
            status=JobStatus(raw_status),
            created_at=str(data.get("created_at") or ""),
            data_name=str(data.get("data_name") or ""),
            duration=_float(data.get("duration")),
            config=JobConfig.from_dict(config) if isinstance(config, Mapping) else None,
            errors=[
                JobDetailError.from_dict(e) for e in errors if isinstance(e, Mapping)
            ] if isinstance(errors, list) else [],
            raw_status=raw_status,
            raw=dict(data),
        )

    @property
    def error_messages(self) -> list[str]:
        return [e.message for e in self.errors or [] if e.message]


@dataclass(repr=False)
class RecognitionDisplay(WireModel):
    direction: str = ""  # ltr | rtl


@dataclass(repr=False)
class RecognitionAlternative(WireModel):
    content: str = ""
    confidence: float | None = None
    language: str | None = None
    display: RecognitionDisplay | None = None
    speaker: str | None = None
    tags: list[str] | None = None
    words: list[dict[str, Any]] | None = None

    _nested: ClassVar[NestedMap] = {"display": RecognitionDisplay}


def _times(result: _TimedResult | RecognitionResult) -> None:
    result.start_time = _float(result.start_time) or 0.0
    result.end_time = _float(result.end_time) or 0.0
    result.alternatives = [a for a in result.alternatives or [] if isinstance(a, WireModel)]


@dataclass(repr=False)
class _TimedResult(WireModel):
    start_time: float = 0.0
    end_time: float = 0.0
    type: str = ""
    alternatives: list[RecognitionAlternative] | None = None

    _nested: ClassVar[NestedMap] = {"alternatives": RecognitionAlternative}
    _lists: ClassVar[frozenset[str]] = frozenset({"alternatives"})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Self:
        result = super().from_dict(data)
        _times(result)
        return result


@dataclass(repr=False)
class WrittenFormRecognitionResult(_TimedResult):
    """A word of an entity's written form (inside ``RecognitionResult.written_form``)."""


@dataclass(repr=False)
class SpokenFormRecognitionResult(_TimedResult):
    """A word or punctuation of an entity's spoken form (``RecognitionResult.spoken_form``)."""


@dataclass(repr=False)
class RecognitionResult(WireModel):
    type: str = ""  # word | punctuation | entity | (new types may appear)
    start_time: float = 0.0
    end_time: float = 0.0
    channel: str | None = None
    volume: float | None = None
    alternatives: list[RecognitionAlternative] | None = None
    is_eos: bool | None = None
    attaches_to: str | None = None  # previous | next | both | none (punctuation)
    written_form: list[WrittenFormRecognitionResult] | None = None
    spoken_form: list[SpokenFormRecognitionResult] | None = None
    entity_class: str | None = None

    _nested: ClassVar[NestedMap] = {
        "alternatives": RecognitionAlternative,
        "written_form": WrittenFormRecognitionResult,
        "spoken_form": SpokenFormRecognitionResult,
    }
    _lists: ClassVar[frozenset[str]] = frozenset({"alternatives", "written_form", "spoken_form"})

    @property
    def best(self) -> RecognitionAlternative | None:
        alternatives = self.alternatives
        return alternatives[0] if alternatives else None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Self:
        result = super().from_dict(data)
        _times(result)
        return result


@dataclass(repr=False)
class RecognitionMetadata(WireModel):
    """Configs stay plain dicts, as in speechmatics.batch (``JobConfig.from_dict`` parses one)."""

    created_at: str = ""
    type: str = ""
    transcription_config: dict[str, Any] | None = None
    orchestrator_version: str | None = None
    translation_errors: list[dict[str, Any]] | None = None
    summarization_errors: list[dict[str, Any]] | None = None
    sentiment_analysis_errors: list[dict[str, Any]] | None = None
    topic_detection_errors: list[dict[str, Any]] | None = None
    auto_chapters_errors: list[dict[str, Any]] | None = None
    alignment_config: dict[str, Any] | None = None
    output_config: dict[str, Any] | None = None
    language_pack_info: dict[str, Any] | None = None
    language_identification: dict[str, Any] | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Self:
        metadata = super().from_dict(data)
        for name in _METADATA_OBJECTS:  # a malformed section must not pose as a config
            setattr(metadata, name, _mapping(getattr(metadata, name)))
        return metadata


_METADATA_OBJECTS = (
    "transcription_config", "alignment_config", "output_config", "language_pack_info",
    "language_identification",
)  # fmt: skip


@dataclass
class Transcript:
    """A json-v2 transcript. ``raw`` is the dict exactly as received (store it, re-parse later)."""

    format: str = ""
    job: JobInfo = field(default_factory=JobInfo)
    metadata: RecognitionMetadata = field(default_factory=RecognitionMetadata)
    results: list[RecognitionResult] = field(default_factory=list)
    speakers: list[SpeakerIdentifier] | None = None
    translations: dict[str, list[dict[str, Any]]] | None = None
    summary: dict[str, Any] | None = None
    sentiment_analysis: dict[str, Any] | None = None
    topics: dict[str, Any] | None = None
    chapters: list[dict[str, Any]] | None = None
    audio_events: list[dict[str, Any]] | None = None
    audio_event_summary: dict[str, Any] | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Self:
        data = data if isinstance(data, Mapping) else {}
        results = data.get("results")
        translations = _mapping(data.get("translations"))
        chapters, events, speakers = (data.get(k) for k in ("chapters", "audio_events", "speakers"))
        return cls(
            format=str(data.get("format") or ""),
            job=JobInfo.from_dict(_mapping(data.get("job"))),
            metadata=RecognitionMetadata.from_dict(_mapping(data.get("metadata"))),
            results=[
                RecognitionResult.from_dict(r) for r in results if isinstance(r, Mapping)
            ] if isinstance(results, list) else [],
            speakers=[
                SpeakerIdentifier.from_dict(s) for s in speakers if isinstance(s, Mapping)
            ] if isinstance(speakers, list) else None,
            translations={
                str(lang): [dict(s) for s in segs if isinstance(s, Mapping)]
                for lang, segs in translations.items() if isinstance(segs, list)
            } if translations is not None else None,
            summary=_mapping(data.get("summary")),
            sentiment_analysis=_mapping(data.get("sentiment_analysis")),
            topics=_mapping(data.get("topics")),
            chapters=chapters if isinstance(chapters, list) else None,
            audio_events=events if isinstance(events, list) else None,
            audio_event_summary=_mapping(data.get("audio_event_summary")),
            raw=dict(data),
        )

    def __repr__(self) -> str:
        return (
            f"Transcript(job_id={self.job.id!r}, results={len(self.results)}, "
            f"translations={sorted(self.translations or {})}, summary={self.summary is not None})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The transcript as received."""
        return dict(self.raw)

    @property
    def transcript_text(self) -> str:
        """Text with one ``SPEAKER S1: ...`` line per speaker turn (plain text if undiarized)."""
        pack = self.metadata.language_pack_info or {}
        return render_transcript_text(self.results, pack)

    @property
    def confidence(self) -> float | None:
        """Mean confidence of the best alternatives (None when the server gave none)."""
        values = [
            best.confidence
            for best in (r.best for r in self.results)
            if best is not None and best.confidence is not None
        ]
        return sum(values) / len(values) if values else None

    @property
    def summary_text(self) -> str | None:
        content = (self.summary or {}).get("content")
        return content if isinstance(content, str) else None

    def translation_text(self, language: str) -> str:
        """The translation into `language` as plain text, one sentence per segment."""
        segments = (self.translations or {}).get(language, [])
        return " ".join(str(s.get("content", "")).strip() for s in segments).strip()
