"""Parsing what servers really send: realism mode, hostile JSON, transcript text, configs."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from smdesk.batch import (
    AsyncClient,
    AutoChaptersConfig,
    ConfigurationError,
    JobConfig,
    JobDetails,
    JobExpiredError,
    JobStatus,
    LanguageIdentificationConfig,
    Model,
    NotificationConfig,
    NotificationContents,
    OperatingPoint,
    OutputConfig,
    SentimentAnalysisConfig,
    SpeakerDiarizationConfig,
    SRTOverrides,
    TrackingConfig,
    Transcript,
    TranscriptionConfig,
    TranslationConfig,
)
from smdesk.sandbox import Sandbox
from smdesk.sandbox.sample import SAMPLE_AUDIO, SAMPLE_TRANSCRIPT
from tests.batch.conftest import API_KEY


def _sample_turns() -> list[dict[str, Any]]:
    turns: list[dict[str, Any]] = json.loads(SAMPLE_TRANSCRIPT.read_text("utf-8"))["turns"]
    return turns


async def test_sample_interview_renders_one_line_per_speaker_turn(client: AsyncClient) -> None:
    config = JobConfig(transcription_config=TranscriptionConfig(diarization="speaker"))
    result = await client.transcribe(SAMPLE_AUDIO, config=config)
    expected = "\n".join(f"SPEAKER {t['speaker']}: {t['text']}" for t in _sample_turns())
    assert result.transcript_text == expected
    assert result.raw["format"] and result.raw["results"]


async def test_realism_mode_output_parses(audio_file: Path) -> None:
    config = JobConfig(
        transcription_config=TranscriptionConfig(language="en"),
        tracking=TrackingConfig(title="Interview", details={"customer": 7}),
        language_identification_config=LanguageIdentificationConfig(
            expected_languages=["en"], low_confidence_action="allow"
        ),
    )
    async with (
        Sandbox(api_key=API_KEY, processing_seconds=0.0, realism=True) as sandbox,
        AsyncClient(api_key=API_KEY, url=sandbox.url) as client,
    ):
        job = await client.submit_job(audio_file, config=config)
        await client.wait_for_completion(job.id)
        details = await client.get_job_info(job.id)
        assert details.status is JobStatus.DONE
        assert details.config is not None and details.config.notification_config is None
        assert details.config.tracking is not None
        assert details.config.tracking.details == {"customer": 7}
        lid = details.config.language_identification_config
        assert lid is not None and lid.low_confidence_action == "allow"
        assert details.raw["config"]["notification_config"] is None
        assert "lang" in details.raw  # an extra field, kept in .raw
        sandbox.expire_job(job.id)
        assert (await client.get_job_info(job.id)).status is JobStatus.EXPIRED
        assert [j.status for j in await client.list_jobs()] == [JobStatus.EXPIRED]
        with pytest.raises(JobExpiredError):
            await client.wait_for_completion(job.id)


HOSTILE_TRANSCRIPT: dict[str, Any] = {
    "format": 2.9,
    "job": None,
    "metadata": {
        "created_at": "2025-01-01T00:00:00Z",
        "type": "transcription",
        "language_pack_info": {"word_delimiter": ""},
        "transcription_config": {"language": "ja", "something_new": True},
    },
    "results": [
        {"type": "word", "start_time": "0.5", "end_time": None,
         "alternatives": [{"content": "こんにちは"}]},  # no confidence, language or speaker
        {"type": "punctuation", "attaches_to": "previous", "is_eos": True,
         "alternatives": [{"content": "。", "confidence": 1}]},
        {"type": "speaker_change", "start_time": 1, "end_time": 1},
        {"type": "music", "alternatives": [{"content": "♪"}]},
        "garbage", 42, None,
        {"type": "word", "alternatives": "not a list"},
        {"type": "word", "alternatives": [None, {"content": "元気"}]},
    ],
    "translations": {"en": [{"content": "Hello."}, "bad"], "fr": "bad"},
    "summary": "not an object",
    "chapters": {"not": "a list"},
    "brand_new_section": {"a": 1},
}  # fmt: skip


def test_hostile_transcript_json_parses() -> None:
    original = copy.deepcopy(HOSTILE_TRANSCRIPT)
    transcript = Transcript.from_dict(HOSTILE_TRANSCRIPT)
    assert transcript.transcript_text == "こんにちは。元気"
    assert transcript.confidence == 1.0
    assert transcript.results[0].start_time == 0.5 and transcript.results[0].end_time == 0.0
    assert transcript.results[0].alternatives[0].confidence is None
    assert [r.type for r in transcript.results][2:4] == ["speaker_change", "music"]
    assert transcript.translations == {"en": [{"content": "Hello."}]}
    assert transcript.translation_text("en") == "Hello."
    assert transcript.summary is None and transcript.chapters is None
    config = transcript.metadata.transcription_config  # a plain dict, as in speechmatics.batch
    assert config is not None and config["something_new"] is True
    assert transcript.raw == original and original == HOSTILE_TRANSCRIPT  # nothing mutated


@pytest.mark.parametrize("data", [{}, None, [], "text", {"results": {"a": 1}, "job": "x"}])
def test_degenerate_transcripts_parse_to_empty(data: Any) -> None:
    transcript = Transcript.from_dict(data)
    assert transcript.transcript_text == "" and transcript.confidence is None


def test_hostile_job_details_parse() -> None:
    details = JobDetails.from_dict({
        "id": 123, "status": "transcribing", "duration": "12", "errors": "bad",
        "created_at": None, "text_name": "x",
        "config": {
            "type": "transcription", "notification_config": None,
            "tracking": {"details": {"x": 1}},
            "language_identification_config": {"low_confidence_action": "allow"},
            "transcription_config": {"model": "enhanced", "operating_point": "standard"},
        },
    })  # fmt: skip
    assert details.id == "123" and details.status is JobStatus.UNKNOWN
    assert details.raw_status == "transcribing" and details.status.is_active
    assert details.duration == 12.0 and details.errors == [] and details.created_at == ""
    assert details.config is not None and details.config.tracking is not None
    assert details.config.tracking.details == {"x": 1}
    tc = details.config.transcription_config
    assert tc is not None and tc.model is Model.ENHANCED and tc.operating_point is None
    assert JobDetails.from_dict({}).status is JobStatus.RUNNING
    assert JobDetails.from_dict({"status": "created"}).status is JobStatus.CREATED
    rejected = JobDetails.from_dict({"id": "j", "status": "rejected", "errors": [
        {"timestamp": "t", "message": "unable to fetch audio"}, {"message": None}, "x"]})
    assert rejected.error_messages == ["unable to fetch audio"]


def _word(content: str, speaker: str = "S1", **extra: Any) -> dict[str, Any]:
    kind = extra.pop("type", "word")
    alt = {"content": content, "speaker": speaker, "confidence": 0.9, "language": "en"}
    return {"type": kind, "start_time": 0, "end_time": 0, "alternatives": [alt], **extra}


def _punct(content: str, attaches: str, speaker: str = "S1") -> dict[str, Any]:
    return _word(content, speaker, type="punctuation", attaches_to=attaches)


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        ([_word("Hi"), _punct("(", "next"), _word("there"), _punct(")", "previous"),
          _word("friend"), _punct("!", "previous")], "SPEAKER S1: Hi (there) friend!"),
        ([_word("Yes", "UU"), _punct(",", "previous", "UU"), _word("great", "UU"),
          _punct("-", "both", "UU"), _word("sure", "UU"), _punct("&", "none", "UU"),
          _word("stuff", "UU")], "Yes, great-sure & stuff"),
        ([_word("Hello"), _punct(".", "previous"), _word("Hi", "S2"), _punct(".", "previous", "S2"),
          _word("again")], "SPEAKER S1: Hello.\nSPEAKER S2: Hi.\nSPEAKER S1: again"),
        ([_word("Hello"), _punct(".", "previous", "S2"), _word("Hi", "S2")],
         "SPEAKER S1: Hello.\nSPEAKER S2: Hi"),  # punctuation stays with the word it follows
        ([_word("Hello", "UU", channel="Agent"), _word("hi", "UU", channel="Caller")],
         "Agent: Hello\nCaller: hi"),
        ([_word("$2.05", type="entity"), _punct(".", "previous")], "SPEAKER S1: $2.05."),
    ],
)  # fmt: skip
def test_transcript_text_honours_attaches_to(results: list[dict[str, Any]], expected: str) -> None:
    assert Transcript.from_dict({"results": results}).transcript_text == expected


def test_per_language_word_delimiters() -> None:
    results = [_word("我"), _word("爱"), _word("Python")]
    for r, lang in zip(results, ("cmn", "cmn", "en"), strict=True):
        r["alternatives"][0]["language"] = lang
    pack = {"word_delimiter": " ", "per_language_word_delimiters": {"cmn": "", "en": " "}}
    transcript = Transcript.from_dict({"results": results,
                                       "metadata": {"language_pack_info": pack}})  # fmt: skip
    assert transcript.transcript_text == "SPEAKER S1: 我爱 Python"


def test_default_wire_config_matches_the_sdk() -> None:
    assert JobConfig(transcription_config=TranscriptionConfig()).to_dict() == {
        "type": "transcription", "transcription_config": {"language": "en", "model": "enhanced"}
    }  # fmt: skip
    legacy = TranscriptionConfig(operating_point=OperatingPoint.STANDARD).to_dict()
    assert legacy == {"language": "en", "operating_point": "standard"}
    with pytest.raises(ConfigurationError, match="not both"):
        TranscriptionConfig(model=Model.ENHANCED, operating_point=OperatingPoint.STANDARD)
    assert SentimentAnalysisConfig(enable_sentiment=True).to_dict() == {}
    assert AutoChaptersConfig().to_dict() == {}


def test_full_config_round_trips_including_unknown_keys() -> None:
    config = JobConfig(
        transcription_config=TranscriptionConfig(
            language="en", diarization="speaker", enable_entities=True,
            additional_vocab=["Speechmatics", {"content": "gnocchi", "sounds_like": ["nyohki"]}],
            speaker_diarization_config=SpeakerDiarizationConfig(
                speaker_sensitivity=0.7, prefer_current_speaker=True),
            punctuation_overrides={"permitted_marks": [".", ","]},
            transcript_filtering_config={"remove_disfluencies": True},
            audio_filtering_config={"volume_threshold": 3.5},
            channel_diarization_labels=["Agent", "Caller"], domain="finance",
            output_locale="en-GB",
        ),
        translation_config=TranslationConfig(target_languages=["es", "fr"]),
        notification_config=[NotificationConfig(
            url="https://example.invalid/cb", contents=[NotificationContents.JOBINFO])],
        output_config=OutputConfig(srt_overrides=SRTOverrides(max_line_length=30)),
    )  # fmt: skip
    wire = config.to_dict()
    assert wire["transcription_config"]["additional_vocab"][0] == {"content": "Speechmatics"}
    assert wire["notification_config"] == [
        {"url": "https://example.invalid/cb", "contents": ["jobinfo"]}]  # fmt: skip
    wire["future_feature_config"] = {"x": 1}
    wire["transcription_config"]["new_knob"] = 2
    assert JobConfig.from_dict(wire).to_dict() == wire


async def test_config_limits_are_checked_before_any_request(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path
) -> None:
    too_many = JobConfig(
        transcription_config=TranscriptionConfig(),
        translation_config=TranslationConfig(target_languages=["de", "es", "fr", "it", "nl", "pt"]),
    )
    with pytest.raises(ConfigurationError, match="at most 5"):
        await client.submit_job(audio_file, config=too_many)
    with pytest.raises(ConfigurationError, match="transcription_config"):
        await client.submit_job(audio_file, config=JobConfig())
    assert sum(sandbox.stats.requests.values()) == 0


async def test_config_may_be_a_plain_dict(
    client: AsyncClient, sandbox: Sandbox, audio_file: Path
) -> None:
    config = {"type": "transcription", "transcription_config": {"language": "de"},
              "tracking": {"title": "t", "details": {"k": "v"}}}  # fmt: skip
    job = await client.submit_job(audio_file, config=config)
    assert sandbox.job(job.id).config == config
