"""A mailbox backlog taken in by a real `contact-hub worker` (EMAIL_BACKEND=ews, the fake
Exchange in this process) that is SIGKILLed three times mid-backlog and restarted: every
message ends stored once, as one contact, and each resident is acknowledged once (one
acknowledgement row, one mail at the fake Exchange), however a kill landed: inside a
page's transaction, between its commit and its jobs, or mid-send.

Sweeps every second and work stale after 2 s (SWEEP_INTERVAL_SECONDS, STALE_AFTER_SECONDS)
so recovery is quick, as in the chaos test."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from contact_hub import jobs
from contact_hub.bootstrap import build
from contact_hub.clock import system_clock
from contact_hub.storage import models
from contact_hub.storage.email.models import EmailNotification
from tests.integration.email_backends import EwsBackend, Mail, mime_of
from tests.integration.fault_checks import wait_until_working
from tests.integration.worker_processes import WorkerProcess

pytestmark = pytest.mark.chaos

MESSAGES = 400
KILL_AT = (40, 150, 280)  # contacts stored when each kill comes
BOUND = 180.0  # seconds after the last restart for everything to be done
WORDS = ("The kitchen tap has been dripping all week",
         "Please can someone look at the broken fence panel",
         "The bathroom extractor fan is not working")


def counts(web) -> tuple[int, int, int]:
    """(contacts, email rows still pending, outbox rows still waiting)."""
    with web.sessions() as session:
        made = session.scalar(select(func.count()).select_from(models.Contact)) or 0
        pending = session.scalar(select(func.count()).select_from(EmailNotification)
                                 .where(EmailNotification.status == "pending")) or 0
        waiting = session.scalar(select(func.count()).select_from(models.OutboundMessage)
                                 .where(models.OutboundMessage.status.in_(("queued", "sending"))))
        unrouted = session.scalar(select(func.count()).select_from(models.Contact)
                                  .where(models.Contact.status != "routed")) or 0
    return made, pending, (waiting or 0) + unrouted


@pytest.mark.postgres
def test_a_worker_killed_mid_backlog_stores_each_message_once_and_acknowledges_once(
    settings, container, fake, tmp_path, database_url
):
    if database_url.startswith("sqlite"):
        pytest.skip("several processes writing at once: the PostgreSQL run is the one")
    ews_settings = EwsBackend(fake).settings(settings).with_overrides(
        sweep_interval_seconds=1, stale_after_seconds=2)
    for n in range(MESSAGES):  # arrived during an outage
        mail = Mail(f"{WORDS[n % len(WORDS)]} (flat {n})", sender=f"resident{n}@example.com")
        fake.deliver(mime_of(mail, f"<backlog-{n}@example.com>"))
    web = build(ews_settings, clock=system_clock)
    worker = WorkerProcess(ews_settings, tmp_path / "worker.log")
    landed: list[int] = []
    try:
        for threshold in KILL_AT:
            worker.start()
            wait_until_working(web.redis, worker)
            deadline = time.monotonic() + BOUND
            while counts(web)[0] < threshold:
                assert time.monotonic() < deadline, "the backlog did not move"
                time.sleep(0.05)
            worker.kill()
            landed.append(counts(web)[0])
        worker.start()
        deadline = time.monotonic() + BOUND
        while (state := counts(web)) != (MESSAGES, 0, 0):
            assert time.monotonic() < deadline, f"left undone after the last restart: {state}"
            time.sleep(0.2)
    finally:
        worker.close()
        jobs.install(container)
        web.close()

    with web.sessions() as session:
        contacts = session.scalars(select(models.Contact)).all()
        rows = session.scalars(select(EmailNotification)).all()
        outbound = session.scalars(select(models.OutboundMessage)).all()
    print(f"killed at {landed} contacts; {len(fake.sent)} mails sent; "
          f"{Counter((o.kind, o.status) for o in outbound)}")
    assert len(rows) == MESSAGES and {row.status for row in rows} == {"received"}
    assert sorted(c.provider_message_id for c in contacts) == sorted(
        f"<backlog-{n}@example.com>" for n in range(MESSAGES))  # each stored once
    acks = [o for o in outbound if o.kind == "acknowledgement"]
    assert Counter(a.recipient for a in acks) == Counter(
        f"resident{n}@example.com" for n in range(MESSAGES))  # one acknowledgement each
    assert max(Counter((o.recipient, o.kind) for o in outbound).values()) == 1
    # Each row sent once at Exchange; a send a kill cut off mid-request is `unknown`, never
    # sent again (at most once).
    at_exchange = Counter(mail.to for mail in EwsBackend(fake).sent())
    for resident in {o.recipient for o in outbound}:
        mine = [o.status for o in outbound if o.recipient == resident]
        assert set(mine) <= {"sent", "unknown"}
        assert mine.count("sent") <= at_exchange[resident] <= len(mine), (resident, mine)
