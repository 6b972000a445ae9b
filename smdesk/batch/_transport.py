"""The aiohttp side: session ownership, headers, timeouts, retries and the streaming upload."""

from __future__ import annotations

import logging
from collections.abc import Mapping

import aiohttp

from smdesk.batch._http import USER_AGENT, exchange, new_request_id
from smdesk.batch._retry import call_with_retries
from smdesk.batch._tls import tls_connector
from smdesk.batch._upload import (
    ProgressCallback,
    ProgressReporter,
    StreamingFilePayload,
    UploadSource,
)
from smdesk.batch._wire import Endpoint, RawResponse, error_for
from smdesk.batch.auth import AuthBase
from smdesk.batch.connection import (
    ConnectionConfig,
    DestinationGuard,
)
from smdesk.batch.errors import (
    AuthenticationError,
    BatchError,
    CertificateError,
    ConnectionError,
    RequestTimeoutError,
    TransportError,
    redact,
)

logger = logging.getLogger(__name__)


class Transport:
    """Sends requests to one Batch API base URL. Closes only a session it created itself."""

    def __init__(
        self,
        base_url: str,
        auth: AuthBase,
        config: ConnectionConfig,
        session: aiohttp.ClientSession | None = None,
    ) -> None:
        self.base_url = base_url
        self.auth = auth
        self.config = config
        self._session = session
        self._owns_session = session is None
        self._policy = config.retry_policy
        self._destination = DestinationGuard(base_url, allowed=config.allow_insecure_http)

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is not None and self._session.closed and not self._owns_session:
            raise BatchError("The aiohttp session given to AsyncClient has been closed.")
        if self._session is None or (self._owns_session and self._session.closed):
            timeout = aiohttp.ClientTimeout(
                total=self.config.operation_timeout, connect=self.config.connect_timeout
            )
            self._session = aiohttp.ClientSession(timeout=timeout, connector=tls_connector())
        return self._session

    async def close(self) -> None:
        session, self._session = self._session, (None if self._owns_session else self._session)
        if self._owns_session and session is not None and not session.closed:
            await session.close()

    async def _headers(self, request_id: str, extra: Mapping[str, str] | None) -> dict[str, str]:
        try:
            headers = dict(await self.auth.get_auth_headers())
        except BatchError as error:
            error.retryable = False  # the auth layer already retried what was worth retrying
            raise
        headers.update({"User-Agent": USER_AGENT, "X-Request-Id": request_id})
        headers.update(extra or {})
        return headers

    def _scrubbed(self, error: BatchError) -> BatchError:
        for secret in self.auth.secrets():
            redact(error, secret)
        return error

    def _check(self, response: RawResponse, endpoint: Endpoint, job_id: str | None) -> None:
        if 200 <= response.status < 300:
            return
        error = error_for(response, endpoint, job_id=job_id, secrets=self.auth.secrets())
        if response.status == 401 and self.auth.invalidate():
            error.retryable = True  # a temporary key was refused: one retry with a fresh one
        raise error

    async def request(
        self,
        method: str,
        path: str,
        endpoint: Endpoint,
        *,
        job_id: str | None = None,
        params: Mapping[str, str] | None = None,
        hold_seconds: float = 0.0,
    ) -> RawResponse:
        """An idempotent request, retried per policy; raises the mapped error for non-2xx.

        `hold_seconds` is how long the server may legitimately hold the reply (?wait=N); the
        request timeout is extended by it.
        """
        timeout = aiohttp.ClientTimeout(
            total=self.config.operation_timeout + hold_seconds,
            connect=self.config.connect_timeout,
        )
        what = f"{method} {path}"
        await self._destination.check()

        async def attempt() -> RawResponse:
            request_id = new_request_id()
            response = await exchange(
                self._get_session(), method, self.base_url + path,
                headers=await self._headers(request_id, None), request_id=request_id,
                params=params, client_timeout=timeout,
            )  # fmt: skip
            logger.debug("%s -> %d (request_id=%s)", what, response.status, response.request_id)
            self._check(response, endpoint, job_id)
            return response

        try:
            try:
                return await call_with_retries(attempt, self._policy, what=what)
            except AuthenticationError as error:
                if not error.retryable:
                    raise
                logger.info("Temporary key refused (request_id=%s); retrying with a new one",
                            error.request_id)  # fmt: skip
                return await attempt()
        except BatchError as error:
            raise self._scrubbed(error) from error.__cause__

    async def upload(
        self,
        path: str,
        *,
        config_json: str,
        source: UploadSource | None,
        params: Mapping[str, str] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        progress: ProgressCallback | None = None,
        hold_seconds: float = 0.0,
    ) -> RawResponse:
        """POST a multipart job submission, streaming the file. Never retried."""
        await self._destination.check()
        request_id = new_request_id()
        headers = await self._headers(request_id, extra_headers)
        form = aiohttp.MultipartWriter("form-data")
        form.append(config_json).set_content_disposition("form-data", name="config")
        payload: StreamingFilePayload | None = None
        if source is not None:
            reporter = ProgressReporter(progress, source.size)
            payload = StreamingFilePayload(source, reporter, self.config.upload_idle_timeout)
            # Raw UTF-8 like browsers and curl send (aiohttp would percent-encode the name).
            payload.set_content_disposition(
                "form-data", quote_fields=False, name="data_file", filename=source.filename
            )
            form.append_payload(payload)
        # No total limit for uploads: a slow line may need hours. A stall is caught per chunk.
        timeout = aiohttp.ClientTimeout(
            total=None,
            connect=self.config.connect_timeout,
            sock_connect=self.config.connect_timeout,
            sock_read=self.config.operation_timeout + hold_seconds,
        )
        try:
            response = await exchange(
                self._get_session(), "POST", self.base_url + path, headers=headers,
                request_id=request_id, params=params, data=form, client_timeout=timeout,
                allow_redirects=False,  # a streamed body cannot be sent twice
            )  # fmt: skip
            logger.debug("POST %s -> %d (request_id=%s)", path, response.status,
                         response.request_id)  # fmt: skip
            self._check(response, Endpoint.SUBMIT, None)
        except BatchError as error:
            failure, cause = error, error.__cause__
            if (  # no answer at all: say how far the upload got
                isinstance(error, TransportError)
                and not isinstance(error, CertificateError)  # refused before sending anything
                and error.status_code is None
                and payload is not None
            ):
                failure, cause = _upload_failure(error, payload), error
            elif error.status_code is not None or isinstance(error, CertificateError):
                # A gateway's 502/504 may come after the API behind it created the job.
                failure.job_may_exist = error.status_code in (502, 504)
            raise self._scrubbed(failure) from cause
        return response


def _upload_failure(error: TransportError, payload: StreamingFilePayload) -> BatchError:
    """The error to show for an upload that got no answer: how far it got, was a job created."""
    failure = _describe_upload_failure(error, payload)
    failure.job_may_exist = payload.finished and not payload.problem and not payload.stalled
    return failure


def _describe_upload_failure(error: TransportError, payload: StreamingFilePayload) -> BatchError:
    name, sent, size = payload.filename or "audio", payload.bytes_sent, payload.size
    of_total = f"{sent:,} of {size:,}" if size is not None else f"{sent:,}"
    reason = error.message.rstrip(".")
    request_id = error.request_id
    if payload.problem:
        return BatchError(
            f"Uploading '{name}' failed: {payload.problem}; no job was created.",
            request_id=request_id,
        )
    if payload.stalled:
        return RequestTimeoutError(
            f"The upload of '{name}' stalled: nothing could be sent for "
            f"{payload.idle_timeout:g} s after {of_total} bytes; no job was created.",
            request_id=request_id,
        )
    if not payload.finished:
        return ConnectionError(
            f"The upload of '{name}' was interrupted after {of_total} bytes ({reason}); "
            "no job was created, try again.",
            request_id=request_id,
        )
    lost = RequestTimeoutError if isinstance(error, RequestTimeoutError) else ConnectionError
    return lost(
        f"'{name}' was uploaded but the server's reply was lost ({reason}); the job may "
        "exist: check list_jobs() before submitting again.",
        request_id=request_id,
    )
