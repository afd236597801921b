"""A voicemail is never lost to an outage at the moment the caller finishes recording
(`/recorded`, the Record verb's action):

- Redis down (the test's own redis-server, killed): the voicemail is stored at once and
  the caller thanked; the routing the queue could not take is picked up by the sweeper
  once Redis is back, and the voicemail is routed, acknowledged and (an emergency) paged
  exactly once.
- The database down (the test's own PostgreSQL, stopped): the signed request waits in the
  spill, the caller is thanked as usual, and the replay stores it once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rq.serializers import JSONSerializer
from sqlalchemy import select

from contact_hub import jobs
from contact_hub.app import create_app
from contact_hub.bootstrap import Container, build
from contact_hub.queueing import ALL_QUEUES
from contact_hub.storage import models
from contact_hub.storage.alerts import models as alert_models
from contact_hub.worker import Worker
from tests.integration.own_servers import OwnRedis
from tests.integration.test_database_outage import own_postgres, web  # noqa: F401 (fixtures)
from tests.integration.test_voice import (  # noqa: F401 (fixtures)
    RECORDING,
    VOICE,
    recording_form,
    rota_file,
    settings,
    transcription_form,
)

EMERGENCY_CALL, REPAIR_CALL = "CA" + "5" * 32, "CA" + "6" * 32
EMERGENCY_RECORDING = "RE" + "5" * 32


def run_jobs(hub: Container) -> None:
    jobs.install(hub)
    hub.inbound.hand_off()
    Worker([hub.dispatcher.queues[name] for name in ALL_QUEUES], connection=hub.redis,
                 serializer=JSONSerializer).work(burst=True, logging_level="WARNING")


def rows(hub: Container, model: Any) -> list[Any]:
    with hub.sessions() as session:
        return list(session.scalars(select(model).order_by(model.id)))


def leave_messages(client: Any, twilio: Any) -> list[Any]:
    """An emergency voicemail, and a repair voicemail with its transcript."""
    return [
        twilio.post(client, f"{VOICE}/recorded?option=emergency", recording_form(
            CallSid=EMERGENCY_CALL, RecordingSid=EMERGENCY_RECORDING,
            RecordingUrl=f"https://api.twilio.com/Recordings/{EMERGENCY_RECORDING}")),
        twilio.post(client, f"{VOICE}/recorded?option=repair",
                    recording_form(CallSid=REPAIR_CALL, RecordingSid=RECORDING)),
        twilio.post(client, f"{VOICE}/transcription?option=repair",
                    transcription_form("The hinge on my kitchen cupboard has come loose.")),
    ]


def thanked(answer: Any) -> bool:
    text = answer.get_data(as_text=True)
    return answer.status_code == 200 and "We have your message" in text and "<Hangup" in text


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[OwnRedis]:
    server = OwnRedis(tmp_path / "redis").start()
    yield server
    server.kill()


def test_a_voicemail_left_while_redis_is_down_is_routed_once_when_it_returns(
    settings, container, clock, twilio, own_redis  # noqa: F811
):
    hub = build(settings.with_overrides(redis_url=own_redis.url), clock=clock)
    client = create_app(container=hub).test_client()
    try:
        own_redis.kill()
        answers = leave_messages(client, twilio)
        assert thanked(answers[0]) and thanked(answers[1]) and answers[2].status_code == 200
        stored = rows(hub, models.Contact)
        assert len(stored) == 2 and {c.status for c in stored} <= {"received", "accepted"}

        own_redis.start()  # the same port and append-only file
        clock.advance(minutes=2)
        hub.sweeper.sweep()
        run_jobs(hub)
        clock.advance(minutes=2)
        hub.sweeper.sweep()  # a second sweep and worker run find nothing left to do
        run_jobs(hub)

        contacts = rows(hub, models.Contact)
        assert [(c.provider_message_id, c.status) for c in contacts] == [
            (EMERGENCY_RECORDING, "routed"), (RECORDING, "routed")]
        assert [c.category for c in contacts] == ["emergency", "service_request"]
        acks = [m for m in rows(hub, models.OutboundMessage)
                if m.kind in ("acknowledgement", "safety_advice")]
        assert sorted(m.contact_id for m in acks) == sorted(c.id for c in contacts)
        [alert] = rows(hub, alert_models.Alert)
        assert alert.first_contact_id == contacts[0].id
    finally:
        jobs.install(container)
        hub.close()


def test_a_voicemail_left_while_the_database_is_down_is_spilled_and_stored_once(
    own_postgres, web, twilio  # noqa: F811
):
    client = create_app(container=web).test_client()
    own_postgres.stop()
    try:
        answers = leave_messages(client, twilio)
        assert thanked(answers[0]) and thanked(answers[1]) and answers[2].status_code == 200
        assert web.spill.waiting() == 3
    finally:
        own_postgres.start()

    assert web.spill.replay() == 3
    assert (web.spill.waiting(), web.spill.replay()) == (0, 0)
    run_jobs(web)
    contacts = rows(web, models.Contact)
    assert [(c.provider_message_id, c.status) for c in contacts] == [
        (EMERGENCY_RECORDING, "routed"), (RECORDING, "routed")]
    assert contacts[1].text == "The hinge on my kitchen cupboard has come loose."
    assert len(rows(web, alert_models.Alert)) == 1
