"""Emergencies never wait behind a backlog: an emergency texted after 1,000 ordinary
contacts (already handed off, their routing jobs queued, 20 contacts a job) is routed,
posted to Slack and paged by SMS before any more of the backlog is worked. No timing: the
product's own worker (`run_worker`, its default queue order) runs a fixed number of jobs,
and the test reads what was done."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from contact_hub.storage import repository as repo
from contact_hub.worker import run_worker
from tests.integration.escalation_fixtures import paging_settings
from tests.integration.fault_checks import post_text

BACKLOG = 1_000
BATCH = 20  # ROUTING_BATCH_SIZE's default: the backlog is 50 routing jobs
# The emergency's chain: its routing job, the alert's first escalation step, the page's
# send, the Slack post. A few spare jobs: the backlog may start on them, and must not
# have got further than that.
JOBS = 8


@pytest.fixture
def settings(settings, fake_slack, fake_twilio):
    return paging_settings(settings, fake_slack, fake_twilio)


def _routed(container, ids) -> int:
    with container.sessions() as session:
        return session.scalar(select(func.count()).select_from(repo.Contact).where(
            repo.Contact.id.in_(ids), repo.Contact.status == "routed")) or 0


def test_an_emergency_after_a_thousand_ordinary_contacts_goes_first(
    container, client, fake_slack, fake_twilio
):
    for n in range(BACKLOG):
        post_text(client, n, emergency=False)
    while container.inbound.hand_off():  # what the workers' hand-off does as they arrive
        pass
    assert container.dispatcher.queue_lengths()["default"] == BACKLOG // BATCH
    post_text(client, BACKLOG, emergency=True)
    with container.sessions() as session:
        emergency = session.scalar(select(repo.Contact).where(
            repo.Contact.sender == f"+4474001{BACKLOG:05d}"))
        assert emergency is not None and emergency.status != "routed"
        emergency_id = emergency.id

    run_worker(container, burst=True, sweep=False, max_jobs=JOBS)

    assert _routed(container, [emergency_id]) == 1
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    pages = [m for m in fake_twilio.messages if "Reply ACK" in m["Body"]]
    assert len(pages) == 1
    # At most the spare jobs went on the backlog: it was not worked before the emergency.
    ordinary = range(1, BACKLOG + 1)
    assert _routed(container, ordinary) <= (JOBS - 4) * BATCH
    assert container.dispatcher.queue_lengths()["default"] >= BACKLOG // BATCH - (JOBS - 4)
