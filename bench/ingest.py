"""Ingest benchmark: signed Twilio SMS webhooks through gunicorn with PostgreSQL and Redis,
against a bare Flask endpoint returning the same TwiML, in the same run.

    .venv/bin/python bench/ingest.py [--rounds 3] [--seconds 5] [--connections 32] [--senders N]

Both run under the web process's own gunicorn settings (gunicorn.conf.py). The two are
measured in turns, `--rounds` times (bare, ingest, then ingest, bare, ...), because this
machine's speed drifts from one ten seconds to the next: each round's ratio compares
neighbours, and the median of the rounds is the figure. Then p50/p99 latency for both at
half of the ingest maximum (paced, open loop: latency counts from when a request was due,
so a stall is not hidden). 32 connections by default, as Twilio's many senders would open:
with 8, how the kernel happens to spread them over two workers (6 and 2, say) moves the
result by a third from one start to the next. By default every message comes from a new
resident; `--senders
N` spreads them over N residents who write again. The webhook only accepts (no worker runs
here): bench/time_to_alert.py measures the whole path. Needs PostgreSQL at 127.0.0.1:5432
and Redis at 127.0.0.1:6379.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.client
import itertools
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import psutil
from sqlalchemy import create_engine, text
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers import sms_form  # noqa: E402

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BENCH_DB = os.environ.get("BENCH_DATABASE", "contact_hub_bench")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
TOKEN = "bench-auth-token"
PATH = "/webhooks/twilio/sms"
GUNICORN = [str(ROOT / ".venv/bin/gunicorn"), "--config", str(ROOT / "gunicorn.conf.py"),
            "--log-level", "warning"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fresh_database(name: str = BENCH_DB) -> str:
    """An empty, migrated PostgreSQL database for one benchmark run: a copy of a template
    database migrated once for each set of migrations (copying takes a fraction of a second;
    running the migrations takes 5-20 s on a busy machine, and a run may want several)."""
    template = _migrated_template()
    engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    engine.dispose()
    return _url(name)


def _url(name: str) -> str:
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def _migrated_template() -> str:
    """The template database for the migrations `contact-hub db upgrade` would apply (those
    of the tree on PYTHONPATH, else this one), migrated on first use; named by their digest,
    so a changed migration gets a new template."""
    tree = Path(os.environ.get("PYTHONPATH", str(ROOT)).split(os.pathsep)[0])
    digest = hashlib.sha256()
    for path in sorted((tree / "contact_hub/storage/migrations").rglob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    template = f"contact_hub_bench_template_{digest.hexdigest()[:16]}"
    engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        # One process builds it; another waiting here then finds it built.
        connection.execute(text("SELECT pg_advisory_lock(hashtext(:t))"), {"t": template})
        try:
            exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :t"),
                                       {"t": template})
            if not exists:
                building = template + "_building"
                connection.execute(text(f"DROP DATABASE IF EXISTS {building} WITH (FORCE)"))
                connection.execute(text(f"CREATE DATABASE {building}"))
                subprocess.run([str(ROOT / ".venv/bin/contact-hub"), "db", "upgrade"],
                               check=True, env={**os.environ, "DATABASE_URL": _url(building)},
                               capture_output=True)
                connection.execute(text(f"ALTER DATABASE {building} RENAME TO {template}"))
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(hashtext(:t))"), {"t": template})
    engine.dispose()
    return template


def start(app: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    """gunicorn serving `app` on a free port, in a process group of its own."""
    port = free_port()
    process = subprocess.Popen(
        [*GUNICORN, "--bind", f"127.0.0.1:{port}", app], cwd=ROOT,
        env={**env, "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}, start_new_session=True,
    )
    # Until the app answers (any status): the socket is bound long before a worker has
    # imported the app, which on a busy machine takes longer than a client's timeout.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/")
            conn.getresponse().read()
            conn.close()
            return process, port
        except OSError:
            time.sleep(0.1)
    stop(process)
    raise SystemExit(f"{app} did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop gunicorn and its workers (a worker must not outlive its round and take CPU)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class Load:
    """Signed, unique webhook requests against one server."""

    messages = itertools.count()  # one count for every Load: no MessageSid is sent twice

    def __init__(self, port: int, senders: int = 0) -> None:
        self.port = port
        self.senders = senders  # 0: a new resident each time
        self.base = f"http://127.0.0.1:{port}"
        self.validator = RequestValidator(TOKEN)
        self.lock = threading.Lock()

    def request_body(self) -> tuple[str, dict[str, str]]:
        with self.lock:
            n = next(Load.messages)
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


@dataclass
class Cost:
    """CPU seconds spent during a measured run, by whom: the web server's processes, the
    PostgreSQL backends serving it and this load generator (same machine, same cores)."""

    web: float = 0.0
    database: float = 0.0
    client: float = 0.0

    def per_request(self, requests: int) -> str:
        each = {name: seconds / max(requests, 1) * 1e6 for name, seconds in
                (("web", self.web), ("database", self.database), ("client", self.client))}
        return "  ".join(f"{name} {micros:5.0f}" for name, micros in each.items()) + " us/request"


COSTS: dict[str, list[tuple[Cost, int]]] = {}  # app -> (CPU of a measured run, requests)


def _cpu(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            times = psutil.Process(pid).cpu_times()
            total += times.user + times.system
    return total


def _server_pids(process: subprocess.Popen[bytes]) -> list[int]:
    with contextlib.suppress(psutil.Error):
        parent = psutil.Process(process.pid)
        return [parent.pid, *(child.pid for child in parent.children(recursive=True))]
    return []


def _backend_pids(env: dict[str, str]) -> list[int]:
    """The PostgreSQL backends connected to the measured database (not this query's)."""
    name = env["DATABASE_URL"].rsplit("/", 1)[1]
    engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            return [int(pid) for pid in connection.scalars(text(
                "SELECT pid FROM pg_stat_activity WHERE datname = :name"), {"name": name})]
    finally:
        engine.dispose()


def measure(app: str, env: dict[str, str], args: argparse.Namespace,
            rate: float | None = None) -> list[float]:
    """Latencies of `app` under `--connections` clients for `--seconds`: flat out
    (closed loop), or paced at `rate` requests a second. The CPU each side spent in the
    measured part (not the warm-up) is kept in COSTS[app]."""
    process, port = start(app, env)
    try:
        load = Load(port, args.senders)
        load.run(args.connections, 1.0)  # warm up: the pools' connections are open now
        server, backends = _server_pids(process), _backend_pids(env)
        before = Cost(_cpu(server), _cpu(backends), time.process_time())
        latencies = load.run(args.connections, args.seconds, rate=rate)
        after = Cost(_cpu(server), _cpu(backends), time.process_time())
        COSTS.setdefault(app + env.get("FLOOR_STEPS", ""), []).append((Cost(
            after.web - before.web, after.database - before.database,
            after.client - before.client), len(latencies)))
        return latencies
    finally:
        stop(process)

APPS = {"bare": "bench.bare_app:app", "ingest": "wsgi:app"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--senders", type=int, default=0,
                        help="distinct residents (default: a new one for every message)")
    args = parser.parse_args()

    env = {**os.environ, "DATABASE_URL": fresh_database(), "REDIS_URL": REDIS,
           "TWILIO_AUTH_TOKEN": TOKEN, "LOG_LEVEL": "WARNING"}
    subprocess.run([str(ROOT / ".venv/bin/python"), "-c",
                    f"import redis; redis.Redis.from_url('{REDIS}').flushdb()"], check=True)
    rates: dict[str, list[float]] = {"bare": [], "ingest": []}
    for n in range(args.rounds):
        for name in (("bare", "ingest") if n % 2 == 0 else ("ingest", "bare")):
            rates[name].append(len(measure(APPS[name], env, args)) / args.seconds)
        ratio = rates["ingest"][-1] / rates["bare"][-1]
        print(f"round {n + 1}: bare {rates['bare'][-1]:7.1f} req/s  ingest "
              f"{rates['ingest'][-1]:7.1f} req/s  ratio {ratio:.2f}", flush=True)
    ratios = [i / b for i, b in zip(rates["ingest"], rates["bare"], strict=True)]
    half = statistics.median(rates["ingest"]) / 2
    latency = {name: measure(APPS[name], env, args, half) for name in ("bare", "ingest")}

    for name in ("bare", "ingest"):
        print(f"{name:7s} max {statistics.median(rates[name]):8.1f} req/s (median)  at "
              f"{half:.0f} req/s: p50 {statistics.median(latency[name]) * 1000:6.1f} ms  "
              f"p99 {percentile(latency[name], 0.99) * 1000:6.1f} ms")
    print(f"ratio ingest/bare throughput: median {statistics.median(ratios):.2f} of rounds "
          f"{', '.join(f'{r:.2f}' for r in ratios)} (target >= 0.5); ingest p99 at half max "
          f"rate: {percentile(latency['ingest'], 0.99) * 1000:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
