"""Rate limits kept in this process: failed sign-ins per client address, compares per key.

A moving window (the `limits` library) so a burst at a window's edge is not let through
twice. Counts live in memory: one server process is one budget, which is what
`claimcheck serve` runs.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from service.api.errors import ApiError


class TooManyRequests(ApiError):
    def __init__(self, what: str, retry_after_s: int) -> None:
        super().__init__(
            429,
            "too_many_requests",
            f"too many {what}; try again in {retry_after_s} s",
            headers={"Retry-After": str(retry_after_s)},
        )


class Throttle:
    """At most `rate` (e.g. "10/minute") events per key; `what` names them in the error."""

    def __init__(self, rate: str, *, what: str) -> None:
        self.item: RateLimitItem = parse(rate)
        self.what = what
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def _refuse(self, key: str) -> TooManyRequests:
        reset = self._limiter.get_window_stats(self.item, key).reset_time
        return TooManyRequests(self.what, max(1, math.ceil(reset - time.time())))

    def check(self, key: str) -> None:
        """Raise 429 if `key` has used up its events, without counting one."""
        if not self._limiter.test(self.item, key):
            raise self._refuse(key)

    def count(self, key: str) -> None:
        """Count one event for `key`; raise 429 if that was one too many."""
        if not self._limiter.hit(self.item, key):
            raise self._refuse(key)
