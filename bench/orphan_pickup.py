"""How long orphaned work waits, with the production defaults (SWEEP_INTERVAL_SECONDS=15,
STALE_AFTER_SECONDS=20): emergencies whose routing jobs a dead worker left `queued` in no
queue (popped, never started) or `started` (its liveness key gone), then a real
`contact-hub worker`; prints the time from orphaning to each contact being routed.

    .venv/bin/python bench/orphan_pickup.py [--each 3]

Runs on a PostgreSQL cluster and a redis-server of its own (temporary, free ports).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rq.executions import Execution  # noqa: E402
from rq.job import Job  # noqa: E402
from rq.serializers import JSONSerializer  # noqa: E402

from contact_hub.app import create_app  # noqa: E402
from contact_hub.bootstrap import build  # noqa: E402
from contact_hub.clock import system_clock  # noqa: E402
from contact_hub.settings import Settings  # noqa: E402
from contact_hub.storage import repository as repo  # noqa: E402
from contact_hub.storage.db import upgrade  # noqa: E402
from tests.helpers import AUTH_TOKEN, PUBLIC_BASE  # noqa: E402
from tests.integration.fault_checks import post_text, wait_until_working  # noqa: E402
from tests.integration.own_servers import OwnPostgres, OwnRedis  # noqa: E402
from tests.integration.worker_processes import WorkerProcess  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--each", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="orphan-bench-"))
    pg, redis = OwnPostgres().init(), OwnRedis(folder / "redis").start()
    worker = None
    try:
        upgrade(pg.url)
        settings = Settings(environment="test", home=folder, database_url=pg.url,
                            redis_url=redis.url, public_base_url=PUBLIC_BASE,
                            twilio_auth_token=AUTH_TOKEN)
        web = build(settings, clock=system_clock)
        client = create_app(container=web).test_client()
        kinds = {}
        for n in range(2 * args.each):
            post_text(client, n, emergency=True)
            kinds[n + 1] = "popped" if n < args.each else "started"
        critical = web.dispatcher.queues["critical"]
        for contact_id, kind in kinds.items():  # what a worker killed at that point leaves
            job_id = f"inbound-{contact_id}"
            web.redis.lrem(critical.key, 1, job_id)
            if kind == "started":
                job = Job.fetch(job_id, connection=web.redis, serializer=JSONSerializer)
                with web.redis.pipeline() as pipe:
                    Execution.create(job, 600, pipeline=pipe, worker_name="killed-worker")
                    job.prepare_for_execution("killed-worker", pipeline=pipe)
                    pipe.execute()
        orphaned = time.monotonic()
        worker = WorkerProcess(settings, folder / "worker.log").start()
        wait_until_working(web.redis, worker)
        listening = time.monotonic() - orphaned
        print(f"the new worker took jobs {listening:.1f} s after the orphaning (its start-up)")
        waited: dict[int, float] = {}
        while len(waited) < len(kinds) and time.monotonic() - orphaned < 120:
            with web.sessions() as session:
                for contact_id in kinds:
                    contact = repo.get_contact(session, contact_id)
                    if contact_id not in waited and contact and contact.status == "routed":
                        waited[contact_id] = time.monotonic() - orphaned
            time.sleep(0.2)
        for contact_id, kind in kinds.items():
            took = waited.get(contact_id)
            print(f"contact {contact_id} ({kind}): "
                  + (f"routed {took:.1f} s after it was orphaned" if took else "NOT routed"))
        web.close()
    finally:
        if worker is not None:
            worker.close()
        redis.kill()
        pg.remove()


if __name__ == "__main__":
    main()
