"""Chaos: a real `contact-hub worker` SIGKILLed at 20 random points while ordinary and
emergency texts arrive, and restarted each time. Every contact must end routed and
acknowledged exactly once (one message to the resident at the fake Twilio), and every
emergency paged, within a bound after the last restart.

Bounded in time (about a minute); runs in CI against the real database and Redis. The
sweep interval and staleness are 1 s and 2 s here (SWEEP_INTERVAL_SECONDS,
STALE_AFTER_SECONDS) so recovery is quick; production defaults are 15 s and 20 s."""

from __future__ import annotations

import random
import time
from collections import Counter

import pytest
from sqlalchemy import select

from contact_hub import jobs
from contact_hub.app import create_app
from contact_hub.bootstrap import build
from contact_hub.clock import system_clock
from contact_hub.queueing import ALIVE_PREFIX
from contact_hub.storage import alert_repository as alerts
from contact_hub.storage import repository as repo
from tests.helpers import ACCOUNT_SID, TwilioSigner, sms_form
from tests.integration.escalation_fixtures import FALLBACK, ROTA, TWILIO_FROM
from tests.integration.worker_processes import WorkerProcess

pytestmark = pytest.mark.chaos

KILLS = 20
ORDINARY = 60
EMERGENCIES = 10
RECOVERY_BOUND = 60.0  # seconds after the last restart for everything to be done
ORDINARY_WORDS = ("The kitchen tap has been dripping all week",
                  "Please can someone look at the broken fence panel",
                  "The bathroom extractor fan is not working")
EMERGENCY_WORDS = "strong smell of gas in the hallway"


@pytest.fixture
def chaos(settings, container, fake_twilio, tmp_path):
    """Settings for a live sending worker (fake Twilio), quick sweeps, and the web app
    on the wall clock (the worker processes run on it too)."""
    chaos_settings = settings.with_overrides(
        twilio_account_sid=ACCOUNT_SID, twilio_from_number=TWILIO_FROM,
        twilio_api_base_url=fake_twilio.url, twilio_http_timeout=2.0,
        oncall_rota_file=str(ROTA), oncall_fallback_number=FALLBACK,
        sweep_interval_seconds=1, stale_after_seconds=2, alert_reminder_minutes=0,
    )
    web = build(chaos_settings, clock=system_clock)
    app = create_app(container=web)
    yield chaos_settings, app.test_client(), web
    jobs.install(container)
    web.close()


def _post(client, n: int, emergency: bool) -> None:
    words = EMERGENCY_WORDS if emergency else ORDINARY_WORDS[n % len(ORDINARY_WORDS)]
    form = sms_form(f"{words} (report {n})", sender=f"+4474001{n:05d}", sid=f"SM{n:032d}")
    response = TwilioSigner().post(client, "/webhooks/twilio/sms", form)
    assert response.status_code == 200


def _wait_until_working(web, worker: WorkerProcess) -> None:
    """Until the new worker process beats (its RQ worker is up), so the kill that follows
    lands in its work, not in its start-up."""
    seen = set(web.redis.scan_iter(ALIVE_PREFIX + "*"))
    deadline = time.monotonic() + 30
    while not set(web.redis.scan_iter(ALIVE_PREFIX + "*")) - seen:
        assert worker.alive() and time.monotonic() < deadline, "the worker did not start"
        time.sleep(0.05)


def _done(web, expected: int) -> bool:
    with web.sessions() as session:
        contacts = session.scalars(select(repo.Contact)).all()
        open_pages = session.scalars(select(repo.OutboundMessage).where(
            repo.OutboundMessage.status.in_(("queued", "sending")))).all()
        if len(contacts) < expected or open_pages:
            return False
        if any(c.status != "routed" for c in contacts):
            return False
    return True


@pytest.mark.postgres
def test_worker_killed_at_random_points_loses_and_repeats_nothing(
    chaos, fake_twilio, tmp_path, database_url
):
    if database_url.startswith("sqlite"):
        pytest.skip("several processes writing at once: the PostgreSQL run is the one")
    settings, client, web = chaos
    rng = random.Random()
    seed = rng.randrange(1_000_000)
    rng.seed(seed)
    worker = WorkerProcess(settings, tmp_path / "worker.log")
    numbers = list(range(ORDINARY + EMERGENCIES))
    emergencies = set(rng.sample(numbers, EMERGENCIES))
    batches = [numbers[i::KILLS] for i in range(KILLS)]
    try:
        for batch in batches:  # each round: a worker up, texts arriving, then SIGKILL
            worker.start()
            _wait_until_working(web, worker)
            for n in batch:
                _post(client, n, n in emergencies)
            time.sleep(rng.uniform(0.0, 1.0))
            worker.kill()
        worker.start()
        restarted = time.monotonic()
        deadline = restarted + RECOVERY_BOUND
        while not _done(web, ORDINARY + EMERGENCIES):
            assert time.monotonic() < deadline, (
                f"work left {RECOVERY_BOUND:.0f} s after the last restart (seed {seed})")
            time.sleep(0.2)
        recovered_in = time.monotonic() - restarted
    finally:
        worker.close()

    with web.sessions() as session:
        contacts = session.scalars(select(repo.Contact)).all()
        outbound = session.scalars(select(repo.OutboundMessage)).all()
        alert_rows = session.scalars(select(alerts.Alert)).all()
    emergency_ids = {c.id for c in contacts if c.text.startswith(EMERGENCY_WORDS)}
    bodies = [message["Body"] for message in fake_twilio.messages]
    print(f"seed {seed}: {KILLS} kills, {worker.starts} starts, all done "
          f"{recovered_in:.1f} s after the last restart, {len(fake_twilio.messages)} SMS")

    assert len(contacts) == ORDINARY + EMERGENCIES
    assert {c.status for c in contacts} == {"routed"}
    for contact in contacts:
        # One acknowledgement each: by SMS, reaching Twilio once; an emergency's is the
        # safety advice in the webhook's own answer (TwiML), never a second text.
        acks = [(o.kind, o.status) for o in outbound if o.contact_id == contact.id
                and o.kind in ("acknowledgement", "safety_advice")]
        texts = sum(contact.reference in body for body in bodies)
        if contact.id in emergency_ids:
            assert (acks, texts) == ([("safety_advice", "sent")], 0), (contact.id, seed)
        else:
            assert (acks, texts) == ([("acknowledgement", "sent")], 1), (contact.id, seed)
    assert len(alert_rows) == EMERGENCIES
    pages = [o for o in outbound if o.kind == "alert_page" and o.channel == "sms"]
    assert {o.status for o in pages} == {"sent"}
    paged = Counter(body for body in bodies if "ACK" in body)
    assert len(paged) == EMERGENCIES  # each alert paged (its own code), never twice
    assert set(paged.values()) == {len(pages) // EMERGENCIES}, seed
