"""Escalation test support, registered suite-wide as a pytest plugin (tests/conftest.py):
the fake Twilio fixture (SMS + calls), `paging_settings` to wire the rota, fake Twilio and
fake Slack into the container's settings, and helpers to run scheduled jobs by the test clock.

`paging_settings` is a function, not a `settings` fixture: a plugin's fixture ranks below
tests/integration/conftest.py's `settings`, so an override here would be silently ignored.
A test module that pages people overrides `settings` itself:

    @pytest.fixture
    def settings(settings, fake_slack, fake_twilio):
        return paging_settings(settings, fake_slack, fake_twilio)
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from rq.job import Job
from rq.registry import ScheduledJobRegistry
from rq.serializers import JSONSerializer
from slack_sdk.signature import SignatureVerifier

from contact_hub.bootstrap import Container
from contact_hub.clock import FrozenClock
from contact_hub.settings import Settings
from contact_hub.storage.alerts import repository as alerts
from tests.fakes.slack_server import FakeSlack
from tests.fakes.twilio_server import FakeTwilio
from tests.helpers import ACCOUNT_SID

ROOT = Path(__file__).resolve().parents[2]
ROTA = ROOT / "examples" / "oncall-rota.yaml"
FALLBACK = "+447700900999"
SIGNING_SECRET = "slack-signing-secret-for-tests"
TWILIO_FROM = "+443300000001"


@pytest.fixture
def fake_twilio() -> Iterator[FakeTwilio]:
    server = FakeTwilio().start()
    yield server
    server.stop()


def paging_settings(settings: Settings, fake_slack: FakeSlack, fake_twilio: FakeTwilio) -> Settings:
    """`settings` plus a rota, Slack and Twilio (both faked at the HTTP level)."""
    return settings.with_overrides(
        oncall_rota_file=str(ROTA),
        oncall_fallback_number=FALLBACK,
        slack_bot_token=fake_slack.token,
        slack_api_base_url=fake_slack.base_url,
        slack_signing_secret=SIGNING_SECRET,
        slack_emergency_channel="#emergencies",
        twilio_account_sid=ACCOUNT_SID,
        twilio_from_number=TWILIO_FROM,
        twilio_api_base_url=fake_twilio.url,
    )


def release_due(container: Container, clock: FrozenClock) -> int:
    """Move scheduled jobs whose time has come (by the test clock) onto their queues,
    as the RQ scheduler does in a worker by the wall clock."""
    moved = 0
    for queue in container.dispatcher.queues.values():
        registry = ScheduledJobRegistry(queue=queue, serializer=JSONSerializer)
        for job_id in registry.get_jobs_to_schedule(int(clock().timestamp())):
            job = Job.fetch(job_id, connection=container.redis, serializer=JSONSerializer)
            registry.remove(job)
            queue.enqueue_job(job)
            moved += 1
    return moved


def drop_scheduled(container: Container) -> int:
    """Lose every scheduled job (a Redis flush, a worker killed before it enqueued)."""
    dropped = 0
    for queue in container.dispatcher.queues.values():
        registry = ScheduledJobRegistry(queue=queue, serializer=JSONSerializer)
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)
            dropped += 1
    return dropped


def the_alert(container: Container) -> alerts.Alert:
    with container.sessions() as session:
        rows, total = alerts.list_alerts(session, None, 10, 0)
        assert total == 1, f"expected one alert, found {total}"
        return rows[0]


def events(container: Container, alert_id: int) -> list[tuple[str, dict[str, Any]]]:
    with container.sessions() as session:
        return [(e.kind, e.detail) for e in alerts.events_of(session, alert_id)]


def slack_click(client: Any, action_id: str, alert_id: int, user: str = "U04PSHAH01",
                secret: str = SIGNING_SECRET) -> Any:
    """A Block Kit button click, signed the way Slack signs it."""
    payload = {"type": "block_actions", "user": {"id": user, "username": "priya.shah"},
               "actions": [{"action_id": action_id, "value": str(alert_id)}],
               "channel": {"id": "C0EMERGENC"}, "container": {"message_ts": "1.2"}}
    body = urlencode({"payload": json.dumps(payload)})
    timestamp = str(int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    return client.post("/webhooks/slack/interactions", data=body,
                       content_type="application/x-www-form-urlencoded",
                       headers={"X-Slack-Request-Timestamp": timestamp,
                                "X-Slack-Signature": signature})
