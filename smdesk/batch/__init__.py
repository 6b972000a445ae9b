"""smdesk.batch: an async client for the Speechmatics Batch API v2.

Same public surface as ``speechmatics.batch`` 1.1.0 (tests/batch/test_official_parity.py checks it),
including the blocking ``Client``, plus:
streamed uploads with progress, long-polling, retries of idempotent requests, one exception
root carrying ``status_code`` and ``request_id``, and tolerant parsing of real server output.
Logs go to the ``smdesk.batch`` logger (silent unless the application configures logging).
"""

import logging

from smdesk.batch._retry import RetryPolicy
from smdesk.batch._upload import CHUNK_SIZE, MAX_UPLOAD_BYTES, content_type_for
from smdesk.batch.auth import AuthBase, JWTAuth, StaticKeyAuth
from smdesk.batch.client import PROCESSING_DATA_HEADER, AsyncClient
from smdesk.batch.config import (
    AdditionalVocab,
    AlignmentConfig,
    AudioEventsConfig,
    AudioFilteringConfig,
    AutoChaptersConfig,
    FetchData,
    JobConfig,
    LanguageIdentificationConfig,
    NotificationConfig,
    OutputConfig,
    PunctuationOverrides,
    SentimentAnalysisConfig,
    SpeakerDiarizationConfig,
    SpeakerIdentifier,
    SRTOverrides,
    SummarizationConfig,
    TopicDetectionConfig,
    TrackingConfig,
    TranscriptFilteringConfig,
    TranscriptionConfig,
    TranslationConfig,
)
from smdesk.batch.connection import DEFAULT_URL, ConnectionConfig
from smdesk.batch.enums import (
    FormatType,
    JobStatus,
    JobType,
    Model,
    NotificationContents,
    NotificationMethod,
    OperatingPoint,
)
from smdesk.batch.errors import (
    AuthenticationError,
    BatchError,
    ConfigurationError,
    ConnectionError,
    JobError,
    JobExpiredError,
    RequestTimeoutError,
    TimeoutError,
    TranscriptNotReadyError,
    TransportError,
)
from smdesk.batch.results import (
    JobDetailError,
    JobDetails,
    JobInfo,
    RecognitionAlternative,
    RecognitionDisplay,
    RecognitionMetadata,
    RecognitionResult,
    SpokenFormRecognitionResult,
    Transcript,
    WrittenFormRecognitionResult,
)
from smdesk.batch.sync_client import Client

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "CHUNK_SIZE",
    "DEFAULT_URL",
    "MAX_UPLOAD_BYTES",
    "PROCESSING_DATA_HEADER",
    "AdditionalVocab",
    "AlignmentConfig",
    "AsyncClient",
    "AudioEventsConfig",
    "AudioFilteringConfig",
    "AuthBase",
    "AuthenticationError",
    "AutoChaptersConfig",
    "BatchError",
    "Client",
    "ConfigurationError",
    "ConnectionConfig",
    "ConnectionError",
    "FetchData",
    "FormatType",
    "JWTAuth",
    "JobConfig",
    "JobDetailError",
    "JobDetails",
    "JobError",
    "JobExpiredError",
    "JobInfo",
    "JobStatus",
    "JobType",
    "LanguageIdentificationConfig",
    "Model",
    "NotificationConfig",
    "NotificationContents",
    "NotificationMethod",
    "OperatingPoint",
    "OutputConfig",
    "PunctuationOverrides",
    "RecognitionAlternative",
    "RecognitionDisplay",
    "RecognitionMetadata",
    "RecognitionResult",
    "RequestTimeoutError",
    "RetryPolicy",
    "SRTOverrides",
    "SentimentAnalysisConfig",
    "SpeakerDiarizationConfig",
    "SpeakerIdentifier",
    "SpokenFormRecognitionResult",
    "StaticKeyAuth",
    "SummarizationConfig",
    "TimeoutError",
    "TopicDetectionConfig",
    "TrackingConfig",
    "Transcript",
    "TranscriptFilteringConfig",
    "TranscriptNotReadyError",
    "TranscriptionConfig",
    "TranslationConfig",
    "TransportError",
    "WrittenFormRecognitionResult",
    "content_type_for",
]
