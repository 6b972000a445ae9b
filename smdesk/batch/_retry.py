"""Retries for idempotent requests: capped exponential backoff with full jitter.

A server's Retry-After is honoured (up to `max_retry_after`); anything asking for a longer
pause is surfaced as the error instead of freezing the caller.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from smdesk.batch.errors import BatchError

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 5
    base_delay: float = 0.5
    max_delay: float = 20.0
    max_retry_after: float = 120.0

    def delay_before_retry(self, retries_done: int, error: BatchError) -> float | None:
        """Seconds to sleep before the next attempt, or None to give up and raise `error`."""
        if retries_done >= self.max_retries or not error.transient:
            return None
        if error.retry_after is not None:
            return error.retry_after if error.retry_after <= self.max_retry_after else None
        cap = min(self.max_delay, self.base_delay * (2**retries_done))
        return random.uniform(0.0, cap)


async def call_with_retries(
    attempt: Callable[[], Awaitable[T]], policy: RetryPolicy, *, what: str
) -> T:
    """Run `attempt` until it succeeds or fails with an error the policy will not retry."""
    retries_done = 0
    while True:
        try:
            return await attempt()
        except BatchError as error:
            delay = policy.delay_before_retry(retries_done, error)
            if delay is None:
                raise
            retries_done += 1
            logger.warning(
                "%s failed (%s, status=%s, request_id=%s); retry %d/%d in %.2f s",
                what, type(error).__name__, error.status_code, error.request_id,
                retries_done, policy.max_retries, delay,
            )  # fmt: skip
            await asyncio.sleep(delay)
