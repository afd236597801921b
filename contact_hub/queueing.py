"""Job dispatch on RQ: JSON payloads, priority queues, enqueue after commit.

The database is the source of truth. A job is only a nudge to act on a row, so when
Redis is unreachable the dispatcher logs and moves on: the row stays in its waiting
state and the sweeper enqueues it again once Redis is back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from redis import Redis
from redis.client import Pipeline
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
class _Pending:
    jobs: list[JobRequest] = field(default_factory=list)
    increments: list[tuple[str, str]] = field(default_factory=list)


_round_trip: ContextVar[_Pending | None] = ContextVar("dispatcher_round_trip", default=None)


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
        """Enqueue each request unless the same job is already pending; return how many.

        Inside `one_round_trip()` the requests wait and go with the block's other commands.
        """
        requests = list(requests)
        pending = _round_trip.get()
        if pending is not None:
            pending.jobs.extend(requests)
            return len(requests)
        return self._send(requests, [])

    def increment(self, key: str, field_name: str) -> None:
        """Add one to a counter in a Redis hash; counting never fails the caller."""
        pending = _round_trip.get()
        if pending is not None:
            pending.increments.append((key, field_name))
        else:
            self._send([], [(key, field_name)])

    @contextmanager
    def one_round_trip(self) -> Iterator[None]:
        """Hold this block's enqueues and counters, then send them in one Redis pipeline.

        A webhook would otherwise pay a round trip per command. What was held is sent even
        if the block raises: a job always belongs to a row that has already committed.
        """
        pending = _Pending()
        token = _round_trip.set(pending)
        try:
            yield
        finally:
            _round_trip.reset(token)
            self._send(pending.jobs, pending.increments)

    def _send(self, requests: list[JobRequest], increments: list[tuple[str, str]]) -> int:
        try:
            with self.redis.pipeline() as pipe:
                enqueued = [r for r in requests if r.fresh or not self.is_pending(r.job_id)]
                for request in enqueued:
                    self._enqueue(request, pipe)
                for key, field_name in increments:
                    pipe.hincrby(key, field_name, 1)
                pipe.execute()
        except RedisError as error:
            ids = ",".join(r.job_id for r in requests) or "-"
            logger.warning("enqueue deferred to sweeper job_ids=%s error=%s", ids, error)
            return 0
        return len(enqueued)

    def _enqueue(self, request: JobRequest, pipe: Pipeline) -> None:
        retry = None
        if request.retry:
            retry = Retry(max=len(request.retry), interval=list(request.retry))
        options: dict[str, Any] = {
            "job_id": request.job_id, "retry": retry, "result_ttl": 600,
            "failure_ttl": 7 * 24 * 3600, "pipeline": pipe,
        }
        queue = self.queues[request.queue]
        if request.at is not None:
            queue.enqueue_at(request.at, request.func, *request.args, **options)
        else:
            queue.enqueue(request.func, *request.args, **options)

    def is_pending(self, job_id: str) -> bool:
        """True if a job with this id is waiting, running or scheduled."""
        try:
            job = Job.fetch(job_id, connection=self.redis, serializer=JSONSerializer)
        except NoSuchJobError:
            return False
        return job.get_status(refresh=False) in PENDING

    def queue_lengths(self) -> dict[str, int]:
        return {name: queue.count for name, queue in self.queues.items()}
