"""What routing one ordinary contact costs the worker, counted rather than timed, so that a
saving made for issue 21 cannot silently come back: SQL statements and commits per contact,
and Redis round trips per routing job. Ordinary texts are taken in by the webhook, handed
off, then routed and acknowledged (through a fake Twilio) by the product's worker
(`run_worker`, its RQ worker class), each routing job in its main thread.

Ordinary contacts are routed in batches (ROUTING_BATCH_SIZE, 20): one routing job, and three
commits, per batch (the routing transaction; the acknowledgements' claims; their outcomes).
The figures when this was written (docs/scaling.md): 12.9 statements a contact on
PostgreSQL (14.8 on SQLite), 3 commits and about 5 Redis round trips a batch in burst mode,
from 29 statements, 3 commits and 11.1 round trips a contact when each contact had a job of
its own. A change that needs more should say why, and change them here.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import pytest
from redis.connection import AbstractConnection
from sqlalchemy import event

from contact_hub.worker import run_worker
from tests.integration.escalation_fixtures import paging_settings
from tests.integration.fault_checks import post_text

BATCH = 20  # ROUTING_BATCH_SIZE's default
CONTACTS = 2 * BATCH
STATEMENTS = 16  # per contact, at most
COMMITS = 3  # per batch, exactly
REDIS_ROUND_TRIPS = 12  # per routing job, at most
# Once per burst: the burst worker's look for contacts to hand off (one statement, one
# commit); RQ's start and stop (registration, the scheduler's one pass; 87 round trips).
START_AND_STOP = {"statements": 1, "commits": 1, "redis": 100}


@pytest.fixture
def settings(settings, fake_slack, fake_twilio):
    return paging_settings(settings, fake_slack, fake_twilio)


def test_routing_a_contact_costs_no_more_statements_commits_or_round_trips(
    container, client, fake_twilio, monkeypatch
):
    for n in range(CONTACTS):
        post_text(client, n, emergency=False)
    while container.inbound.hand_off():
        pass
    assert container.dispatcher.queue_lengths()["default"] == CONTACTS // BATCH
    worker = threading.current_thread()  # the jobs run here; the timers have threads of their own
    counts: Counter[str] = Counter()

    def count(what: str) -> Any:
        def listener(*_: Any) -> None:
            if threading.current_thread() is worker:
                counts[what] += 1
        return listener

    statement, commit = count("statements"), count("commits")
    event.listen(container.engine, "before_cursor_execute", statement)
    event.listen(container.engine, "commit", commit)
    sent = AbstractConnection.send_packed_command

    def send_packed_command(self: AbstractConnection, *args: Any, **kwargs: Any) -> None:
        counts["redis"] += threading.current_thread() is worker
        sent(self, *args, **kwargs)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", send_packed_command)
    try:
        run_worker(container, burst=True, sweep=False)
    finally:
        event.remove(container.engine, "before_cursor_execute", statement)
        event.remove(container.engine, "commit", commit)

    assert len(fake_twilio.messages) == CONTACTS  # every contact routed and acknowledged
    jobs = CONTACTS // BATCH
    once = START_AND_STOP
    assert counts["statements"] <= STATEMENTS * CONTACTS + once["statements"], counts
    assert counts["commits"] == COMMITS * jobs + once["commits"], counts
    assert counts["redis"] <= REDIS_ROUND_TRIPS * jobs + once["redis"], counts
