"""Time to alert: from an emergency SMS webhook to the Slack post arriving at a local fake
Slack, with a background load of ordinary contacts through the same service.

    .venv/bin/python bench/time_to_alert.py [--alerts 40] [--load 50] [--workers 2]
    .venv/bin/python bench/time_to_alert.py --under-load [--backlog 20000] [--load 40] ...

gunicorn (wsgi:app) and `contact-hub worker` processes against PostgreSQL and Redis at
127.0.0.1 (a fresh database each run). Prints p50/p99 time-to-alert (target p99 <= 1 s).

`--under-load`: the issue-21 case. `--backlog` ordinary texts are taken in first with no
worker running (so they are all waiting when the emergencies come), then the workers start
and ordinary texts keep coming at `--load` a second (set it to 80 % of the sustained rate
bench/pipeline.py measured) while an emergency comes each second. For each emergency: the
time to its Slack post at the fake Slack (target p99 < 2 s) and to its SMS page at the
fake Twilio (target p99 < 3 s), with the ordinary backlog still waiting at the end shown,
so the run proves the emergencies did not wait behind it. Also the Redis memory per queued
job, once the backlog is handed off.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ingest import PATH, TOKEN, Load, fresh_database, percentile, start, stop  # noqa: E402
from tests.fakes.slack_server import FakeSlack  # noqa: E402
from tests.fakes.twilio_server import FakeTwilio  # noqa: E402
from tests.helpers import ACCOUNT_SID, sms_form  # noqa: E402

BENCH_DB = os.environ.get("BENCH_DATABASE", "h_escalation_bench")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10")


def emergency(port: int, n: int) -> None:
    base = f"http://127.0.0.1:{port}"
    form = sms_form(f"I can smell gas in flat {n}, please come", sender=f"+4774009{n:05d}",
                    sid=f"SMe{n:031d}")
    signature = RequestValidator(TOKEN).compute_signature(base + PATH, form)
    request = urllib.request.Request(base + PATH, data=urlencode(form).encode(), headers={
        "X-Twilio-Signature": signature, "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        answer.read()


def stored(database_url: str) -> int:
    """Contacts in the database (every 200 must have its row)."""
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(text("SELECT count(*) FROM contacts")) or 0)
    finally:
        engine.dispose()


def waiting_for_hand_off(database_url: str, bound: float) -> None:
    """Until no contact is left `accepted` (every one has its routing job)."""
    engine = create_engine(database_url, poolclass=NullPool)
    deadline = time.monotonic() + bound
    try:
        while True:
            with engine.connect() as connection:
                if not connection.scalar(text(
                        "SELECT 1 FROM contacts WHERE status = 'accepted' LIMIT 1")):
                    return
            if time.monotonic() > deadline:
                raise SystemExit(f"the backlog was not handed off within {bound:.0f} s")
            time.sleep(0.05)
    finally:
        engine.dispose()


def pages(twilio: FakeTwilio) -> int:
    return sum(1 for m in list(twilio.messages) if "Reply ACK" in m.get("Body", ""))


def under_load(args: argparse.Namespace, env: dict[str, str], slack: FakeSlack,
               twilio: FakeTwilio) -> None:
    """Emergencies one a second while a backlog is worked off and ordinary texts arrive."""
    from redis import Redis

    redis = Redis.from_url(REDIS)
    memory_before = int(redis.info("memory")["used_memory"])
    web, port = start("wsgi:app", env)
    workers: list[subprocess.Popen[bytes]] = []
    try:
        started = time.perf_counter()
        # The backlog at 400/s (a burst): as many as are answered in that time, each a 200.
        burst = len(Load(port).run(16, args.backlog / 400, rate=400.0))
        taken = Load.messages
        print(f"backlog taken in: {burst} of {args.backlog} texts in "
              f"{time.perf_counter() - started:.0f} s, every one answered 200; "
              f"{stored(env['DATABASE_URL'])} contacts stored", flush=True)
        workers = [subprocess.Popen([str(ROOT / ".venv/bin/contact-hub"), "worker"], cwd=ROOT,
                                    env=env) for _ in range(args.workers)]
        # The emergencies start as soon as the workers' hand-off has queued the whole
        # backlog (no contact left `accepted`), while nearly all of it still waits.
        waiting_for_hand_off(env["DATABASE_URL"], bound=120)
        queued = redis.llen("rq:queue:default")
        per_job = (int(redis.info("memory")["used_memory"]) - memory_before) / max(queued, 1)
        print(f"handed off: {queued} routing jobs queued (each a batch of up to "
              f"ROUTING_BATCH_SIZE contacts); Redis memory {per_job:,.0f} bytes per queued job",
              flush=True)
        seconds = args.alerts + 5
        background = threading.Thread(target=Load(port).run, args=(8, seconds, args.load),
                                      daemon=True)
        background.start()
        time.sleep(1)
        to_slack, to_page = [], []
        for n in range(args.alerts):
            posts, paged = len(slack.calls_to("chat.postMessage")), pages(twilio)
            sent = time.perf_counter()
            emergency(port, n)
            posted_at = paged_at = None
            while posted_at is None or paged_at is None:
                now = time.perf_counter()
                if now - sent > 30:
                    raise SystemExit(f"emergency {n}: no Slack post or page within 30 s")
                if posted_at is None and len(slack.calls_to("chat.postMessage")) > posts:
                    posted_at = now
                if paged_at is None and pages(twilio) > paged:
                    paged_at = now
                time.sleep(0.002)
            to_slack.append(posted_at - sent)
            to_page.append(paged_at - sent)
            time.sleep(max(0.0, sent + 1.0 - time.perf_counter()))  # one a second
        background.join()
        waiting = redis.llen("rq:queue:default")
    finally:
        stop(web)
        for process in workers:
            process.terminate()
        for process in workers:
            process.wait()
    for name, values, target in (("Slack post", to_slack, 2000), ("SMS page", to_page, 3000)):
        print(f"{name}: {len(values)} emergencies at 1/s with {args.backlog} queued before "
              f"them and {args.load:.0f}/s ordinary: p50 {statistics.median(values) * 1000:.0f} "
              f"ms  p99 {percentile(values, 0.99) * 1000:.0f} ms  max {max(values) * 1000:.0f} "
              f"ms (target p99 < {target} ms)")
    print(f"ordinary routing jobs still queued at the end: {waiting} (of "
          f"{next(taken)} ordinary texts taken in)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alerts", type=int, default=40)
    parser.add_argument("--load", type=float, default=50.0, help="ordinary contacts a second")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--under-load", action="store_true",
                        help="emergencies behind a queued backlog (see the docstring)")
    parser.add_argument("--backlog", type=int, default=20_000)
    args = parser.parse_args()

    slack = FakeSlack().start()
    twilio = FakeTwilio().start()
    env = {**os.environ, "DATABASE_URL": fresh_database(BENCH_DB), "REDIS_URL": REDIS,
           "TWILIO_AUTH_TOKEN": TOKEN, "LOG_LEVEL": "ERROR",
           "SLACK_BOT_TOKEN": slack.token, "SLACK_API_BASE_URL": slack.base_url,
           "SLACK_EMERGENCY_CHANNEL": "#emergencies",
           "ONCALL_ROTA_FILE": str(ROOT / "examples/oncall-rota.yaml"),
           "ONCALL_FALLBACK_NUMBER": "+447700900999", "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
           "TWILIO_FROM_NUMBER": "+443300000000", "TWILIO_API_BASE_URL": twilio.url}
    subprocess.run([str(ROOT / ".venv/bin/python"), "-c",
                    f"import redis; redis.Redis.from_url('{REDIS}').flushdb()"], check=True)
    if args.under_load:
        try:
            under_load(args, env, slack, twilio)
        finally:
            slack.stop()
            twilio.stop()
        return
    web, port = start("wsgi:app", env)
    workers = [subprocess.Popen([str(ROOT / ".venv/bin/contact-hub"), "worker"], cwd=ROOT,
                                env=env) for _ in range(args.workers)]
    try:
        time.sleep(2)
        seconds = args.alerts * 0.6 + 5
        load = Load(port)
        background = threading.Thread(target=load.run, args=(4, seconds, args.load), daemon=True)
        background.start()
        time.sleep(1)
        latencies = []
        for n in range(args.alerts):
            before = len(slack.calls_to("chat.postMessage"))
            sent = time.perf_counter()
            emergency(port, n)
            deadline = sent + 10
            while len(slack.calls_to("chat.postMessage")) == before:
                if time.perf_counter() > deadline:
                    raise SystemExit(f"alert {n}: no Slack post within 10 s")
                time.sleep(0.001)
            latencies.append(time.perf_counter() - sent)
            time.sleep(0.5)
        background.join()
    finally:
        stop(web)
        for process in workers:
            process.terminate()
        for process in workers:
            process.wait()
        slack.stop()
        twilio.stop()
    p50, p99 = statistics.median(latencies) * 1000, percentile(latencies, 0.99) * 1000
    print(f"time to alert over {len(latencies)} emergencies with {args.load:.0f} contacts/s "
          f"background: p50 {p50:.0f} ms  p99 {p99:.0f} ms  max {max(latencies) * 1000:.0f} ms "
          f"(target p99 <= 1000 ms)")


if __name__ == "__main__":
    main()
