"""The webhook's hot path: Core statements for the intake, one Redis round trip per
request, and a connection pool that pings only idle connections."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from channels.base import Channel, InboundMessage
from contact_hub import job_names
from contact_hub.metrics import WEBHOOK_KEY, webhook_counts
from contact_hub.queueing import JobRequest
from contact_hub.services.contacts.identities import sender_key
from contact_hub.storage import intake_store, models
from contact_hub.storage.db import make_engine, retry_on_disconnect
from tests.helpers import MOBILE, sms_form


def count(container, model) -> int:
    with container.sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_first_messages_at_once_from_one_sender_make_one_customer(container, twilio, app):
    """Eight webhooks from a new number arriving together, then eight workers threading
    them together: one customer, one identity, eight contacts (PostgreSQL runs them truly
    concurrently)."""
    barrier = threading.Barrier(8)
    statuses: list[int] = []

    def post(n: int) -> None:
        client = app.test_client()
        barrier.wait()
        response = twilio.post(client, "/webhooks/twilio/sms",
                               sms_form(f"message {n}", sid=f"SMrace{n:02d}"))
        statuses.append(response.status_code)

    def route(contact_id: int) -> None:
        barrier.wait()
        container.inbound.process(contact_id)

    def at_once(target, args) -> None:
        threads = [threading.Thread(target=target, args=(a,)) for a in args]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    at_once(post, range(8))
    with container.sessions() as session:
        ids = list(session.scalars(select(models.Contact.id)))
    at_once(route, ids)

    assert statuses == [200] * 8
    assert count(container, models.Contact) == 8
    assert count(container, models.Customer) == 1
    assert count(container, models.Identity) == 1
    with container.sessions() as session:
        customers = set(session.scalars(select(models.Contact.customer_id)))
        conversations = set(session.scalars(select(models.Contact.conversation_id)))
        statuses_after = set(session.scalars(select(models.Contact.status)))
    assert len(customers) == 1 and None not in customers
    assert statuses_after == {"routed"}
    # Concurrent first messages may each open a conversation; later ones join the latest.
    assert 1 <= len(conversations) <= 8 and None not in conversations


def test_losing_the_first_message_race_adopts_the_winner_and_leaves_no_orphan(container, clock):
    key = sender_key(Channel.SMS, MOBILE)
    now = clock()
    with container.engine.begin() as connection:
        winner = intake_store.thread_for(connection, key, "sms", now, now - timedelta(days=14))
    with container.engine.begin() as connection:
        # What a request that read "no such identity" a moment before the winner committed
        # does next: create a customer and try the identity.
        identity_id, customer_id = intake_store._new_identity(connection, key, now)

    assert (identity_id, customer_id) == (winner.identity_id, winner.customer_id)
    assert count(container, models.Customer) == 1


def test_a_conversation_is_reused_inside_its_window_and_renewed_after(container, clock):
    key = sender_key(Channel.SMS, MOBILE)
    window = timedelta(days=14)

    def thread_at(at):
        with container.engine.begin() as connection:
            return intake_store.thread_for(connection, key, "sms", at, at - window)

    first = thread_at(clock())
    same = thread_at(clock() + timedelta(days=13))
    later = thread_at(clock() + timedelta(days=13) + window + timedelta(minutes=1))
    whatsapp = thread_at(clock())  # a different channel is checked separately below

    assert same.conversation_id == first.conversation_id
    assert later.conversation_id != first.conversation_id
    assert later.customer_id == first.customer_id == whatsapp.customer_id
    with container.engine.begin() as connection:
        other = intake_store.thread_for(connection, key, "whatsapp", clock(), clock() - window)
    assert other.conversation_id not in {first.conversation_id, later.conversation_id}


@pytest.fixture
def redis_round_trips(container) -> list[int]:
    """How many jobs each of the dispatcher's Redis round trips carried, from now on."""
    sent: list[int] = []
    original = container.dispatcher._send

    def spy(requests):
        sent.append(len(requests))
        return original(requests)

    container.dispatcher._send = spy  # type: ignore[method-assign]
    return sent


def test_an_ordinary_webhook_makes_no_redis_round_trip(
    container, client, twilio, redis_round_trips
):
    sent = redis_round_trips
    twilio.post(client, "/webhooks/twilio/sms", sms_form("The tap drips", sid="SMone"))

    assert sent == []  # stored as accepted; a worker's hand-off queues it
    assert container.inbound.hand_off() == 1
    assert sent == [1]
    assert container.dispatcher.queue_lengths()["default"] == 1
    assert container.inbound.hand_off() == 0  # handed off once


def test_an_emergency_webhook_queues_its_routing_as_critical_at_once(
    container, client, twilio, redis_round_trips
):
    sent = redis_round_trips
    response = twilio.post(client, "/webhooks/twilio/sms",
                           sms_form("I can smell gas in the hallway", sid="SMgas"))

    assert "0800 111 999" in response.get_data(as_text=True)
    assert sent == [1]  # one round trip, in the webhook, not waiting for a hand-off
    assert container.dispatcher.queue_lengths()["critical"] == 1
    with container.sessions() as session:
        contact = session.scalars(select(models.Contact)).one()
    assert contact.status == "received" and contact.customer_id is not None


def test_webhook_counts_reach_redis_together_and_survive_an_outage(container, redis_down):
    dispatcher = container.dispatcher
    dispatcher.increment(WEBHOOK_KEY, "sms|accepted")
    dispatcher.increment(WEBHOOK_KEY, "sms|accepted")
    assert ("sms", "accepted") not in webhook_counts(container.redis)  # held in the process

    dispatcher.flush_counts()
    assert webhook_counts(container.redis)[("sms", "accepted")] == 2

    up, dispatcher.redis = dispatcher.redis, redis_down.redis  # Redis goes down
    dispatcher.increment(WEBHOOK_KEY, "sms|duplicate")
    dispatcher.flush_counts()  # fails quietly: kept for the next flush
    dispatcher.redis = up  # and comes back
    dispatcher.flush_counts()
    assert webhook_counts(container.redis)[("sms", "duplicate")] == 1


class _ClosedUnderUs:
    """A Redis client whose connection another thread closed mid-read: redis-py's parser
    then raises AttributeError, not a RedisError (seen in CI killing the counts thread)."""

    def pipeline(self, transaction: bool = True):
        raise AttributeError("'NoneType' object has no attribute 'readline'")


def test_counts_survive_a_connection_closed_under_the_flush(container, caplog):
    dispatcher = container.dispatcher
    up, dispatcher.redis = dispatcher.redis, _ClosedUnderUs()
    dispatcher.increment(WEBHOOK_KEY, "sms|accepted")
    dispatcher.flush_counts()  # no exception escapes: the counting thread would die
    assert "counts kept for the next flush error=AttributeError" in caplog.text
    dispatcher.redis = up
    dispatcher.flush_counts()
    assert webhook_counts(container.redis)[("sms", "accepted")] == 1


def test_held_jobs_are_sent_even_when_the_block_fails(container):
    job = JobRequest(func=job_names.PROCESS_INBOUND, args=(1,), job_id="inbound-1",
                     fresh=True)
    with pytest.raises(RuntimeError), container.dispatcher.one_round_trip():
        container.dispatcher.enqueue_all([job])
        assert container.dispatcher.queue_lengths()["default"] == 0  # held until the end
        raise RuntimeError("after the commit")

    assert container.dispatcher.is_pending("inbound-1")


def test_held_jobs_with_redis_down_are_left_to_the_sweeper(redis_down):
    job = JobRequest(func=job_names.PROCESS_INBOUND, args=(1,), job_id="inbound-1")
    with redis_down.dispatcher.one_round_trip():
        redis_down.dispatcher.enqueue_all([job])
    # nothing raised: the contact row is the record, the sweeper re-enqueues it


def test_work_runs_again_once_when_the_connection_was_dead():
    calls: list[int] = []

    def work() -> str:
        calls.append(1)
        if len(calls) == 1:
            error = DBAPIError("INSERT ...", {}, Exception("server closed the connection"))
            error.connection_invalidated = True
            raise error
        return "stored"

    assert retry_on_disconnect(work) == "stored"
    assert len(calls) == 2


def test_other_database_errors_are_not_retried():
    calls: list[int] = []

    def work() -> None:
        calls.append(1)
        raise DBAPIError("INSERT ...", {}, Exception("value too long"))

    with pytest.raises(DBAPIError):
        retry_on_disconnect(work)
    assert len(calls) == 1


def test_an_idle_connection_killed_by_the_server_is_replaced_on_checkout(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("a server-side disconnect needs PostgreSQL")
    engine, admin = make_engine(database_url), make_engine(database_url)
    try:
        with engine.connect() as connection:
            pid = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with admin.begin() as connection:  # the pool's one idle connection is `pid`: kill it
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        for record in list(engine.pool._pool.queue):  # type: ignore[attr-defined]
            record.info["checked_in_at"] -= 60  # it has been idle for a minute

        with engine.connect() as connection:
            assert connection.execute(text("SELECT pg_backend_pid()")).scalar_one() != pid
    finally:
        engine.dispose()
        admin.dispose()


def test_a_webhook_on_a_connection_the_server_just_dropped_is_still_stored_once(
    container, client, twilio, database_url
):
    if not database_url.startswith("postgresql"):
        pytest.skip("a server-side disconnect needs PostgreSQL")
    with container.engine.connect() as connection:
        pid = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
    admin = make_engine(database_url)
    try:
        with admin.begin() as connection:  # killed moments after use: no ping will catch it
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        admin.dispose()

    response = twilio.post(client, "/webhooks/twilio/sms", sms_form("Loose stair rod", sid="SMd"))

    assert response.status_code == 200
    with container.sessions() as session:
        [contact] = session.scalars(select(models.Contact)).all()
    assert (contact.provider_message_id, contact.status) == ("SMd", "accepted")


def test_two_workers_handing_off_at_once_queue_each_contact_once(container, client, twilio):
    for n in range(40):
        twilio.post(client, "/webhooks/twilio/sms", sms_form(f"Fence {n}", sid=f"SMh{n:02d}"))
    barrier = threading.Barrier(2)
    handed: list[int] = []

    def hand_off() -> None:
        barrier.wait()
        handed.append(container.inbound.hand_off(limit=25))

    threads = [threading.Thread(target=hand_off) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    handed.append(container.inbound.hand_off())

    assert sum(handed) == 40
    jobs = container.dispatcher.queues["default"].get_jobs()
    handed_ids = [contact_id for job in jobs for contact_id in job.args[1]]
    assert sorted(handed_ids) == sorted(set(handed_ids)) and len(handed_ids) == 40
    with container.sessions() as session:
        assert set(session.scalars(select(models.Contact.status))) == {"received"}


def test_a_channel_that_cannot_answer_inline_gets_safety_advice_as_the_first_message_out(
    container, run_jobs, clock
):
    message = InboundMessage(
        channel=Channel.WHATSAPP, provider_message_id="wamid.GAS1", sender=MOBILE,
        recipient="+441234567890", text="I can smell gas in my kitchen", received_at=clock(),
        raw={},
    )

    intake = container.inbound.receive(message, answer_inline=False)
    again = container.inbound.receive(message, answer_inline=False)

    assert intake.immediate_reply is None and again.immediate_reply is None
    assert again.duplicate and again.contact_id == intake.contact_id
    with container.sessions() as session:
        [advice] = session.scalars(select(models.OutboundMessage)).all()
    assert (advice.kind, advice.priority, advice.status) == ("safety_advice", "critical", "queued")
    assert "0800 111 999" in advice.body
    assert container.dispatcher.queue_lengths()["critical"] == 2  # the advice and routing

    run_jobs()

    with container.sessions() as session:
        rows = session.scalars(select(models.OutboundMessage)).all()
    to_resident = [r for r in rows if r.recipient == MOBILE]
    assert [(r.kind, r.status) for r in to_resident] == [("safety_advice", "simulated")]
