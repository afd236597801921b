"""A worker's end never waits out RQ's minute-long pub/sub read.

RQ listens for `rq send-command` on a pub/sub thread that reads for `sleep_time` at a time
(60 s in RQ). Since redis-py 8, stopping that thread waits for it, and once RQ has
unsubscribed the thread waits out its whole read for a subscription that never comes: a burst
worker, a restarted worker or a stopping one could take a minute to finish. The product's
worker reads in short waits instead. Checked by what the thread was given, not by a clock."""

from __future__ import annotations

from contact_hub.worker import Worker


def test_the_pubsub_thread_reads_in_short_waits_and_is_gone_after_the_worker_stops(container):
    worker = Worker([container.dispatcher.queues["default"]], connection=container.redis)
    worker.subscribe()
    thread = worker.pubsub_thread
    assert thread is not None and thread.is_alive()
    assert thread.sleep_time == Worker.PUBSUB_WAIT_SECONDS <= 1

    worker.unsubscribe()  # what RQ's teardown does at the end of every run

    assert not thread.is_alive()


def test_a_burst_run_ends_with_its_pubsub_thread(container):
    worker = Worker([container.dispatcher.queues["default"]], connection=container.redis)
    worker.work(burst=True, logging_level="WARNING")
    assert worker.pubsub_thread is None or not worker.pubsub_thread.is_alive()
