"""smdesk.sandbox: a local server that answers like the Speechmatics Batch API v2.

Used by the tests of every layer, by `smdesk sandbox` and by the app's "Try without an account".
It never contacts anything but loopback addresses.

    async with Sandbox(processing_seconds=0.2) as sandbox:       # binds 127.0.0.1, free port
        client = AsyncClient(api_key=sandbox.options.api_key, url=sandbox.url)
        sandbox.faults.fail_next("job", count=2, status=503)     # next two GET /jobs/{id}
        sandbox.faults.cut_next_upload(after_bytes=65536)         # drop the TCP connection
        sandbox.jobs[job_id].upload_content_type                  # what the client labelled
        sandbox.finish_job(job_id); sandbox.expire_job(job_id)

    with SandboxThread(processing_factor=0.1) as thread:         # its own loop and thread
        thread.url, thread.mp_url, thread.sandbox.stats.requests["submit"]

Behaviour worth knowing:
- Transcripts: the bundled sample (smdesk.sandbox.sample.SAMPLE_AUDIO) gives its true words;
  any other audio gives deterministic text seeded by its sha256, spread over its real
  duration, starting "This is sandbox text, not a real transcription."; non-audio is rejected.
- Default mode sends only what speechmatics-batch 1.1.0 parses. `realism=True` adds what the
  real API also sends: "notification_config": null and nulls in the config echo, "lang",
  and "status": "expired" (default mode answers 410 "Job Expired" instead and hides expired
  jobs from the list).
- Uploads stream to `spool_dir` and are deleted when the job ends; uploads of
  `max_upload_bytes` (1e9, the API's limit) or more get 400 "Job rejected".
- `wait` on POST /jobs, GET /jobs/{id} and GET /transcript holds the request until the job
  leaves `running` (`default_wait`, 0 by default, applies when the query has no `wait`).
- Speaker identification (smdesk.sandbox.voices): with diarization "speaker" and get_speakers
  the transcript lists one identifier per voice; identifiers sent back as `speakers` name those
  voices (others S1, S2...); `voice_generation` (default 1) other than the identifiers' is a 400.
- The filename is taken literally from the multipart header: aiohttp's FormData
  percent-encodes it ("a%201.wav") unless created with quote_fields=False.
"""

from smdesk.sandbox.faults import FaultPlan
from smdesk.sandbox.options import SandboxOptions, add_arguments, options_from_args
from smdesk.sandbox.runner import RequestRecord, Sandbox, SandboxStats, SandboxThread, serve

__all__ = [
    "FaultPlan",
    "RequestRecord",
    "Sandbox",
    "SandboxOptions",
    "SandboxStats",
    "SandboxThread",
    "add_arguments",
    "options_from_args",
    "serve",
]
