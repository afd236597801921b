"""Memory soak: webhooks at a fixed rate through gunicorn and `contact-hub worker`
processes (as bench/pipeline.py runs them) for `--minutes`, the resident set size of every
web and worker process (their children too) sampled each minute.

    .venv/bin/python bench/soak.py [--minutes 30] [--rate 10] [--workers 2]

Use half the sustained rate bench/pipeline.py measured. Prints one line a minute and, at
the end, each process kind's first and last RSS and the growth between them.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ingest import free_port, fresh_database  # noqa: E402
from bench.pipeline import DB_NAME, Sender, Web, Workers, environment, flush  # noqa: E402
from tests.fakes.twilio_server import FakeTwilio  # noqa: E402


def rss_mb(pid: int) -> float:
    """A process and its children (gunicorn's workers, RQ's scheduler), in MB."""
    parent = psutil.Process(pid)
    return sum(p.memory_info().rss for p in (parent, *parent.children(recursive=True))) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis-url", default=os.environ.get(
        "BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"))
    args = parser.parse_args()
    print(f"load before: {os.getloadavg()[0]:.2f} (1 min)", flush=True)
    twilio = FakeTwilio().start()
    port = free_port()
    env = environment(ROOT, fresh_database(DB_NAME), args.redis_url, twilio, port)
    flush(args.redis_url)
    samples: list[tuple[float, list[float]]] = []
    try:
        with Web(ROOT, env, port) as web, Workers(ROOT, env, args.workers) as workers:
            assert web.process is not None
            load = Sender(port)
            seconds = args.minutes * 60
            driver = threading.Thread(target=load.run, kwargs={
                "connections": 4, "rate": args.rate, "seconds": seconds})
            driver.start()
            started = time.monotonic()
            while driver.is_alive():
                sizes = [rss_mb(web.process.pid)] + [rss_mb(p.pid) for p in workers.processes]
                minute = (time.monotonic() - started) / 60
                samples.append((minute, sizes))
                print(f"minute {minute:4.1f}: web {sizes[0]:.0f} MB, workers "
                      f"{', '.join(f'{s:.0f}' for s in sizes[1:])} MB; "
                      f"{load.answered} taken in, {len(twilio.requests)} acknowledged",
                      flush=True)
                driver.join(timeout=60)
            sizes = [rss_mb(web.process.pid)] + [rss_mb(p.pid) for p in workers.processes]
            samples.append(((time.monotonic() - started) / 60, sizes))
    finally:
        twilio.stop()
    first, last = samples[1][1] if len(samples) > 2 else samples[0][1], samples[-1][1]
    names = ["web"] + [f"worker {n + 1}" for n in range(args.workers)]
    for name, before, after in zip(names, first, last, strict=True):
        print(f"{name}: {before:.0f} MB after the first minute, {after:.0f} MB at the end "
              f"({after - before:+.0f} MB over {samples[-1][0]:.0f} minutes at {args.rate}/s)")
    print(f"load after: {os.getloadavg()[0]:.2f} (1 min)")


if __name__ == "__main__":
    main()
