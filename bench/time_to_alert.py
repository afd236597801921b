"""Time to alert: from an emergency SMS webhook to the Slack post arriving at a local fake
Slack, with a background load of ordinary contacts through the same service.

    .venv/bin/python bench/time_to_alert.py [--alerts 40] [--load 50] [--workers 2]

gunicorn (wsgi:app) and `contact-hub worker` processes against PostgreSQL and Redis at
127.0.0.1 (a fresh database each run). Prints p50/p99 time-to-alert (target p99 <= 1 s).
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

from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ingest import PATH, TOKEN, Load, fresh_database, percentile, start, stop  # noqa: E402
from tests.fakes.slack_server import FakeSlack  # noqa: E402
from tests.helpers import sms_form  # noqa: E402

BENCH_DB = "h_escalation_bench"
REDIS = "redis://127.0.0.1:6379/10"


def emergency(port: int, n: int) -> None:
    base = f"http://127.0.0.1:{port}"
    form = sms_form(f"I can smell gas in flat {n}, please come", sender=f"+4774009{n:05d}",
                    sid=f"SMe{n:031d}")
    signature = RequestValidator(TOKEN).compute_signature(base + PATH, form)
    request = urllib.request.Request(base + PATH, data=urlencode(form).encode(), headers={
        "X-Twilio-Signature": signature, "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        answer.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alerts", type=int, default=40)
    parser.add_argument("--load", type=float, default=50.0, help="ordinary contacts a second")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    slack = FakeSlack().start()
    env = {**os.environ, "DATABASE_URL": fresh_database(BENCH_DB), "REDIS_URL": REDIS,
           "TWILIO_AUTH_TOKEN": TOKEN, "LOG_LEVEL": "ERROR",
           "SLACK_BOT_TOKEN": slack.token, "SLACK_API_BASE_URL": slack.base_url,
           "SLACK_EMERGENCY_CHANNEL": "#emergencies",
           "ONCALL_ROTA_FILE": str(ROOT / "examples/oncall-rota.yaml"),
           "ONCALL_FALLBACK_NUMBER": "+447700900999"}
    subprocess.run([str(ROOT / ".venv/bin/python"), "-c",
                    f"import redis; redis.Redis.from_url('{REDIS}').flushdb()"], check=True)
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
    p50, p99 = statistics.median(latencies) * 1000, percentile(latencies, 0.99) * 1000
    print(f"time to alert over {len(latencies)} emergencies with {args.load:.0f} contacts/s "
          f"background: p50 {p50:.0f} ms  p99 {p99:.0f} ms  max {max(latencies) * 1000:.0f} ms "
          f"(target p99 <= 1000 ms)")


if __name__ == "__main__":
    main()
