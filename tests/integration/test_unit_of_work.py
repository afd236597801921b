"""The unit of work enqueues a transaction's jobs only once it has committed (real
database, SQLite and PostgreSQL, and real Redis): a job is never enqueued for a row that
was rolled back, and a commit that fails enqueues nothing; a page of email stored in one
unit of work too."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError

from contact_hub.bootstrap import Container
from contact_hub.clock import FrozenClock
from contact_hub.domain.contacts.types import Category, Contact, ContactStatus
from contact_hub.queueing import ALL_QUEUES
from contact_hub.services.contacts.inbound import process_job
from contact_hub.services.email.intake import page_of
from contact_hub.storage import repository as repo
from tests.integration.email_backends import EwsBackend
from tests.integration.test_email_pages import deliver
from tests.integration.test_ews_email import contacts, outbound, rows


def _contact(clock: FrozenClock, provider_id: str = "SM1") -> repo.Contact:
    return repo.Contact(
        reference=f"REF-{provider_id}", channel="sms", provider_message_id=provider_id,
        sender="+447700900123", recipient="+441234567890", text="The boiler is broken",
        received_at=clock(), raw_payload={}, status=ContactStatus.RECEIVED,
    )


def _stored(container: Container, provider_id: str) -> repo.Contact | None:
    with container.sessions() as session:
        return repo.contact_by_provider_id(session, "sms", provider_id)


def test_jobs_are_enqueued_only_after_the_commit(container: Container, clock: FrozenClock) -> None:
    with container.uow() as uow:
        row = _contact(clock)
        uow.session.add(row)
        uow.flush()
        job = process_job(row.id)
        uow.enqueue(job)
        assert not container.dispatcher.is_pending(job.job_id)  # not before the commit
        uow.commit()
        assert container.dispatcher.is_pending(job.job_id)
    assert _stored(container, "SM1") is not None


def test_an_exception_rolls_back_and_enqueues_nothing(
    container: Container, clock: FrozenClock
) -> None:
    ran: list[str] = []
    with pytest.raises(RuntimeError), container.uow() as uow:
        row = _contact(clock)
        uow.session.add(row)
        uow.flush()
        job = process_job(row.id)
        uow.enqueue(job)
        uow.after_commit(lambda: ran.append("after"))
        raise RuntimeError("the use case failed")
    assert _stored(container, "SM1") is None
    assert not container.dispatcher.is_pending(job.job_id)
    assert ran == []


def test_leaving_without_commit_rolls_back_and_enqueues_nothing(
    container: Container, clock: FrozenClock
) -> None:
    with container.uow() as uow:
        row = _contact(clock)
        uow.session.add(row)
        uow.flush()
        job = process_job(row.id)
        uow.enqueue(job)
    assert _stored(container, "SM1") is None
    assert not container.dispatcher.is_pending(job.job_id)


def test_a_failed_commit_enqueues_nothing(container: Container, clock: FrozenClock) -> None:
    with container.uow() as uow:
        uow.session.add(_contact(clock, "SM1"))
        uow.commit()
    ran: list[str] = []
    with pytest.raises(IntegrityError), container.uow() as uow:
        uow.session.add(_contact(clock, "SM1"))  # the provider's id again: refused at commit
        job = process_job(999)
        uow.enqueue(job)
        uow.after_commit(lambda: ran.append("after"))
        uow.commit()
    assert not container.dispatcher.is_pending(job.job_id)
    assert ran == []


def test_after_commit_work_runs_in_order_once_the_jobs_are_in(
    container: Container, clock: FrozenClock
) -> None:
    seen: list[object] = []
    with container.uow() as uow:
        row = _contact(clock)
        uow.session.add(row)
        uow.flush()
        job = process_job(row.id)
        uow.enqueue(job, None)
        uow.after_commit(lambda: seen.append(container.dispatcher.is_pending(job.job_id)))
        uow.after_commit(lambda: seen.append("second"))
        assert seen == []
        uow.commit()
    assert seen == [True, "second"]


def test_each_commit_enqueues_only_its_own_jobs(container: Container, clock: FrozenClock) -> None:
    with container.uow() as uow:
        first = _contact(clock, "SM1")
        uow.session.add(first)
        uow.flush()
        uow.enqueue(process_job(first.id))
        uow.commit()
        container.redis.delete(f"rq:job:{process_job(first.id).job_id}")
        second = _contact(clock, "SM2")
        uow.session.add(second)
        uow.flush()
        uow.enqueue(process_job(second.id))
        uow.commit()
    assert container.dispatcher.is_pending(process_job(second.id).job_id)
    assert not container.dispatcher.is_pending(process_job(first.id).job_id)


def test_the_contacts_repository_reads_records(container: Container, clock: FrozenClock) -> None:
    with container.uow() as uow:
        row = _contact(clock)
        row.category, row.priority, row.queue = Category.EMERGENCY, 1, "emergencies"
        row.status, row.routed_at = ContactStatus.ROUTED, clock() + timedelta(seconds=2)
        uow.session.add(row)
        uow.commit()
        contact_id = row.id
    with container.uow() as uow:
        record = uow.contacts.record(contact_id)
    assert record == Contact(
        id=contact_id, reference="REF-SM1", channel="sms", status=ContactStatus.ROUTED,
        category=Category.EMERGENCY, priority=1, queue="emergencies", received_at=clock(),
        routed_at=clock() + timedelta(seconds=2), resolved_at=None, customer_id=None,
        conversation_id=None, property_id=None, assigned_to=None,
    )
    assert record.is_emergency and record.is_open


def test_a_transaction_commits_on_any_normal_exit_and_only_then_enqueues(
    container: Container, clock: FrozenClock
) -> None:
    def store(provider_id: str, fail: bool) -> str:
        with container.uow.transaction() as uow:
            row = _contact(clock, provider_id)
            uow.session.add(row)
            uow.flush()
            uow.enqueue(process_job(row.id))
            if fail:
                raise RuntimeError("the use case failed")
            return provider_id  # leaving by return commits too

    assert store("SM1", fail=False) == "SM1"
    kept = _stored(container, "SM1")
    assert kept is not None and container.dispatcher.is_pending(process_job(kept.id).job_id)
    with pytest.raises(RuntimeError):
        store("SM2", fail=True)
    assert _stored(container, "SM2") is None
    assert not container.dispatcher.is_pending(process_job(kept.id + 1).job_id)


def _queued(container: Container) -> Counter[str]:
    """Every job id waiting in a queue, as often as it was pushed (page jobs left out)."""
    return Counter(job_id for name in ALL_QUEUES
                   for job_id in container.dispatcher.queues[name].get_job_ids()
                   if not job_id.startswith("email-page-"))


def test_an_email_page_that_rolls_back_enqueues_none_of_its_jobs(
    ews: EwsBackend, fake, clock: FrozenClock, poison_trigger
) -> None:
    # The emergency is stored first, its routing and safety advice jobs collected; then the
    # database refuses the next message's contact and the page's transaction rolls back.
    deliver(fake, clock, ["I can smell gas in my kitchen", "POISON the tap drips"])
    assert ews.container.ews_sync is not None
    ews.container.ews_sync.sync()
    [page] = {page_of(row.id) for row in rows(ews.container)}

    with pytest.raises(DBAPIError):
        ews.container.email.fetch_page(page)

    # Only the contact stored on its own afterwards is routed (and advised), once: no job
    # of the rolled-back page (on SQLite its contact's id comes again, so it would be twice).
    [stored] = contacts(ews.container)
    [advice] = outbound(ews.container)
    assert stored.text == "I can smell gas in my kitchen" and advice.contact_id == stored.id
    assert _queued(ews.container) == Counter({f"inbound-{stored.id}": 1, f"send-{advice.id}": 1})
