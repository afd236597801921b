"""Ordinary contacts are routed in batches (ROUTING_BATCH_SIZE, 20 by default): one routing
job claims the contacts handed to it, routes them in one transaction and acknowledges each
once. A job run again, two workers racing, a deadlock, a contact that cannot be routed and
a worker SIGKILLed mid-batch route every other contact and acknowledge none twice. (That an
emergency texted after 1,000 ordinary contacts, 50 batches, is worked first is
`test_emergency_priority.py`.)"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text

from contact_hub.queueing import ALIVE_PREFIX
from contact_hub.storage import repository as repo
from contact_hub.worker import run_worker
from tests.helpers import sms_form
from tests.integration.escalation_fixtures import paging_settings
from tests.integration.fault_checks import post_text
from tests.integration.worker_processes import WorkerProcess

BATCH = 20  # ROUTING_BATCH_SIZE's default


@pytest.fixture
def settings(settings, fake_slack, fake_twilio):
    return paging_settings(settings, fake_slack, fake_twilio)


def _take_in(container, client, count: int, start: int = 0) -> list[tuple[str, list[int]]]:
    """`count` ordinary texts taken in and handed off; the routing batches queued."""
    for n in range(start, start + count):
        post_text(client, n, emergency=False)
    while container.inbound.hand_off():
        pass
    return [(job.args[0], list(job.args[1]))
            for job in container.dispatcher.queues["default"].get_jobs()]


def _contacts(container) -> list[repo.Contact]:
    with container.sessions() as session:
        return list(session.scalars(select(repo.Contact).order_by(repo.Contact.id)))


def _acknowledged_once(container, fake_twilio) -> Counter[str]:
    """Each contact's acknowledgements: outbox rows sent, texts at the fake Twilio."""
    with container.sessions() as session:
        rows = session.scalars(select(repo.OutboundMessage).where(
            repo.OutboundMessage.kind == "acknowledgement")).all()
        routed_events = Counter(session.scalars(select(repo.ContactEvent.contact_id).where(
            repo.ContactEvent.kind == "routed")))
    found: Counter[str] = Counter()
    bodies = [m["Body"] for m in fake_twilio.messages]
    for contact in _contacts(container):
        acks = [row.status for row in rows if row.contact_id == contact.id]
        texts = sum(contact.reference in body for body in bodies)
        found[f"{contact.status} acks={acks} texts={texts} "
              f"routed={routed_events[contact.id]}"] += 1
    return found


def test_a_batch_routes_its_contacts_and_acknowledges_each_once(
    container, client, fake_twilio
):
    batches = _take_in(container, client, BATCH + 5)
    assert [len(ids) for _, ids in batches] == [BATCH, 5]

    run_worker(container, burst=True, sweep=False)

    assert _acknowledged_once(container, fake_twilio) == Counter(
        {"routed acks=['sent'] texts=1 routed=1": BATCH + 5})
    owners = Counter(contact.routing_job for contact in _contacts(container))
    assert owners == Counter({batches[0][0]: BATCH, batches[1][0]: 5})


def test_a_residents_second_contact_in_a_batch_sees_the_first_as_an_open_request(
    container, client, fake_twilio, twilio
):
    for n, sid in enumerate(("SMfirst", "SMsecond")):
        twilio.post(client, "/webhooks/twilio/sms", sms_form(
            f"The kitchen tap is dripping ({n})", sender="+447400155555", sid=sid))
    post_text(client, 1, emergency=False)  # another resident, in the same batch
    [(_, ids)] = _take_in(container, client, 0)
    assert len(ids) == 3

    run_worker(container, burst=True, sweep=False)

    first, second, other = _contacts(container)
    assert first.decision["related_request"] is None
    assert second.decision["related_request"] == first.reference  # as one by one would
    assert other.decision["related_request"] is None
    assert len(fake_twilio.messages) == 3


def test_a_batch_run_again_routes_and_sends_nothing_twice(container, client, fake_twilio):
    [(batch, ids)] = _take_in(container, client, 6)

    container.inbound.route_batch(batch, ids)
    container.inbound.route_batch(batch, ids)  # RQ ran it again (a retry, a lost result)

    assert len(fake_twilio.messages) == 6
    assert _acknowledged_once(container, fake_twilio) == Counter(
        {"routed acks=['sent'] texts=1 routed=1": 6})


@pytest.mark.postgres
def test_two_workers_racing_for_one_batch_route_each_contact_once(
    container, client, fake_twilio, database_url
):
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite takes one writer at a time: the PostgreSQL run is the race")
    [(batch, ids)] = _take_in(container, client, BATCH)
    barrier = threading.Barrier(3)
    failures: list[BaseException] = []

    def run(work) -> None:
        barrier.wait()
        try:
            work()
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)

    racers = [threading.Thread(target=run, args=(lambda: container.inbound.route_batch(
        batch, ids),)) for _ in range(2)]
    # ...and the sweeper's job for one of them, as if it had given up on the batch.
    racers.append(threading.Thread(target=run, args=(
        lambda: container.inbound.process_and_acknowledge(ids[7]),)))
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()

    assert failures == []
    assert _acknowledged_once(container, fake_twilio) == Counter(
        {"routed acks=['sent'] texts=1 routed=1": BATCH})


@pytest.mark.postgres
def test_a_batch_chosen_as_a_deadlock_victim_runs_again_and_loses_nothing(
    container, client, fake_twilio, database_url, caplog
):
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite has no row locks to deadlock on")
    [(batch, ids)] = _take_in(container, client, 6)
    worker = threading.Thread(target=container.inbound.route_batch, args=(batch, ids))
    with container.engine.connect() as other:
        # The other transaction waits far longer before looking for a deadlock, so
        # PostgreSQL undoes the batch's transaction, not this one.
        other.execute(text("SET deadlock_timeout = '60s'"))
        other.execute(text("SELECT id FROM contacts WHERE id = :id FOR UPDATE"),
                      {"id": ids[-1]})
        worker.start()  # its claim takes the others, then waits for the last
        _wait_for(lambda: _waiting_on_a_lock(container), "the batch's claim to wait")
        other.execute(text("SELECT id FROM contacts WHERE id = :id FOR UPDATE"),
                      {"id": ids[0]})  # granted once the batch was undone
        other.rollback()
    worker.join()

    assert "routing batch lost a race, running it again" in caplog.text
    assert _acknowledged_once(container, fake_twilio) == Counter(
        {"routed acks=['sent'] texts=1 routed=1": 6})


@pytest.fixture
def poison(container) -> Iterator[None]:
    """The database refuses to record a decision on a contact whose text says POISON (as
    it would a value it cannot hold)."""
    with container.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text(
                "CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN "
                "IF NEW.category IS NOT NULL AND NEW.text LIKE '%POISON%' THEN "
                "RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"))
            connection.execute(text(
                "CREATE TRIGGER refuse_poison BEFORE UPDATE ON contacts "
                "FOR EACH ROW EXECUTE FUNCTION refuse_poison()"))
        else:
            connection.execute(text(
                "CREATE TRIGGER refuse_poison BEFORE UPDATE ON contacts WHEN "
                "NEW.category IS NOT NULL AND NEW.text LIKE '%POISON%' "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"))
    try:
        yield
    finally:
        with container.engine.begin() as connection:
            connection.execute(text("DROP TRIGGER IF EXISTS refuse_poison" + (
                " ON contacts" if connection.dialect.name == "postgresql" else "")))


def test_a_contact_that_cannot_be_routed_holds_up_none_of_its_batch(
    container, client, fake_twilio, clock, poison, twilio
):
    for n in range(BATCH - 1):
        post_text(client, n, emergency=False)
        if n == 9:
            twilio.post(client, "/webhooks/twilio/sms", sms_form(
                "POISON the tap drips", sender="+447400199999", sid="SMpoison"))
    while container.inbound.hand_off():
        pass
    assert container.dispatcher.queue_lengths()["default"] == 1  # one batch of 20

    run_worker(container, burst=True, sweep=False)

    assert _acknowledged_once(container, fake_twilio) == Counter({
        "routed acks=['sent'] texts=1 routed=1": BATCH - 1,
        "received acks=[] texts=0 routed=0": 1})
    [stuck] = [c for c in _contacts(container) if c.status == "received"]
    assert stuck.routing_job == f"inbound-{stuck.id}"  # its own job now (it failed)
    clock.advance(minutes=5)
    assert container.sweeper.sweep().contacts_requeued == 1  # retried, then a person's


@pytest.mark.postgres
def test_a_worker_killed_mid_batch_loses_nothing(
    container, client, fake_twilio, clock, settings, tmp_path, database_url
):
    if database_url.startswith("sqlite"):
        pytest.skip("a row lock to hold the worker mid-batch needs PostgreSQL")
    [(batch, ids)] = _take_in(container, client, 8)
    # (Its own sweeper, on the wall clock, does not run before it is killed.)
    worker = WorkerProcess(settings.with_overrides(stale_after_seconds=30,
                                                   sweep_interval_seconds=30),
                           tmp_path / "worker.log")
    with container.engine.connect() as holder:
        # Hold one of the batch's contacts, so the worker's claim waits inside its
        # transaction: the worker is mid-batch when it is killed.
        holder.execute(text("SELECT id FROM contacts WHERE id = :id FOR UPDATE"),
                       {"id": ids[-1]})
        try:
            worker.start()
            _wait_for(lambda: _waiting_on_a_lock(container), "the worker's claim to wait")
            worker.kill()
        finally:
            holder.rollback()
            worker.close()
    assert {c.status for c in _contacts(container)} == {"received"}  # nothing committed
    # The dead worker's liveness key would lapse within seconds: let it go now.
    for key in container.redis.scan_iter(ALIVE_PREFIX + "*"):
        container.redis.delete(key)
    clock.advance(minutes=5)

    assert container.sweeper.sweep().contacts_requeued == 8  # each handed its own job
    run_worker(container, burst=True, sweep=False)

    assert _acknowledged_once(container, fake_twilio) == Counter(
        {"routed acks=['sent'] texts=1 routed=1": 8})
    assert batch not in {c.routing_job for c in _contacts(container)}


def _waiting_on_a_lock(container) -> bool:
    with container.engine.connect() as connection:
        return bool(connection.scalar(text(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND query LIKE 'UPDATE contacts%'")))


def _wait_for(condition, what: str, bound: float = 60.0) -> None:
    deadline = time.monotonic() + bound
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def test_a_resident_who_sends_stop_before_the_batch_sends_gets_nothing(
    container, client, fake_twilio, clock
):
    from contact_hub.services.outbox import NewMessage  # noqa: PLC0415 - this test only

    _take_in(container, client, 3)  # three residents, threaded: each has a phone identity
    run_worker(container, burst=True, sweep=False)
    numbers = [f"+4474001{n:05d}" for n in range(3)]
    with container.uow() as uow:
        queued = container.outbox.queue_many(uow.session, [
            NewMessage(key=f"notice-{n}", kind="notice", channel="sms", recipient=number,
                       body=f"A notice for resident {n}")
            for n, number in enumerate(numbers)])
        uow.commit()
    with container.sessions() as session:  # STOP arrives after the texts were queued
        identity = session.scalar(select(repo.Identity).where(repo.Identity.value == numbers[1]))
        identity.opted_out_at = clock()
        session.commit()

    later = container.outbox.send_now([job for _, job in queued if job is not None])

    assert later == []
    notices = [m["To"] for m in fake_twilio.messages if m["Body"].startswith("A notice")]
    assert sorted(notices) == [numbers[0], numbers[2]]
    with container.sessions() as session:
        statuses = {row.recipient: row.status for row in session.scalars(
            select(repo.OutboundMessage).where(repo.OutboundMessage.kind == "notice"))}
    assert statuses == {numbers[0]: "sent", numbers[1]: "suppressed", numbers[2]: "sent"}
