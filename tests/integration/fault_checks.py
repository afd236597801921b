"""What every fault test checks at the end: each contact routed and acknowledged exactly
once (one text at the fake Twilio, or an emergency's safety advice in the webhook's own
answer), and each emergency paged once."""

from __future__ import annotations

import time
from collections import Counter

from rq.executions import Execution
from rq.job import Job
from rq.serializers import JSONSerializer
from sqlalchemy import select

from contact_hub.bootstrap import Container
from contact_hub.queueing import ALIVE_PREFIX
from contact_hub.storage import repository as repo
from contact_hub.storage.alerts import repository as alerts
from tests.fakes.twilio_server import FakeTwilio
from tests.helpers import TwilioSigner, sms_form
from tests.integration.worker_processes import WorkerProcess

ORDINARY_WORDS = ("The kitchen tap has been dripping all week",
                  "Please can someone look at the broken fence panel",
                  "The bathroom extractor fan is not working")
EMERGENCY_WORDS = "strong smell of gas in the hallway"


def post_text(client, n: int, emergency: bool) -> None:
    """Text number `n` from its own resident (so each emergency opens its own alert)."""
    words = EMERGENCY_WORDS if emergency else ORDINARY_WORDS[n % len(ORDINARY_WORDS)]
    form = sms_form(f"{words} (report {n})", sender=f"+4474001{n:05d}", sid=f"SM{n:032d}")
    response = TwilioSigner().post(client, "/webhooks/twilio/sms", form)
    assert response.status_code == 200, response.status_code


def all_done(web: Container, expected: int) -> bool:
    """Every contact routed, nothing waiting to be sent, and every alert past its first
    step (a step job killed with its worker is re-armed by the audit once the worker's
    liveness key lapses: until then the alert has no page row at all)."""
    with web.sessions() as session:
        contacts = session.scalars(select(repo.Contact)).all()
        waiting = session.scalars(select(repo.OutboundMessage).where(
            repo.OutboundMessage.status.in_(("queued", "sending")))).all()
        unpaged = session.scalars(select(alerts.Alert).where(alerts.Alert.step_index == 0)).all()
    return len(contacts) >= expected and not waiting and not unpaged and all(
        c.status == "routed" for c in contacts)


def wait_until_done(web: Container, expected: int, bound: float, what: str) -> float:
    """Seconds until everything is done; fails after `bound` seconds."""
    started = time.monotonic()
    while not all_done(web, expected):
        assert time.monotonic() - started < bound, f"work left {bound:.0f} s after {what}"
        time.sleep(0.2)
    return time.monotonic() - started


def assert_each_once(web: Container, fake_twilio: FakeTwilio, contacts: int,
                     emergencies: int, context: object = None) -> None:
    with web.sessions() as session:
        rows = session.scalars(select(repo.Contact)).all()
        outbound = session.scalars(select(repo.OutboundMessage)).all()
        alert_rows = session.scalars(select(alerts.Alert)).all()
    bodies = [message["Body"] for message in fake_twilio.messages]
    assert len(rows) == contacts
    assert {c.status for c in rows} == {"routed"}
    for contact in rows:
        acks = [(o.kind, o.status) for o in outbound if o.contact_id == contact.id
                and o.kind in ("acknowledgement", "safety_advice")]
        texts = sum(contact.reference in body for body in bodies)
        if contact.text.startswith(EMERGENCY_WORDS):
            assert (acks, texts) == ([("safety_advice", "sent")], 0), (contact.id, context)
        else:
            assert (acks, texts) == ([("acknowledgement", "sent")], 1), (contact.id, context)
    assert len(alert_rows) == emergencies
    pages = [o for o in outbound if o.kind == "alert_page" and o.channel == "sms"]
    assert {o.status for o in pages} == {"sent"}
    paged = Counter(body for body in bodies if "Reply ACK" in body)
    assert len(paged) == emergencies, context  # each alert paged (its own code)...
    assert set(paged.values()) == {len(pages) // emergencies}, context  # ...never twice


def wait_until_working(redis, worker: WorkerProcess) -> str:
    """Until the new worker process takes jobs (its RQ worker is through its start-up and
    listening), so a kill that follows lands in its work; returns its RQ worker name."""
    seen = set(redis.scan_iter(ALIVE_PREFIX + "*"))
    deadline = time.monotonic() + 30
    while not (new := set(redis.scan_iter(ALIVE_PREFIX + "*")) - seen):
        assert worker.alive() and time.monotonic() < deadline, "the worker did not start"
        time.sleep(0.05)
    name = _text(new.pop()).removeprefix(ALIVE_PREFIX)
    while worker_state(redis, name) not in ("idle", "busy"):
        assert worker.alive() and time.monotonic() < deadline, "the worker did not start"
        time.sleep(0.05)
    return name


def worker_state(redis, name: str) -> str:
    """What RQ says the worker is doing: idle (listening), busy (in a job), or ''."""
    return _text(redis.hget(f"rq:worker:{name}", "state") or b"")


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def pop_job(container, job_id: str) -> Job:
    """What a worker does first: take the job off its queue (RQ then marks it started)."""
    queue = container.dispatcher.queues["critical"]
    assert container.redis.lrem(queue.key, 1, job_id) == 1
    return Job.fetch(job_id, connection=container.redis, serializer=JSONSerializer)


def start_job(container, job: Job, worker_name: str) -> None:
    """RQ's bookkeeping when a worker starts a job (status, worker name, started registry)."""
    with container.redis.pipeline() as pipe:
        Execution.create(job, 600, pipeline=pipe, worker_name=worker_name)
        job.prepare_for_execution(worker_name, pipeline=pipe)
        pipe.execute()
