"""Server time of the workspace pages with real volumes in PostgreSQL.

    .venv/bin/python bench/workspace.py [--requests 40]

Seeds 100,000 contacts, 5,000 complaint cases and 2,000 alerts (a few made through the
service itself, the rest copied from them in SQL with spread-out times), then times each
page in-process through the Flask app, signed in as a manager: the inbox, a contact page,
the complaints list and the dashboard (as managers see it, the days before today from its
five-minute cache, and cold, that cache emptied before each request). Prints p50 and p95
in milliseconds.

Uses its own database (contact_hub_bench_work) and TEST_REDIS_URL (default database 13).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from redis import Redis
from rq.serializers import JSONSerializer
from sqlalchemy import text

from contact_hub.worker import Worker

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ingest import fresh_database  # noqa: E402
from contact_hub import jobs  # noqa: E402
from contact_hub.app import create_app  # noqa: E402
from contact_hub.bootstrap import Container, build  # noqa: E402
from contact_hub.queueing import QUEUE_NAMES  # noqa: E402
from contact_hub.settings import Settings  # noqa: E402
from contact_hub.storage.schema import metadata  # noqa: E402
from tests.helpers import AUTH_TOKEN, PUBLIC_BASE, TwilioSigner, sms_form  # noqa: E402

REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
PASSWORD = "bench password long enough"
RESIDENTS = 10_000
SEEDS = {
    "routine": "My kitchen tap has been dripping for a week",
    "complaint": "I want to make a formal complaint: my repair was never finished",
    "emergency": "I can smell gas in the hallway",
}


def seed(container: Container, client: Any, contacts: int, complaints: int,
         alerts: int) -> int:
    """Three real contacts through the service, then copies; returns a copied contact's
    id (its resident has about ten contacts, as a real one might)."""
    signer = TwilioSigner()
    for n, body in enumerate(SEEDS.values()):
        form = sms_form(body, sid=f"SMseed{n}", sender=f"+4474001000{n:02d}")
        assert signer.post(client, "/webhooks/twilio/sms", form).status_code == 200
    jobs.install(container)
    container.inbound.hand_off()
    Worker([container.dispatcher.queues[q] for q in QUEUE_NAMES],
                 connection=container.redis, serializer=JSONSerializer).work(burst=True)
    with container.engine.begin() as connection:
        first = connection.execute(text("SELECT min(id) FROM contacts")).scalar_one()
        resident = connection.execute(text("SELECT min(id) FROM customers")).scalar_one()
        copy(connection, "customers", resident, RESIDENTS, {})
        # Spread over 10,000 residents (about 10 contacts each), outside any conversation.
        copy(connection, "contacts", first, contacts, {
            "customer_id": f"{resident} + 1 + g % {RESIDENTS}", "conversation_id": "NULL",
            "reference": "'B' || g", "provider_message_id": "'bench' || g",
            "received_at": "now() - g * interval '75 seconds'",
            "routed_at": "now() - g * interval '75 seconds'",
            "channel": "(ARRAY['sms','email','whatsapp','voice','messenger'])[1 + g % 5]",
            "category": "(ARRAY['service_request','complaint','service_request','emergency'])"
                        "[1 + g % 4]",
            "resolved_at": "CASE WHEN g % 50 = 0 THEN NULL ELSE now() END",
        })
        case = connection.execute(text("SELECT min(id) FROM complaints")).scalar_one()
        copy(connection, "complaints", case, complaints, {
            "reference": "'CMPB' || g", "received_at": "now() - g * interval '20 minutes'",
            "next_due_on": "current_date + (g % 40) - 10", "version": "1",
            "updated_at": "now() - g * interval '20 minutes'",
        })
        if "complaint_report_facts" in metadata.tables:
            # What saving each case writes beside it: most answered at stage 1 within
            # 5-14 working days (some late), a sixth escalated and answered at stage 2.
            copy_facts(connection, case)
        alert = connection.execute(text("SELECT min(id) FROM alerts")).scalar_one()
        copy(connection, "alerts", alert, alerts, {
            "opened_at": "now() - g * interval '1 hour'", "state": "'resolved'",
            "acknowledged_at": "now() - g * interval '1 hour' + (g % 30) * interval '1 minute'",
            "resolved_at": "now() - g * interval '1 hour' + interval '2 hours'",
            "next_step_at": "NULL",
        })
        middle = f"B{contacts // 2}"
        contact_id = int(connection.execute(
            text("SELECT id FROM contacts WHERE reference = :r"), {"r": middle}).scalar_one())
    # What autovacuum does to a live table: statistics and the visibility map (without
    # it PostgreSQL cannot answer the dashboard's counts from the covering index alone).
    with container.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(
            text("VACUUM ANALYZE"))
    return contact_id


def copy_facts(connection: Any, seed_case: int) -> None:
    table = metadata.tables["complaint_report_facts"]
    overrides = {
        "complaint_id": "c.id", "reference": "c.reference", "received_at": "c.received_at",
        "received_on": "c.received_at::date", "stage": "CASE WHEN c.id % 6 = 0 THEN 2 ELSE 1 END",
        "s1_requested_on": "c.received_at::date",
        "s1_response_due_base": "c.received_at::date + 14",
        "s1_response_due": "c.received_at::date + 14 + (c.id % 10 = 0)::int * 10",
        "s1_responded_on": "CASE WHEN c.id % 20 = 0 THEN NULL "
                           "ELSE c.received_at::date + 5 + c.id % 12 END",
        "s1_decision": "CASE WHEN c.id % 20 = 0 THEN NULL ELSE 'upheld' END",
        "s2_requested_on": "CASE WHEN c.id % 6 = 0 THEN c.received_at::date + 20 END",
        "s2_acknowledge_by": "CASE WHEN c.id % 6 = 0 THEN c.received_at::date + 25 END",
        "s2_response_due_base": "CASE WHEN c.id % 6 = 0 THEN c.received_at::date + 48 END",
        "s2_response_due": "CASE WHEN c.id % 6 = 0 THEN c.received_at::date + 48 END",
        "s2_responded_on": "CASE WHEN c.id % 6 = 0 THEN c.received_at::date + 40 + c.id % 15 "
                           "END",
    }
    columns = [c.name for c in table.columns]
    values = [overrides.get(c, f"f.{c}") for c in columns]
    connection.execute(text(
        f"INSERT INTO complaint_report_facts ({', '.join(columns)}) "  # noqa: S608
        f"SELECT {', '.join(values)} FROM complaints c, complaint_report_facts f "
        f"WHERE f.complaint_id = {seed_case} AND c.reference LIKE 'CMPB%'"))


def copy(connection: Any, table: str, seed_id: int, count: int, overrides: dict[str, str]
         ) -> None:
    columns = [c.name for c in metadata.tables[table].columns if c.name != "id"]
    values = [overrides.get(c, c) for c in columns]
    connection.execute(text(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} "  # noqa: S608
        f"FROM {table}, generate_series(1, {count}) AS g WHERE {table}.id = {seed_id}"
    ))


def timed(client: Any, path: str, requests: int,
          before: Any = None) -> tuple[float, float, float, float]:
    client.get(path)  # warm up
    spent: list[float] = []
    cpus: list[float] = []
    for _ in range(requests):
        if before is not None:
            before()
        started, cpu = time.perf_counter(), time.process_time()
        answer = client.get(path)
        spent.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert answer.status_code == 200, (path, answer.status_code)
    spent.sort()
    cpus.sort()
    p95 = max(int(0.95 * len(spent)) - 1, 0)
    return statistics.median(spent), spent[p95], statistics.median(cpus), cpus[p95]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--complaints", type=int, default=5_000)
    parser.add_argument("--alerts", type=int, default=2_000)
    parser.add_argument("--database", default="contact_hub_bench_work",
                        help="the PostgreSQL database to (re)create for the run")
    args = parser.parse_args()
    Redis.from_url(REDIS).flushdb()
    url = fresh_database(args.database)
    settings = Settings(environment="test", home=ROOT / "instance" / "bench", database_url=url,
                        redis_url=REDIS, public_base_url=PUBLIC_BASE,
                        twilio_auth_token=AUTH_TOKEN, log_level="WARNING")
    container = build(settings)
    app = create_app(container=container)
    client = app.test_client()
    contact_id = seed(container, client, args.contacts, args.complaints, args.alerts)
    container.staff.create("manager@bench.example", "Bench Manager", "manager", PASSWORD)
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)
    assert token is not None
    client.post("/login", data={"email": "manager@bench.example", "password": PASSWORD,
                                "csrf_token": token.group(1)})
    print(f"seeded {args.contacts} contacts, {args.complaints} complaints, "
          f"{args.alerts} alerts; {args.requests} requests each, server time in ms")
    def cold() -> None:  # the dashboard's cache of the days before today emptied
        for key in container.redis.scan_iter("dashboard:*"):
            container.redis.delete(key)

    for name, path, before in (
            ("inbox", "/inbox", None), ("contact page", f"/contacts/{contact_id}", None),
            ("complaints list", "/complaints", None), ("dashboard", "/dashboard", None),
            ("dashboard 90 days", "/dashboard?days=90", None),
            ("dashboard cold", "/dashboard", cold),
            ("dashboard 90 cold", "/dashboard?days=90", cold)):
        p50, p95, cpu50, cpu95 = timed(client, path, args.requests, before)
        print(f"{name:18s} p50 {p50:7.1f}   p95 {p95:7.1f}   "
              f"(this process's CPU: p50 {cpu50:6.1f} p95 {cpu95:6.1f})")
    container.close()


if __name__ == "__main__":
    main()
