"""Job dispatch on RQ: JSON payloads, priority queues, enqueue after commit.

The database is the source of truth. A job is only a nudge to act on a row, so when
Redis is unreachable the dispatcher logs and moves on: the row stays in its waiting
state and the sweeper enqueues it again once Redis is back.

A job RQ still calls `queued` or `started` is not always alive: a worker killed between
popping a job and marking it started leaves it `queued` in no queue, and one killed mid-job
leaves it `started` for a worker that is gone (RQ notices only after many minutes). Every
`contact-hub worker` keeps a short-lived liveness key (`beat`, every `BEAT_SECONDS`, expiring
after `ALIVE_SECONDS`), and `is_pending` counts such orphans as not pending, so the sweeper
enqueues their work again at its next run.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import Counter
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
from rq.registry import StartedJobRegistry
from rq.serializers import JSONSerializer

logger = logging.getLogger(__name__)

QUEUE_NAMES = ("critical", "default", "low")
# Slack posts have a queue (and worker) of their own: a Slack that hangs never holds up
# the SMS and voice pages on `critical`.
SLACK_QUEUE = "slack"
ALL_QUEUES = (*QUEUE_NAMES, SLACK_QUEUE)
# The order one worker serving every queue takes work in: an emergency's routing, pages and
# Slack post come before the next of a backlog of ordinary contacts (RQ always pops the
# first non-empty queue of the list). Slack comes after `critical`, so a Slack that hangs
# still never holds up an SMS page, but before `default`, so a backlog never holds up the
# on-call post.
WORKER_ORDER = ("critical", SLACK_QUEUE, "default", "low")
COUNTS_FLUSH_SECONDS = 1.0
PENDING = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}
# A worker's liveness key is refreshed every BEAT_SECONDS by a thread of its own (so a long
# job does not stop it) and expires ALIVE_SECONDS after the worker stops beating.
BEAT_SECONDS = 2.0
ALIVE_SECONDS = 10
ALIVE_PREFIX = "contact-hub:alive:"
# A job seen `queued` but in no queue may just have been popped by a live worker that is
# about to mark it started: look again after this long before calling it orphaned.
POPPED_GRACE_SECONDS = 0.2


@dataclass(frozen=True)
class JobRequest:
    """A job to enqueue once the transaction that made it necessary has committed."""

    func: str  # the job's dotted name: one of contact_hub.job_names
    args: tuple[Any, ...]
    job_id: str
    queue: str = "default"
    retry: tuple[int, ...] = ()  # retry intervals in seconds; empty = no retry
    at: datetime | None = None  # run no earlier than this (RQ scheduler); None = now
    fresh: bool = False  # for a row created just now: no job can exist yet, skip the check


_round_trip: ContextVar[list[JobRequest] | None] = ContextVar(
    "dispatcher_round_trip", default=None
)


@dataclass
class Dispatcher:
    """Enqueues `JobRequest`s on RQ queues built with the JSON serializer."""

    redis: Redis
    queue_names: tuple[str, ...] = ALL_QUEUES
    queues: dict[str, Queue] = field(init=False)
    _counts: Counter[tuple[str, str]] = field(init=False, default_factory=Counter)
    _counts_lock: threading.Lock = field(init=False, default_factory=threading.Lock)
    _flusher_pid: int | None = field(init=False, default=None)
    _closed: threading.Event = field(init=False, default_factory=threading.Event)

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
            pending.extend(requests)
            return len(requests)
        return self._send(requests)

    @contextmanager
    def one_round_trip(self) -> Iterator[None]:
        """Hold this block's enqueues, then send them in one Redis pipeline.

        A webhook would otherwise pay a round trip per job. What was held is sent even if
        the block raises: a job always belongs to a row that has already committed.
        """
        pending: list[JobRequest] = []
        token = _round_trip.set(pending)
        try:
            yield
        finally:
            _round_trip.reset(token)
            if pending:
                self._send(pending)

    def increment(self, key: str, field_name: str) -> None:
        """Add one to a counter in a Redis hash, within about a second.

        Counts wait in this process and go to Redis together (`flush_counts`, run every
        second by a thread of this process): a webhook pays no round trip for its counter,
        and counting never fails the caller.
        """
        with self._counts_lock:
            self._counts[(key, field_name)] += 1
            if self._flusher_pid != os.getpid():  # first count, or a forked child
                self._flusher_pid = os.getpid()
                threading.Thread(target=self._flush_counts_often, name="counts",
                                 daemon=True).start()

    def flush_counts(self) -> None:
        """Add this process's waiting counts to Redis now (kept for later if it is down)."""
        with self._counts_lock:
            counts, self._counts = self._counts, Counter()
        if not counts:
            return
        try:
            with self.redis.pipeline(transaction=False) as pipe:
                for (key, field_name), n in counts.items():
                    pipe.hincrby(key, field_name, n)
                pipe.execute()
        except Exception as error:  # counting never fails the caller or its thread
            # Redis down (RedisError), or redis-py's own race when another thread closes
            # the connection mid-read (AttributeError from its parser): either way the
            # counts go back to wait for the next flush, and the flushing thread lives on.
            with self._counts_lock:
                self._counts.update(counts)
            if not isinstance(error, RedisError):
                logger.warning("counts kept for the next flush error=%s", type(error).__name__)

    def _flush_counts_often(self) -> None:
        while not self._closed.wait(COUNTS_FLUSH_SECONDS):
            self.flush_counts()

    def close(self) -> None:
        """Send the waiting counts and stop counting in the background."""
        self._closed.set()
        self.flush_counts()

    def _send(self, requests: list[JobRequest]) -> int:
        try:
            with self.redis.pipeline() as pipe:
                live = self.pending(r.job_id for r in requests if not r.fresh)
                enqueued = [r for r in requests if r.fresh or r.job_id not in live]
                for request in enqueued:
                    if not request.fresh:
                        self._forget_orphan(request.job_id)
                    self._enqueue(request, pipe)
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
            # A job's return value is never read: a finished job is deleted at once (no
            # result to write and expire; `pending` treats gone and finished alike). A
            # failed one is kept a week for inspection.
            "job_id": request.job_id, "retry": retry, "result_ttl": 600,
            "failure_ttl": 7 * 24 * 3600, "pipeline": pipe,
        }
        queue = self.queues[request.queue]
        if request.at is not None:
            queue.enqueue_at(request.at, request.func, *request.args, **options)
        else:
            queue.enqueue(request.func, *request.args, **options)

    def is_pending(self, job_id: str) -> bool:
        """True if a job with this id is waiting in a queue, scheduled, or running on a
        live worker; False if there is none or it is orphaned (its worker is gone)."""
        return job_id in self.pending([job_id])

    def pending(self, job_ids: Iterable[str]) -> set[str]:
        """The ids among `job_ids` whose jobs are really pending (see `is_pending`)."""
        suspects: set[str] = set()
        live: set[str] = set()
        for job_id in job_ids:
            job = self._fetch(job_id)
            if job is None or job.get_status(refresh=False) not in PENDING:
                continue
            (suspects if self._orphaned(job) else live).add(job_id)
        if suspects:  # rare: look once more, together, before calling them orphaned
            time.sleep(POPPED_GRACE_SECONDS)
            for job_id in suspects:
                job = self._fetch(job_id)
                if job is not None and job.get_status(refresh=False) in PENDING and not (
                    self._orphaned(job)
                ):
                    live.add(job_id)
        return live

    def _fetch(self, job_id: str) -> Job | None:
        try:
            return Job.fetch(job_id, connection=self.redis, serializer=JSONSerializer)
        except NoSuchJobError:
            return None

    def _orphaned(self, job: Job) -> bool:
        """`queued` in no queue, or `started` by a worker whose liveness key has expired."""
        status = job.get_status(refresh=False)
        if status == JobStatus.QUEUED and job.origin in self.queues:
            position = self.redis.lpos(self.queues[job.origin].key, job.id)
            return position is None
        if status == JobStatus.STARTED:
            return not (job.worker_name and self.is_alive(job.worker_name))
        return False

    def beat(self, worker_name: str) -> None:
        """Say that `worker_name` is alive for the next ALIVE_SECONDS."""
        self.redis.set(ALIVE_PREFIX + worker_name, "1", ex=ALIVE_SECONDS)

    def is_alive(self, worker_name: str) -> bool:
        return bool(self.redis.exists(ALIVE_PREFIX + worker_name))

    def forget_worker(self, worker_name: str) -> None:
        """A worker that stops cleanly: its jobs are not waited for any longer."""
        self.redis.delete(ALIVE_PREFIX + worker_name)

    def _forget_orphan(self, job_id: str) -> None:
        """Take an orphaned job's dead execution out of RQ's started registry, so RQ's own
        clean-up does not later mark the re-enqueued job failed."""
        job = self._fetch(job_id)
        if job is not None and job.get_status(refresh=False) == JobStatus.STARTED:
            StartedJobRegistry(job.origin, connection=self.redis,
                               serializer=JSONSerializer).remove_executions(job)

    def queue_lengths(self) -> dict[str, int]:
        return {name: queue.count for name, queue in self.queues.items()}
