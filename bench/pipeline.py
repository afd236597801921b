"""The whole pipeline: signed SMS webhooks through gunicorn (wsgi:app) into PostgreSQL and
Redis, routed by 1, 2 and 4 `contact-hub worker` processes, acknowledged by text through
a local fake Twilio (the twilio SDK pointed at tests/fakes/twilio_server.py).

    .venv/bin/python bench/pipeline.py [--workers 1,2,4] [--backlog 2000] [--seconds 20]
                                       [--fraction 0.8] [--baseline REF] [--profile 400]
                                       [--idle 5] [--warm 50]

For each worker count, on a fresh database:
1. capacity: `--backlog` webhooks are taken in with no worker running, then the workers
   start and work them off; contacts/second from the first contact routed to the last
   acknowledgement reaching the fake Twilio is what that many workers can do, and the
   workers' CPU time (user + system, their children too) over the same span, per contact,
   is the worker CPU per contact. (Not from the first acknowledgement: a separate send job
   queues behind the routing jobs, so its first acknowledgement waits for the whole backlog
   to be routed, and that span would leave the routing out.)
2. fixed rate: webhooks at `--fraction` of that capacity for `--seconds`, the workers
   running; the backlog (webhooks answered minus acknowledgements sent) each second, and
   p50/p99 from a webhook being due to its acknowledgement reaching Twilio.
`--profile N` adds the worker CPU per contact broken down (threading, routing,
acknowledgement, send, the rest), from cProfile (CPU-time timer) over N contacts worked in
one process. `--baseline REF` runs capacity and profile on that commit too, in turns with
this tree, in the same run (a temporary git worktree, this venv), and prints the ratios.

Needs PostgreSQL and Redis at 127.0.0.1 (the Redis database from --redis-url is flushed).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import http.client
import itertools
import json
import os
import pstats
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import psutil
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parents[1]
# The code measured: this tree, or (for --baseline's profile) the tree in BENCH_TREE.
sys.path.insert(0, os.environ.get("BENCH_TREE", str(ROOT)))

from bench.ingest import free_port, fresh_database, percentile  # noqa: E402
from tests.fakes.twilio_server import FakeTwilio  # noqa: E402
from tests.helpers import ACCOUNT_SID, sms_form  # noqa: E402

TOKEN = "bench-auth-token"
IDLE_SECONDS = 5.0  # --idle: how long the workers' idle burn is measured
WARM_UP = 50  # --warm: contacts worked before a fixed-rate run, not counted
PATH = "/webhooks/twilio/sms"
DB_NAME = os.environ.get("BENCH_DATABASE", "contact_hub_pipeline")
WORDS = ("The kitchen tap has been dripping all week",
         "Please can someone look at the broken fence panel",
         "The bathroom extractor fan is not working")
# Where each piece of a contact's worker CPU is spent: (label, file suffix, functions whose
# time counts, functions inside them whose time does not). A contact routed alone: decide,
# then apply (record, acknowledgement, handlers); a batch: route_many, holding
# _decide_many. The send is Outbox.send (its own job, or from the routing job) or, for a
# batch, send_now. (Before the package move the routing service was
# services/contact_routing.py.)
ROUTING_FILES = ("contact_routing.py", "contacts/routing.py")
PIECES = (("threading", ("inbound.py",), ("thread_contact",), ()),
          ("routing", ROUTING_FILES, ("decide", "_decide_many"), ()),
          ("acknowledgement", ROUTING_FILES, ("apply", "route_many"), ("_decide_many",)),
          ("send", ("outbox.py",), ("send", "_send_alone", "send_now"), ()))


def sender(n: int) -> str:
    return f"+447400{n:06d}"  # GB mobiles libphonenumber accepts, one resident each


def form_for(n: int) -> dict[str, str]:
    return sms_form(f"{WORDS[n % len(WORDS)]} (report {n})", sender=sender(n), sid=f"SM{n:032d}")


def environment(tree: Path, database_url: str, redis_url: str, twilio: FakeTwilio,
                port: int) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree), "DATABASE_URL": database_url,
            "REDIS_URL": redis_url, "TWILIO_AUTH_TOKEN": TOKEN, "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_FROM_NUMBER": "+443300000000", "TWILIO_API_BASE_URL": twilio.url,
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}", "LOG_LEVEL": "WARNING"}


def flush(redis_url: str) -> None:
    from redis import Redis
    Redis.from_url(redis_url).flushdb()


@dataclass
class Web:
    """gunicorn serving `tree`'s wsgi:app with the web process's own settings."""

    tree: Path
    env: dict[str, str]
    port: int
    process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Web:
        command = [str(ROOT / ".venv/bin/gunicorn"),
                   "--config", str(self.tree / "gunicorn.conf.py"), "--log-level", "warning",
                   "--access-logfile", "/dev/null",
                   "--bind", f"127.0.0.1:{self.port}", "wsgi:app"]
        self.process = subprocess.Popen(command, cwd=self.tree, env=self.env,
                                        start_new_session=True)
        deadline = time.monotonic() + 120  # a shared, busy machine starts slowly
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return self
            time.sleep(0.1)
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *_: object) -> None:
        assert self.process is not None
        stop_group(self.process)


def stop_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@dataclass
class Workers:
    """`count` worker processes of `tree`, with their CPU time (children included)."""

    tree: Path
    env: dict[str, str]
    count: int
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def __enter__(self) -> Workers:
        command = [sys.executable, "-m", "contact_hub", "worker"]
        self.processes = [subprocess.Popen(command, cwd=self.tree, env=self.env,
                                           start_new_session=True) for _ in range(self.count)]
        return self

    def cpu(self) -> float:
        total = 0.0
        for process in self.processes:
            with contextlib.suppress(psutil.NoSuchProcess):
                parent = psutil.Process(process.pid)
                for each in (parent, *parent.children(recursive=True)):
                    with contextlib.suppress(psutil.NoSuchProcess):
                        times = each.cpu_times()
                        total += times.user + times.system
        return total

    def rss_mb(self) -> list[float]:
        return [psutil.Process(p.pid).memory_info().rss / 2**20 for p in self.processes]

    def __exit__(self, *_: object) -> None:
        for process in self.processes:
            stop_group(process)


class Sender:
    """Signed webhooks, each from its own resident; remembers when each was due."""

    def __init__(self, port: int, first: int = 0) -> None:
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.validator = RequestValidator(TOKEN)
        self.numbers = itertools.count(first)
        self.due: dict[str, float] = {}  # sender -> when its webhook was due (monotonic)
        self.answered = 0
        self.errors: list[int] = []
        self.lock = threading.Lock()

    def post(self, conn: http.client.HTTPConnection, n: int) -> None:
        form = form_for(n)
        headers = {"X-Twilio-Signature": self.validator.compute_signature(self.base + PATH, form),
                   "Content-Type": "application/x-www-form-urlencoded"}
        conn.request("POST", PATH, body=urlencode(form), headers=headers)
        response = conn.getresponse()
        response.read()
        with self.lock:
            if response.status == 200:
                self.answered += 1
            else:
                self.errors.append(response.status)

    def run(self, connections: int, total: int | None = None, rate: float | None = None,
            seconds: float | None = None) -> None:
        """`total` webhooks flat out, or at `rate` a second for `seconds` (open loop:
        each is due at its slot, so a stall shows in the latency)."""
        start = time.monotonic() + 0.1
        slots = itertools.count()

        def client() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            while True:
                with self.lock:
                    slot = next(slots)
                    n = next(self.numbers)
                if total is not None and slot >= total:
                    break
                due = time.monotonic()
                if rate is not None and seconds is not None:
                    due = start + slot / rate
                    if due - start >= seconds:
                        break
                    time.sleep(max(0.0, due - time.monotonic()))
                with self.lock:
                    self.due[sender(n)] = due
                self.post(conn, n)
            conn.close()

        threads = [threading.Thread(target=client) for _ in range(connections)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if self.errors:
            raise SystemExit(f"{len(self.errors)} non-200 answers, e.g. {self.errors[:5]}")


def acked(twilio: FakeTwilio) -> dict[str, float]:
    """Resident -> when their acknowledgement reached the fake Twilio (the first one)."""
    first: dict[str, float] = {}
    for request in list(twilio.requests):
        to = request["form"].get("To")
        if to and to not in first:
            first[to] = request["at"]
    return first


def wait_for(twilio: FakeTwilio, residents: set[str], bound: float) -> dict[str, float]:
    deadline = time.monotonic() + bound
    while True:
        seen = acked(twilio)
        if residents <= seen.keys():
            return seen
        if time.monotonic() > deadline:
            raise SystemExit(f"{len(residents - seen.keys())} of {len(residents)} "
                             f"not acknowledged within {bound:.0f} s")
        time.sleep(0.1)


def routed_any(database_url: str) -> bool:
    """Whether a worker has routed a contact yet."""
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return bool(connection.scalar(text(
                "SELECT 1 FROM contacts WHERE status = 'routed' LIMIT 1")))
    finally:
        engine.dispose()


@dataclass
class Capacity:
    rate: float  # contacts a second, first contact routed to last acknowledgement
    cpu_ms: float  # worker CPU per contact, less what they burn idle
    seconds: float
    idle: float  # CPU seconds a second the workers burn with nothing to do


def capacity(tree: Path, workers: int, backlog: int, redis_url: str,
             rss: list[str] | None = None, idle_seconds: float = IDLE_SECONDS) -> Capacity:
    """Take in `backlog` webhooks, then time `workers` workers working them off."""
    twilio = FakeTwilio().start()
    port = free_port()
    env = environment(tree, fresh_database(DB_NAME), redis_url, twilio, port)
    flush(redis_url)
    try:
        with Web(tree, env, port):
            load = Sender(port)
            load.run(16, total=backlog)
            with Workers(tree, env, workers) as running:
                residents = set(load.due)
                # From the first contact routed, not the first acknowledgement: when the
                # acknowledgement is a job of its own it joins the back of the queue the
                # routing jobs are on, so the first one goes out only once (nearly) the whole
                # backlog is routed, and a span from it would count the sends alone.
                while not routed_any(env["DATABASE_URL"]):
                    time.sleep(0.01)
                started = time.monotonic()
                cpu_at_first = running.cpu()
                seen = wait_for(twilio, residents, bound=backlog / 5 + 60)
                cpu = running.cpu() - cpu_at_first
                span = max(seen[r] for r in residents) - started
                # What the workers burn with nothing to do (the hand-off's polling, RQ's
                # scheduler, liveness): on a slow machine a long span would charge it all
                # to the contacts, so it is measured and taken out.
                idle_from = running.cpu()
                time.sleep(idle_seconds)
                idle_rate = (running.cpu() - idle_from) / idle_seconds
                if rss is not None:
                    rss.append(", ".join(f"{r:.0f}" for r in running.rss_mb()))
        per_contact = (cpu - idle_rate * span) / len(residents) * 1000
        return Capacity(len(residents) / span, per_contact, span, idle_rate)
    finally:
        twilio.stop()


@dataclass
class FixedRate:
    rate: float
    backlog: list[int]  # webhooks answered minus acknowledged, once a second
    p50_ms: float
    p99_ms: float
    drained_seconds: float


def fixed_rate(tree: Path, workers: int, rate: float, seconds: float,
               redis_url: str, warm_up: int = WARM_UP) -> FixedRate:
    """Webhooks at `rate` for `seconds` with `workers` workers running."""
    twilio = FakeTwilio().start()
    port = free_port()
    env = environment(tree, fresh_database(DB_NAME), redis_url, twilio, port)
    flush(redis_url)
    try:
        with Web(tree, env, port), Workers(tree, env, workers):
            warm = Sender(port, first=900_000)  # start-up and first-use costs, not counted
            warm.run(4, total=warm_up)
            wait_for(twilio, set(warm.due), bound=60)
            load = Sender(port)
            backlog: list[int] = []
            sampling = threading.Event()

            def sample() -> None:
                while not sampling.wait(1.0):
                    backlog.append(load.answered - (len(acked(twilio)) - len(warm.due)))

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            load.run(max(8, int(rate / 20)), rate=rate, seconds=seconds)
            ended = time.monotonic()
            seen = wait_for(twilio, set(load.due), bound=seconds * 4 + 60)
            drained = time.monotonic() - ended
            sampling.set()
        latencies = [seen[r] - due for r, due in load.due.items()]
        return FixedRate(rate, backlog, statistics.median(latencies) * 1000,
                         percentile(latencies, 0.99) * 1000, drained)
    finally:
        twilio.stop()


def profile_here(contacts: int, redis_url: str) -> dict[str, float]:
    """Worker CPU per contact in ms, broken down, from cProfile in this process (the code
    on sys.path: this tree, or the baseline's through PYTHONPATH)."""
    from contact_hub import jobs
    from contact_hub.app import create_app
    from contact_hub.bootstrap import build
    from contact_hub.clock import system_clock
    from contact_hub.settings import Settings
    from contact_hub.worker import run_worker

    twilio = FakeTwilio().start()
    try:
        flush(redis_url)
        settings = Settings.from_env({
            "DATABASE_URL": fresh_database(DB_NAME), "REDIS_URL": redis_url,
            "TWILIO_AUTH_TOKEN": TOKEN, "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_FROM_NUMBER": "+443300000000", "TWILIO_API_BASE_URL": twilio.url,
            "PUBLIC_BASE_URL": "http://localhost", "LOG_LEVEL": "WARNING",
            "CONTACT_HUB_HOME": tempfile.mkdtemp(prefix="pipeline-")})
        container = build(settings, clock=system_clock)
        jobs.install(container)
        client = create_app(container=container).test_client()
        validator = RequestValidator(TOKEN)

        def take_in(numbers: range) -> None:
            for n in numbers:
                form = form_for(n)
                signature = validator.compute_signature("http://localhost" + PATH, form)
                client.post(PATH, data=urlencode(form), headers={"X-Twilio-Signature": signature},
                            content_type="application/x-www-form-urlencoded")
            while container.inbound.hand_off():
                pass

        def work() -> None:
            # The product's worker (its RQ worker class and queue order), in burst mode: it
            # stops when the queues are empty. (Its one hand-off finds nothing left.)
            run_worker(container, burst=True, sweep=False)

        take_in(range(800_000, 800_020))  # warm up: imports, the model, first connections
        work()
        take_in(range(contacts))
        profiler = cProfile.Profile(time.process_time)
        started = time.process_time()
        profiler.runcall(work)
        total = time.process_time() - started
        container.close()
    finally:
        twilio.stop()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    result = {"total": total / contacts * 1000}
    for label, suffixes, names, inner in PIECES:
        # Time a counted function spends inside another (send from send_now) counts once.
        spent = sum(ct for (path, _, func), v in stats.items()
                    if path.endswith(suffixes) and func in names
                    for caller, (_, _, _, ct) in v[4].items() if caller[2] not in names)
        spent -= sum(v[3] for (path, _, func), v in stats.items()
                     if path.endswith(suffixes) and func in inner)
        result[label] = spent / contacts * 1000
    # `apply` includes the acknowledgement's outbox row; `decide` is inside `route`, not apply
    result["rest"] = result["total"] - sum(result[label] for label, *_ in PIECES)
    return result


def profile(tree: Path, contacts: int, redis_url: str) -> dict[str, float]:
    """`profile_here` in a fresh process running `tree`'s code."""
    output = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--profile-only", str(contacts),
         "--redis-url", redis_url],
        cwd=tree, env={**os.environ, "PYTHONPATH": str(tree), "BENCH_TREE": str(tree)},
        check=True,
        capture_output=True, text=True)
    return dict(json.loads(output.stdout.strip().splitlines()[-1]))


@contextlib.contextmanager
def baseline_tree(ref: str | None) -> Iterator[Path | None]:
    if ref is None:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="pipeline-baseline-"))
    subprocess.run(["git", "worktree", "add", "--detach", str(folder), ref], cwd=ROOT,
                   check=True, capture_output=True)
    (folder / ".venv").symlink_to(ROOT / ".venv")  # its bench helpers run .venv/bin tools
    try:
        yield folder
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT,
                       check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def print_profile(name: str, piece: dict[str, float]) -> None:
    parts = "  ".join(f"{label} {piece[label]:.2f}" for label, *_ in PIECES)
    print(f"  {name:9s} worker CPU per contact {piece['total']:.2f} ms: {parts}  "
          f"rest (RQ, claim, commit) {piece['rest']:.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--backlog", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--fraction", type=float, default=0.8)
    parser.add_argument("--baseline", default=None, help="a commit to compare against")
    parser.add_argument("--idle", type=float, default=IDLE_SECONDS,
                        help="seconds the workers' idle CPU is measured for")
    parser.add_argument("--warm", type=int, default=WARM_UP,
                        help="contacts worked before each fixed-rate run, not counted")
    parser.add_argument("--profile", type=int, default=0, help="contacts to profile (0: none)")
    parser.add_argument("--profile-only", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--redis-url", default=os.environ.get(
        "BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"))
    args = parser.parse_args()
    if args.profile_only:
        print(json.dumps(profile_here(args.profile_only, args.redis_url)))
        return

    print(f"load before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores", flush=True)
    with baseline_tree(args.baseline) as base:
        trees = [("this", ROOT)] + ([("baseline", base)] if base is not None else [])
        if args.profile:
            for name, tree in trees:
                print_profile(name, profile(tree, args.profile, args.redis_url))
        found: dict[tuple[str, int], Capacity] = {}
        for count in (int(w) for w in args.workers.split(",")):
            for name, tree in trees:
                rss: list[str] = []
                found[name, count] = cap = capacity(tree, count, args.backlog, args.redis_url,
                                                    rss, args.idle)
                print(f"{name:9s} {count} worker(s): capacity {cap.rate:6.1f} contacts/s "
                      f"({args.backlog} in {cap.seconds:.1f} s), worker CPU "
                      f"{cap.cpu_ms:.2f} ms/contact (less {cap.idle:.3f} CPU-s/s idle), "
                      f"worker RSS MB {rss[0]}", flush=True)
            if base is not None:
                print(f"  worker CPU per contact this/baseline: "
                      f"{found['this', count].cpu_ms / found['baseline', count].cpu_ms:.2f}; "
                      f"capacity this/baseline: "
                      f"{found['this', count].rate / found['baseline', count].rate:.2f}")
        counts = sorted({c for _, c in found})
        for count in counts[1:]:
            print(f"this: {count} workers / 1 worker capacity: "
                  f"{found['this', count].rate / found['this', counts[0]].rate:.2f}")
        if args.seconds > 0:
            for count in counts:
                rate = found["this", count].rate * args.fraction
                run = fixed_rate(ROOT, count, rate, args.seconds, args.redis_url, args.warm)
                third = max(1, len(run.backlog) // 3)
                growth = (statistics.mean(run.backlog[-third:])
                          - statistics.mean(run.backlog[:third]))
                print(f"this {count} worker(s) at {rate:.0f}/s for {args.seconds:.0f} s: "
                      f"webhook to acknowledgement p50 {run.p50_ms:.0f} ms p99 "
                      f"{run.p99_ms:.0f} ms; backlog each second {run.backlog}; growth "
                      f"{growth:+.0f} (last third - first third); drained "
                      f"{run.drained_seconds:.1f} s after the load stopped", flush=True)
    print(f"load after: {os.getloadavg()[0]:.2f} (1 min)")


if __name__ == "__main__":
    main()
