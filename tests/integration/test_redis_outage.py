"""A worker that survives Redis going away: the test's own redis-server is SIGKILLed for
15 s while a real `contact-hub worker` is busy, texts keep arriving meanwhile, and nobody
restarts the worker. Within 60 s of Redis coming back everything is routed, acknowledged
and paged, exactly once."""

from __future__ import annotations

import time

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
)
from tests.integration.own_servers import OwnRedis
from tests.integration.worker_processes import WorkerProcess

OUTAGE = 15.0
BOUND = 60.0
BEFORE, DURING = 40, 10  # texts before the outage (the worker is busy) and during it


@pytest.mark.postgres
def test_worker_rides_out_a_redis_outage_without_a_restart(
    settings, container, fake_twilio, tmp_path, database_url
):
    if database_url.startswith("sqlite"):
        pytest.skip("the PostgreSQL run is the one (several processes)")
    redis = OwnRedis(tmp_path / "redis").start()
    own = settings.with_overrides(
        redis_url=redis.url, twilio_account_sid=ACCOUNT_SID, twilio_from_number=TWILIO_FROM,
        twilio_api_base_url=fake_twilio.url, twilio_http_timeout=2.0, meta_http_timeout=2.0,
        oncall_rota_file=str(ROTA), oncall_fallback_number=FALLBACK,
        sweep_interval_seconds=1, stale_after_seconds=2, alert_reminder_minutes=0,
    )
    web = build(own, clock=system_clock)
    client = create_app(container=web).test_client()
    worker = WorkerProcess(own, tmp_path / "worker.log")
    try:
        worker.start()
        wait_until_working(web.redis, worker)
        for n in range(BEFORE):
            post_text(client, n, emergency=n % 10 == 3)
        redis.kill()  # mid-work: jobs queued, one running
        killed = time.monotonic()
        for n in range(BEFORE, BEFORE + DURING):  # the webhooks still answer
            post_text(client, n, emergency=n % 10 == 3)
        time.sleep(max(0.0, OUTAGE - (time.monotonic() - killed)))
        redis.start()
        took = wait_until_done(web, BEFORE + DURING, BOUND, "Redis came back")
        assert worker.alive() and worker.starts == 1  # the same process did it all
    finally:
        worker.close()
        redis.kill()
        jobs.install(container)
        web.close()
    print(f"all done {took:.1f} s after Redis came back (outage {OUTAGE:.0f} s)")
    assert_each_once(web, fake_twilio, BEFORE + DURING, (BEFORE + DURING) // 10)
