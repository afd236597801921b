"""A burst the workers have not caught up with: every answered webhook has its row, the
backlog's age shows in /metrics, and /readyz says `degraded` (still 200: this process takes
webhooks in as well as ever) until the backlog is worked off, then `ready` again."""

from __future__ import annotations

from sqlalchemy import func, select

from contact_hub.storage import repository as repo
from tests.integration.fault_checks import post_text

BURST = 60


def test_a_burst_is_kept_whole_and_readiness_is_degraded_until_it_drains(
    container, client, clock, run_jobs
):
    for n in range(BURST):  # no worker running: they all wait
        post_text(client, n, emergency=False)
    with container.sessions() as session:
        assert session.scalar(select(func.count()).select_from(repo.Contact)) == BURST

    clock.advance(minutes=2)
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json["status"] == "degraded"
    assert ready.json["checks"]["backlog"]["oldest_waiting_seconds"] == 120.0
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'contact_hub_oldest_waiting_contact_seconds{status="accepted"} 120' in metrics

    run_jobs()

    ready = client.get("/readyz")
    assert (ready.status_code, ready.json["status"]) == (200, "ready")
    assert ready.json["checks"]["backlog"]["oldest_waiting_seconds"] == 0.0
    with container.sessions() as session:
        statuses = set(session.scalars(select(repo.Contact.status)))
    assert statuses == {"routed"}
