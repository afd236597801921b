"""Ingest benchmark: signed Twilio SMS webhooks through gunicorn with PostgreSQL and Redis,
against a bare Flask endpoint returning the same TwiML, in the same run.

    .venv/bin/python bench/ingest.py [--seconds 8] [--connections 8] [--senders N]

Prints requests/second for both, the ratio, and p50/p99 latency for both at half of the
ingest maximum (paced, open loop: latency counts from when a request was due, so a stall
is not hidden). By default every message comes from a new resident (the most work per
webhook: customer, identity and conversation rows too); `--senders N` spreads them over
N residents who write again, as most contacts do. Needs PostgreSQL at 127.0.0.1:5432
and Redis at 127.0.0.1:6379.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import create_engine, text
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers import sms_form  # noqa: E402

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BENCH_DB = "contact_hub_bench"
REDIS = "redis://127.0.0.1:6379/13"
TOKEN = "bench-auth-token"
PATH = "/webhooks/twilio/sms"
GUNICORN = [str(ROOT / ".venv/bin/gunicorn"), "--workers", "2", "--threads", "4",
            "--log-level", "warning"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fresh_database(name: str = BENCH_DB) -> str:
    """An empty, migrated PostgreSQL database for one benchmark run."""
    engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    subprocess.run([str(ROOT / ".venv/bin/contact-hub"), "db", "upgrade"], check=True,
                   env={**os.environ, "DATABASE_URL": url}, capture_output=True)
    return url


def start(app: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    process = subprocess.Popen([*GUNICORN, "--bind", f"127.0.0.1:{port}", app],
                               cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"{app} did not start")


class Load:
    """Signed, unique webhook requests against one server."""

    def __init__(self, port: int, senders: int = 0) -> None:
        self.port = port
        self.senders = senders  # 0: a new resident each time
        self.base = f"http://127.0.0.1:{port}"
        self.validator = RequestValidator(TOKEN)
        self.counter = itertools.count()
        self.lock = threading.Lock()

    def request_body(self) -> tuple[str, dict[str, str]]:
        with self.lock:
            n = next(self.counter)
        form = sms_form(f"The bathroom extractor fan is broken, flat {n}",
                        sender=f"+4774001{n % (self.senders or 100000):05d}",
                        sid=f"SM{n:032d}")
        headers = {"X-Twilio-Signature": self.validator.compute_signature(self.base + PATH, form),
                   "Content-Type": "application/x-www-form-urlencoded"}
        return urlencode(form), headers

    def run(self, connections: int, seconds: float, rate: float | None = None) -> list[float]:
        """Closed loop (rate=None) or paced at `rate` per second; returns latencies (s)."""
        latencies: list[float] = []
        errors: list[int] = []
        start = time.perf_counter() + 0.2
        stop = start + seconds
        schedule = itertools.count()

        def worker() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            while True:
                due = time.perf_counter()
                if rate is not None:
                    with self.lock:
                        due = start + next(schedule) / rate
                    delay = due - time.perf_counter()
                    if delay > 0:
                        time.sleep(delay)
                if time.perf_counter() >= stop:
                    break
                body, headers = self.request_body()
                conn.request("POST", PATH, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(response.status)
                latencies.append(time.perf_counter() - due)
            conn.close()

        threads = [threading.Thread(target=worker) for _ in range(connections)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise SystemExit(f"{len(errors)} non-200 answers, e.g. {errors[:5]}")
        return latencies


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--senders", type=int, default=0,
                        help="distinct residents (default: a new one for every message)")
    args = parser.parse_args()

    env = {**os.environ, "DATABASE_URL": fresh_database(), "REDIS_URL": REDIS,
           "TWILIO_AUTH_TOKEN": TOKEN, "LOG_LEVEL": "WARNING"}
    env.pop("PUBLIC_BASE_URL", None)
    subprocess.run([str(ROOT / ".venv/bin/python"), "-c",
                    f"import redis; redis.Redis.from_url('{REDIS}').flushdb()"], check=True)
    results = {}
    for name, app in (("bare", "bench.bare_app:app"), ("ingest", "wsgi:app")):
        process, port = start(app, env)
        try:
            load = Load(port, args.senders)
            load.run(args.connections, 1.0)  # warm up
            done = load.run(args.connections, args.seconds)
            results[name] = {"rps": len(done) / args.seconds, "port": port, "load": load}
            results[name]["process"] = process
        except BaseException:
            process.terminate()
            raise
    half = results["ingest"]["rps"] / 2
    for name in ("bare", "ingest"):
        paced = results[name]["load"].run(args.connections, args.seconds, rate=half)
        results[name]["p50"] = statistics.median(paced) * 1000
        results[name]["p99"] = percentile(paced, 0.99) * 1000
        results[name]["process"].terminate()
        results[name]["process"].wait()

    for name in ("bare", "ingest"):
        r = results[name]
        print(f"{name:7s} max {r['rps']:8.1f} req/s   at {half:.0f} req/s: "
              f"p50 {r['p50']:6.1f} ms  p99 {r['p99']:6.1f} ms")
    ratio = results["ingest"]["rps"] / results["bare"]["rps"]
    print(f"ratio ingest/bare throughput: {ratio:.2f} (target >= 0.5); "
          f"ingest p99 at half max rate: {results['ingest']['p99']:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
