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

from contact_hub import jobs
from contact_hub.app import create_app
from contact_hub.bootstrap import build
from contact_hub.clock import system_clock
from tests.helpers import ACCOUNT_SID
from tests.integration.escalation_fixtures import FALLBACK, ROTA, TWILIO_FROM
from tests.integration.fault_checks import (
    assert_each_once,
    post_text,
    wait_until_done,
    wait_until_working,
    worker_state,
)
from tests.integration.worker_processes import WorkerProcess

pytestmark = pytest.mark.chaos

KILLS = 20
ORDINARY = 60
EMERGENCIES = 10
RECOVERY_BOUND = 60.0  # seconds after the last restart for everything to be done


@pytest.fixture
def chaos(settings, container, fake_twilio, tmp_path):
    """Settings for a live sending worker (fake Twilio), quick sweeps, and the web app
    on the wall clock (the worker processes run on it too)."""
    chaos_settings = settings.with_overrides(
        twilio_account_sid=ACCOUNT_SID, twilio_from_number=TWILIO_FROM,
        twilio_api_base_url=fake_twilio.url, twilio_http_timeout=2.0, meta_http_timeout=2.0,
        oncall_rota_file=str(ROTA), oncall_fallback_number=FALLBACK,
        sweep_interval_seconds=1, stale_after_seconds=2, alert_reminder_minutes=0,
    )
    web = build(chaos_settings, clock=system_clock)
    app = create_app(container=web)
    yield chaos_settings, app.test_client(), web
    jobs.install(container)
    web.close()


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
    states: Counter[str] = Counter()  # what the worker was doing when killed
    try:
        for batch in batches:  # each round: a worker up, texts arriving, then SIGKILL
            worker.start()
            name = wait_until_working(web.redis, worker)
            for n in batch:
                post_text(client, n, n in emergencies)
            time.sleep(rng.uniform(0.0, 1.0))
            states[worker_state(web.redis, name) or "other"] += 1
            worker.kill()
        worker.start()
        recovered_in = wait_until_done(web, ORDINARY + EMERGENCIES, RECOVERY_BOUND,
                                       f"the last restart (seed {seed})")
    finally:
        worker.close()

    print(f"seed {seed}: {KILLS} kills ({dict(states)}), all done {recovered_in:.1f} s after "
          "the last restart, "
          f"{len(fake_twilio.messages)} texts at the fake Twilio")
    assert_each_once(web, fake_twilio, ORDINARY + EMERGENCIES, EMERGENCIES, f"seed {seed}")
