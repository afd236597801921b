"""Email taken in a page at a time: one fetch (EWS GetItem) and one database transaction
per page of messages, a page that cannot be stored whole stored one message at a time (the
poison one counted and, in the end, handed to a person), and a provider's Retry-After
honoured when the page is tried again. Real Redis and database; the fake EWS and Graph."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from rq.registry import ScheduledJobRegistry
from sqlalchemy.exc import DBAPIError

from contact_hub import jobs
from contact_hub.bootstrap import Container
from contact_hub.services.email.intake import (
    MAX_FETCH_ATTEMPTS,
    PAGE,
    RETRY_AFTER_BOUNDS,
    page_of,
)
from tests.fakes.ews_server import FakeEws
from tests.fakes.graph_server import FakeGraph, GraphFailure
from tests.integration.email_backends import MAILBOX, EwsBackend, GraphBackend, Mail, mime_of
from tests.integration.test_ews_email import contacts, outbound, rows


@pytest.fixture
def graph(settings, clock, container: Container, monkeypatch) -> Iterator[GraphBackend]:
    fake = FakeGraph(mailbox=MAILBOX).start()
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", fake.ca_file)
    backend = GraphBackend(fake).start(settings, clock)
    yield backend
    jobs.install(container)
    backend.stop()
    fake.stop()


def deliver(fake: FakeEws, clock, texts: list[str]) -> None:
    for n, words in enumerate(texts):
        fake.deliver(mime_of(Mail(words, sender=f"resident{n}@example.com"),
                             f"<page-{n}@example.com>"), clock())


def test_a_backlog_is_fetched_and_stored_a_page_at_a_time(ews, fake, clock):
    count = PAGE + 10
    deliver(fake, clock, [f"The communal door {n} is broken" for n in range(count)])
    assert ews.container.ews_sync is not None
    assert ews.container.ews_sync.sync() == count
    pages = sorted({page_of(row.id) for row in rows(ews.container)})

    ews.run_jobs()

    assert len(fake.operations("GetItem")) == len(pages)  # one GetItem a page, not a message
    assert [row.status for row in rows(ews.container)] == ["received"] * count
    assert len({c.provider_message_id for c in contacts(ews.container)}) == count
    acks = [o for o in outbound(ews.container) if o.kind == "acknowledgement"]
    assert sorted(o.recipient for o in acks) == sorted(
        f"resident{n}@example.com" for n in range(count))
    assert sent_once(ews, fake)

    for page in pages:  # a page job run again finds nothing pending: nothing twice
        ews.container.email.fetch_page(page)
    ews.run_jobs()
    assert len(contacts(ews.container)) == count and sent_once(ews, fake)


def sent_once(ews: EwsBackend, fake: FakeEws) -> bool:
    """Every message to a resident went once: one outbox row per kind per resident, and
    Exchange was asked to send each row once."""
    kinds = Counter((o.recipient, o.kind) for o in outbound(ews.container))
    assert set(kinds.values()) == {1}
    assert Counter(mail.to for mail in ews.sent()) == Counter(r for r, _ in kinds)
    return len(fake.sent) == sum(kinds.values())


def test_a_message_the_database_refuses_never_loses_the_rest_of_its_page(
    ews, fake, clock, poison_trigger
):
    deliver(fake, clock, ["Fence panel down", "Gutter leaking", "POISON the tap drips",
                          "I can smell gas in my kitchen", "Broken window latch"])
    assert ews.container.ews_sync is not None
    ews.container.ews_sync.sync()
    [page] = {page_of(row.id) for row in rows(ews.container)}

    with pytest.raises(DBAPIError):  # the job fails, so RQ tries the page again later
        ews.container.email.fetch_page(page)

    stored = {c.text for c in contacts(ews.container)}
    assert stored == {"Fence panel down", "Gutter leaking", "I can smell gas in my kitchen",
                      "Broken window latch"}
    [poison] = [row for row in rows(ews.container) if row.status == "pending"]
    assert poison.attempts == 1
    for _ in range(MAX_FETCH_ATTEMPTS - 1):  # RQ's retries, and then a person looks
        with contextlib.suppress(DBAPIError):
            ews.container.email.fetch_page(page)
    assert [row.status for row in rows(ews.container)].count("needs_attention") == 1
    assert len(contacts(ews.container)) == 4


def scheduled(container: Container) -> dict[str, float]:
    """Job id -> when the RQ scheduler will enqueue it (a Unix time)."""
    registry = ScheduledJobRegistry("default", connection=container.redis)
    return {job_id: registry.get_scheduled_time(job_id).timestamp()
            for job_id in registry.get_job_ids()}


@pytest.mark.parametrize(("retry_after", "waited"), [("45", 45), ("86400", None)])
def test_graph_retry_after_on_fetch_schedules_the_page_after_it(
    graph, clock, retry_after, waited
):
    graph.deliver(Mail("Front door lock is broken"))
    graph.fake.fail_next(GraphFailure(429, "TooManyRequests", "/messages/",
                                      headers={"Retry-After": retry_after}))
    graph.take_in()  # the notification, then the page job: throttled

    expected = waited if waited is not None else RETRY_AFTER_BOUNDS[1]  # bounded
    [row] = rows(graph.container)
    assert row.status == "pending" and row.attempts == 1
    due = clock() + timedelta(seconds=expected)
    retry = f"email-page-{page_of(row.id)}-at-{int(due.timestamp())}"
    assert scheduled(graph.container) == {retry: due.timestamp()}
    clock.advance(seconds=expected - 1)
    assert graph.container.email.sweep() == 0  # the sweeper waits as long too

    graph.container.email.fetch_page(page_of(row.id))  # the scheduled retry, when due
    assert rows(graph.container)[0].status == "received"
    assert len(contacts(graph.container)) == 1
