"""Job dispatch on RQ: JSON payloads, priority queues, enqueue after commit.

The database is the source of truth. A job is only a nudge to act on a row, so when
Redis is unreachable the dispatcher logs and moves on: the row stays in its waiting
state and the sweeper enqueues it again once Redis is back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer

logger = logging.getLogger(__name__)

QUEUE_NAMES = ("critical", "default", "low")
PENDING = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}


@dataclass(frozen=True)
class JobRequest:
    """A job to enqueue once the transaction that made it necessary has committed."""

    func: str  # dotted path, e.g. "contact_hub.jobs.process_inbound"
    args: tuple[Any, ...]
    job_id: str
    queue: str = "default"
    retry: tuple[int, ...] = ()  # retry intervals in seconds; empty = no retry
    at: datetime | None = None  # run no earlier than this (RQ scheduler); None = now
    fresh: bool = False  # for a row created just now: no job can exist yet, skip the check


@dataclass
class Dispatcher:
    """Enqueues `JobRequest`s on RQ queues built with the JSON serializer."""

    redis: Redis
    queue_names: tuple[str, ...] = QUEUE_NAMES
    queues: dict[str, Queue] = field(init=False)

    def __post_init__(self) -> None:
        self.queues = {
            name: Queue(name, connection=self.redis, serializer=JSONSerializer)
            for name in self.queue_names
        }

    def enqueue_all(self, requests: Iterable[JobRequest]) -> int:
        """Enqueue each request unless the same job is already pending; return how many."""
        enqueued = 0
        for request in requests:
            try:
                enqueued += self._enqueue(request)
            except RedisError as error:
                logger.warning(
                    "enqueue deferred to sweeper job_id=%s error=%s", request.job_id, error
                )
        return enqueued

    def _enqueue(self, request: JobRequest) -> int:
        if not request.fresh and self.is_pending(request.job_id):
            return 0
        retry = None
        if request.retry:
            retry = Retry(max=len(request.retry), interval=list(request.retry))
        options: dict[str, Any] = {
            "job_id": request.job_id, "retry": retry, "result_ttl": 600,
            "failure_ttl": 7 * 24 * 3600,
        }
        queue = self.queues[request.queue]
        if request.at is not None:
            queue.enqueue_at(request.at, request.func, *request.args, **options)
        else:
            queue.enqueue(request.func, *request.args, **options)
        return 1

    def is_pending(self, job_id: str) -> bool:
        """True if a job with this id is waiting, running or scheduled."""
        try:
            job = Job.fetch(job_id, connection=self.redis, serializer=JSONSerializer)
        except NoSuchJobError:
            return False
        return job.get_status(refresh=False) in PENDING

    def queue_lengths(self) -> dict[str, int]:
        return {name: queue.count for name, queue in self.queues.items()}
