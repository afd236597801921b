"""Paging that Slack cannot stall: with Slack not answering at all, 5 emergencies at once
are each paged by SMS within 3 s, while every Slack call is still hanging. Real workers, as
`contact-hub supervise` runs them: one for the main queues, one for Slack's queue."""

from __future__ import annotations

import time

import pytest

from contact_hub import jobs
from contact_hub.app import create_app
from contact_hub.bootstrap import build
from contact_hub.clock import system_clock
from contact_hub.supervisor import WORKER_QUEUES
from tests.integration.escalation_fixtures import paging_settings
from tests.integration.fault_checks import post_text, wait_until_working
from tests.integration.worker_processes import WorkerProcess

EMERGENCIES = 5
PAGE_BOUND = 3.0  # seconds from a resident's text to its SMS page reaching Twilio


def _pages(fake_twilio) -> list[dict]:
    return [r for r in fake_twilio.requests
            if r["path"].endswith("/Messages.json") and "Reply ACK" in r["form"]["Body"]]


@pytest.mark.postgres
def test_sms_pages_go_out_while_slack_hangs(settings, container, fake_slack, fake_twilio,
                                            tmp_path, database_url):
    if database_url.startswith("sqlite"):
        pytest.skip("the PostgreSQL run is the one (several processes)")
    fake_slack.fail_next(100, hang_seconds=120)  # Slack accepts connections, never answers
    own = paging_settings(settings, fake_slack, fake_twilio).with_overrides(
        sweep_interval_seconds=1, stale_after_seconds=2, alert_reminder_minutes=0)
    web = build(own, clock=system_clock)
    client = create_app(container=web).test_client()
    workers = [WorkerProcess(own, tmp_path / f"worker-{i}.log", queues)
               for i, queues in enumerate(WORKER_QUEUES)]
    try:
        for worker in workers:
            worker.start()
            wait_until_working(web.redis, worker)
        posted: list[float] = []
        for n in range(EMERGENCIES):
            posted.append(time.monotonic())
            post_text(client, n, emergency=True)
        deadline = time.monotonic() + 30
        while len(_pages(fake_twilio)) < EMERGENCIES:
            assert time.monotonic() < deadline, "SMS pages did not all go out"
            time.sleep(0.05)
        # The Slack worker may reach its first (hanging) call only after the pages are out:
        # wait for it, so the test shows Slack was stalled rather than simply never called.
        while not fake_slack.calls and time.monotonic() < deadline:
            time.sleep(0.05)
        slack_calls = len(fake_slack.calls)
    finally:
        for worker in workers:
            worker.close()
        jobs.install(container)
        web.close()

    pages = _pages(fake_twilio)
    alert_of = {p["form"]["Body"].split(":")[0]: p["at"] for p in pages}
    delays = sorted(at - posted[0] for at in alert_of.values())
    print("SMS page times after the first text (s):", ", ".join(f"{d:.2f}" for d in delays))
    assert len(alert_of) == EMERGENCIES  # one page per alert, none twice
    assert slack_calls >= 1  # Slack was being called meanwhile...
    assert all(not m for m in fake_slack.messages.values())  # ...and answered none
    # Each page within the bound of its own text: page i belongs to the i-th alert opened.
    for n, at in enumerate(sorted(alert_of.values())):
        assert at - posted[n] <= PAGE_BOUND, (n, at - posted[n])
