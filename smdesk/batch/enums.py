"""String enums of the Batch API (values are the wire strings)."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "FormatType",
    "JobStatus",
    "JobType",
    "Model",
    "NotificationContents",
    "NotificationMethod",
    "OperatingPoint",
]


class JobType(StrEnum):
    TRANSCRIPTION = "transcription"
    ALIGNMENT = "alignment"


class JobStatus(StrEnum):
    """Job states. Unknown server values map to ``UNKNOWN`` (the raw text stays on JobDetails)."""

    CREATED = "created"  # only in replies to POST /jobs?wait=N
    RUNNING = "running"
    DONE = "done"
    REJECTED = "rejected"
    DELETED = "deleted"
    EXPIRED = "expired"
    UNKNOWN = "unknown"

    @classmethod
    def _missing_(cls, value: object) -> JobStatus:
        return cls.UNKNOWN

    @property
    def is_active(self) -> bool:
        """Still queued or being processed (UNKNOWN counts: new in-progress states appear)."""
        return self in (JobStatus.CREATED, JobStatus.RUNNING, JobStatus.UNKNOWN)


class Model(StrEnum):
    ENHANCED = "enhanced"
    STANDARD = "standard"
    MELIA_1 = "melia-1"
    OAK_1 = "oak-1"


class OperatingPoint(StrEnum):
    """Deprecated alias of :class:`Model` (the API field ``operating_point``)."""

    ENHANCED = "enhanced"
    STANDARD = "standard"
    MELIA_1 = "melia-1"
    OAK_1 = "oak-1"


class FormatType(StrEnum):
    JSON = "json"
    TXT = "txt"
    SRT = "srt"

    @property
    def api_value(self) -> str:
        """The value of the API's ``format`` query parameter."""
        return "json-v2" if self is FormatType.JSON else self.value


class NotificationContents(StrEnum):
    DATA = "data"
    TEXT = "text"
    JOBINFO = "jobinfo"
    TRANSCRIPT = "transcript"
    TRANSCRIPT_JSON_V2 = "transcript.json-v2"
    TRANSCRIPT_TXT = "transcript.txt"
    TRANSCRIPT_SRT = "transcript.srt"
    ALIGNMENT = "alignment"
    ALIGNMENT_WORD_START_AND_END = "alignment.word_start_and_end"
    ALIGNMENT_ONE_PER_LINE = "alignment.one_per_line"


class NotificationMethod(StrEnum):
    POST = "post"
    PUT = "put"
