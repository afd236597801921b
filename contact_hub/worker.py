"""The worker process: an RQ worker with the scheduler, plus two timers: the hand-off of
accepted contacts (a few times a second) and the sweeper's recovery tasks."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from rq import SimpleWorker
from rq.serializers import JSONSerializer

from contact_hub import jobs
from contact_hub.bootstrap import Container
from contact_hub.queueing import QUEUE_NAMES

logger = logging.getLogger(__name__)


# How long an accepted contact may wait for a worker to pick it up (the webhook only
# stored it; emergencies never wait for this: the webhook queues them itself).
HAND_OFF_INTERVAL = 0.2


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
                except Exception:
                    # A failed run (Redis or the database briefly down) is retried next tick.
                    logger.exception("periodic task failed; will retry task=%s", task)


def run_worker(container: Container, *, burst: bool = False, sweep: bool = True) -> bool:
    """Work the priority queues (critical first) until stopped; True if it ran cleanly."""
    jobs.install(container)
    for problem in container.oncall.paging_problems():
        logger.error("emergency paging: %s", problem)
    timers: list[PeriodicThread] = []
    if burst:
        container.inbound.hand_off()  # once: a burst worker works what is there now
    else:
        timers.append(PeriodicThread("hand-off", [container.inbound.hand_off], HAND_OFF_INTERVAL))
    if sweep and not burst:
        interval = container.settings.sweep_interval_seconds
        timers.append(PeriodicThread("sweeper", container.periodic, interval))
    for timer in timers:
        timer.start()
    # SimpleWorker runs jobs in this process: no fork per job keeps emergencies fast and
    # lets jobs reuse the pooled database connections. Scale out with more processes.
    worker = SimpleWorker(
        [container.dispatcher.queues[name] for name in QUEUE_NAMES],
        connection=container.redis,
        serializer=JSONSerializer,
    )
    try:
        return bool(worker.work(burst=burst, with_scheduler=True, logging_level="WARNING"))
    finally:
        for timer in timers:
            timer.stopped.set()
