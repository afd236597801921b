"""A mail provider's "ask again later" (Graph's Retry-After, Exchange's ErrorServerBusy
back-off) for the periodic tasks that ask it: the Graph catch-up poll and the EWS sync tick.

Every worker runs those tasks every few seconds; a throttled one must not ask again at the
next tick. The wait is kept in Redis, so one worker's answer holds every worker back, and
bounded as the page jobs' waits are (1 s to 15 minutes). With Redis down the tasks ask as
they did before (the wait is advice; the rows they store are what matters).
"""

from __future__ import annotations

import logging

from redis import Redis
from redis.exceptions import RedisError

from channels.base import ChannelUnavailable
from contact_hub.clock import Clock

logger = logging.getLogger(__name__)

# A server's Retry-After is honoured within these bounds (seconds).
RETRY_AFTER_BOUNDS = (1.0, 900.0)


def bounded(seconds: float) -> float:
    """A provider's wait, within RETRY_AFTER_BOUNDS."""
    low, high = RETRY_AFTER_BOUNDS
    return min(max(float(seconds), low), high)


class ProviderWaits:
    """When each periodic task may ask its provider again."""

    def __init__(self, redis: Redis, clock: Clock) -> None:
        self.redis = redis
        self.clock = clock

    def waiting(self, task: str) -> bool:
        """True while the provider's last wait for `task` has not passed."""
        try:
            until = self.redis.get(self._key(task))
        except RedisError:
            return False
        return until is not None and self.clock().timestamp() < float(until)

    def honour(self, task: str, error: ChannelUnavailable) -> None:
        """Keep the wait the provider asked for with `error` (none asked: the next tick)."""
        if error.retry_after is None:
            return
        delay = bounded(error.retry_after)
        until = self.clock().timestamp() + delay
        try:  # the key outlives the wait a little, then goes by itself
            self.redis.set(self._key(task), str(until), ex=int(delay) + 60)
        except RedisError:
            return
        logger.warning("email provider asked us to wait task=%s wait=%ss code=%s",
                       task, delay, error.code)

    @staticmethod
    def _key(task: str) -> str:
        return f"email:wait:{task}"
