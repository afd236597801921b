"""The worker process: an RQ worker with the scheduler, plus timers: the hand-off of
accepted contacts (a few times a second), the sweeper's recovery tasks, and a liveness
beat that lets the sweeper tell a running job from one whose worker is gone.

A worker outlives its dependencies: when Redis (or the database under it) drops, RQ's
loop gives up ("found an unhandled exception, quitting"); `run_worker` starts a new RQ
worker after a back-off (1 s doubling to 10 s) instead of exiting; while idle, RQ itself
retries its connection on the same schedule. Jobs are safe to run
twice, and whatever the lost worker was running is an orphan the sweeper re-enqueues.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
import time
from collections.abc import Callable, Sequence

from redis.client import Pipeline
from redis.exceptions import RedisError
from rq import SimpleWorker
from rq.job import Job
from rq.queue import Queue
from rq.serializers import JSONSerializer
from rq.utils import now

from contact_hub import jobs
from contact_hub.bootstrap import Container
from contact_hub.queueing import BEAT_SECONDS, QUEUE_NAMES, WORKER_ORDER
from contact_hub.services.email.local import TICK_SECONDS as LOCAL_MAIL_TICK_SECONDS

logger = logging.getLogger(__name__)


# How long an accepted contact may wait for a worker to pick it up (the webhook only
# stored it; emergencies never wait for this: the webhook queues them itself).
HAND_OFF_INTERVAL = 0.2
RESTART_BACKOFF = (1.0, 10.0)  # first and longest wait before a new RQ worker
# How stale RQ's record of the worker (its heartbeat, the `rq suspend` flag) may be.
RQ_BEAT_MARGIN = 5.0
SUSPENSION_CHECK_SECONDS = 1.0


class Worker(SimpleWorker):
    """RQ's SimpleWorker with fewer Redis round trips per job; jobs run the same way.

    Per job RQ beats three times, each beat three commands sent one by one (9 round trips),
    marks the worker idle twice, writes the job's heartbeat just before writing its outcome,
    and asks whether workers are suspended. Here a beat is one pipelined round trip, sent
    only when it would move the worker key's expiry on by more than `RQ_BEAT_MARGIN`
    seconds (a busy worker beats once per job, when the job's shorter TTL is lifted); a
    state already recorded is not written again; the job's last heartbeat goes with its
    outcome; `rq suspend` is read at most every `SUSPENSION_CHECK_SECONDS`. (Our own
    liveness key, not RQ's, tells the sweeper whether a worker is alive.)
    `tests/integration/test_round_trips.py` counts what is left."""

    _beat_until = 0.0  # time.monotonic() when the worker key expires, as last set
    # How long the worker's pub/sub thread (`rq send-command`) waits in one read. RQ asks for
    # 60 s; since redis-py 8 stopping that thread waits for it, and once RQ has unsubscribed
    # the thread waits out that whole read for a subscription that never comes, so every
    # worker's end (a burst, a restart, a shutdown) could take a minute.
    PUBSUB_WAIT_SECONDS = 0.5
    _suspension_checked = float("-inf")

    def subscribe(self) -> None:
        self.log.info("Worker %s: subscribing to channel %s", self.name,
                      self.pubsub_channel_name)
        self.pubsub = self.connection.pubsub()
        self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
        self.pubsub_thread = self.pubsub.run_in_thread(  # type: ignore[assignment]
            sleep_time=self.PUBSUB_WAIT_SECONDS, daemon=True,
            exception_handler=self._pubsub_exception_handler)

    def heartbeat(self, timeout: int | None = None, pipeline: Pipeline | None = None) -> None:
        ttl = timeout or self.worker_ttl + 60
        until = time.monotonic() + ttl
        if pipeline is not None:
            super().heartbeat(timeout, pipeline=pipeline)
        elif timeout is None and self._beat_until > until - RQ_BEAT_MARGIN:
            return  # the key's expiry is (nearly) where this beat would put it
        else:
            with self.connection.pipeline(transaction=False) as beat:
                super().heartbeat(timeout, pipeline=beat)
                beat.execute()
        self._beat_until = until

    def set_state(self, state: str, pipeline: Pipeline | None = None) -> None:
        if pipeline is None and state == self._state:
            return
        super().set_state(state, pipeline=pipeline)

    def handle_execution_ended(self, job: Job, queue: Queue, heartbeat_ttl: int) -> None:
        # RQ writes the job's heartbeat here, one round trip before it writes the outcome
        # (and, for a routing job, deletes the job): keep it in memory only.
        job.ended_at = job.last_heartbeat = now()

    def check_for_suspension(self, burst: bool) -> None:
        if time.monotonic() - self._suspension_checked < SUSPENSION_CHECK_SECONDS:
            return
        self._suspension_checked = time.monotonic()
        super().check_for_suspension(burst)


class PeriodicThread(threading.Thread):
    """Runs `tasks` every `interval` seconds until stopped."""

    def __init__(self, name: str, tasks: Sequence[Callable[[], object]], interval: float) -> None:
        super().__init__(name=name, daemon=True)
        self.tasks = tasks
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            for task in self.tasks:
                try:
                    task()
                except Exception as error:
                    # A failed run (Redis or the database briefly down) is retried next tick.
                    logger.warning("periodic task failed; will retry task=%s error=%s",
                                   getattr(task, "__qualname__", task), type(error).__name__)


class _Liveness:
    """Beats for whichever RQ worker this process runs now (a thread: a long job does
    not stop it)."""

    def __init__(self, container: Container) -> None:
        self.dispatcher = container.dispatcher
        self.name: str | None = None

    def beat(self) -> None:
        if self.name is not None:
            # Redis down: nothing can be enqueued or swept either; beat again next time.
            with contextlib.suppress(RedisError):
                self.dispatcher.beat(self.name)

    def forget(self, name: str) -> None:
        with contextlib.suppress(RedisError):  # else the key expires on its own
            self.dispatcher.forget_worker(name)


def run_worker(
    container: Container,
    *,
    burst: bool = False,
    sweep: bool = True,
    queues: Sequence[str] = WORKER_ORDER,
    max_jobs: int | None = None,
) -> bool:
    """Work `queues` (in order: critical first) until stopped; True if it ran cleanly.
    With `max_jobs`, stop after that many jobs (RQ's own limit).

    A worker of Slack's queue alone (`--queues slack`) leaves the hand-off and the sweeper
    to the workers of the main queues."""
    jobs.install(container)
    sweep = sweep and any(name in QUEUE_NAMES for name in queues)
    if sweep:  # once per deployment's main worker, not again from the Slack one
        for problem in container.oncall.paging_problems():
            logger.error("emergency paging: %s", problem)
    liveness = _Liveness(container)
    timers: list[PeriodicThread] = [PeriodicThread("liveness", [liveness.beat], BEAT_SECONDS)]
    if burst:
        container.inbound.hand_off()  # once: a burst worker works what is there now
    elif sweep:
        timers.append(PeriodicThread("hand-off", [container.inbound.hand_off], HAND_OFF_INTERVAL))
    if sweep and not burst:
        interval = container.settings.sweep_interval_seconds
        timers.append(PeriodicThread("sweeper", container.periodic, interval))
        if container.local_mail is not None:  # `try email`: read the local mailbox often
            timers.append(PeriodicThread("local-mailbox", [container.local_mail.tick],
                                         LOCAL_MAIL_TICK_SECONDS))
    for timer in timers:
        timer.start()
    try:
        return _work_until_stopped(container, queues, burst, liveness, max_jobs)
    finally:
        for timer in timers:
            timer.stopped.set()


def _work_until_stopped(
    container: Container,
    queues: Sequence[str],
    burst: bool,
    liveness: _Liveness,
    max_jobs: int | None = None,
) -> bool:
    """Run RQ workers one after another until one is asked to stop (or, in burst mode,
    finishes); a new one after each that quits on an error, with a back-off."""
    wait, stopping = RESTART_BACKOFF[0], threading.Event()
    while True:
        started = time.monotonic()
        worker: Worker | None = None
        try:
            # SimpleWorker runs jobs in this process: no fork per job keeps emergencies
            # fast and lets jobs reuse the pooled database connections. Scale out with
            # more processes. (Building one talks to Redis already.)
            worker = Worker(
                [container.dispatcher.queues[name] for name in queues],
                connection=container.redis,
                serializer=JSONSerializer,
            )
            worker.max_connection_wait_time = RESTART_BACKOFF[1]  # RQ's own idle retries
            liveness.name = worker.name
            liveness.beat()
            worked = bool(worker.work(burst=burst, with_scheduler=True,
                                      logging_level="WARNING", max_jobs=max_jobs))
        except (RedisError, OSError) as error:  # from RQ's set-up or teardown
            logger.warning("worker lost Redis error=%s", type(error).__name__)
            worked = False
        if worker is not None:
            liveness.forget(worker.name)
        if burst or max_jobs is not None or (worker is not None and _asked_to_stop(worker)):
            return worked
        wait = RESTART_BACKOFF[0] if time.monotonic() - started > 60 else wait
        logger.error("worker stopped on an error; starting a new one in %.0f s", wait)
        _stop_on_signal(stopping)
        if stopping.wait(wait):
            return False
        wait = min(wait * 2, RESTART_BACKOFF[1])


def _asked_to_stop(worker: Worker) -> bool:
    """SIGTERM/SIGINT reached RQ (a warm shutdown), as opposed to RQ giving up on an error."""
    return bool(worker._stop_requested or worker._shutdown_requested_date is not None)


def _stop_on_signal(stopping: threading.Event) -> None:
    """While waiting to restart, SIGTERM/SIGINT stop the process (RQ's handlers are gone
    with its worker)."""
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.set())
