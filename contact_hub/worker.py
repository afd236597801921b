"""The worker process: an RQ worker with the scheduler, plus a sweeper on a timer."""

from __future__ import annotations

import logging
import threading

from rq import SimpleWorker
from rq.serializers import JSONSerializer

from contact_hub import jobs
from contact_hub.bootstrap import Container
from contact_hub.queueing import QUEUE_NAMES

logger = logging.getLogger(__name__)


class SweeperThread(threading.Thread):
    """Runs the container's periodic recovery jobs every `interval` seconds until stopped."""

    def __init__(self, container: Container, interval: float) -> None:
        super().__init__(name="sweeper", daemon=True)
        self.container = container
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            for task in self.container.periodic:
                try:
                    task()
                except Exception:
                    # A failed run (Redis or the database briefly down) is retried next tick.
                    logger.exception("periodic task failed; will retry task=%s", task)


def run_worker(container: Container, *, burst: bool = False, sweep: bool = True) -> bool:
    """Work the priority queues (critical first) until stopped; True if it ran cleanly."""
    jobs.install(container)
    sweeper = SweeperThread(container, container.settings.sweep_interval_seconds)
    if sweep and not burst:
        sweeper.start()
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
        sweeper.stopped.set()
