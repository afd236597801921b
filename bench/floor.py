"""How close can any durable webhook get to a bare Flask endpoint on this machine?

    .venv/bin/python bench/floor.py [--rounds 3] [--seconds 6] [--connections 32]

Runs, in one go and through the same gunicorn settings as bench/ingest.py: the bare
endpoint, the floor (signature check + one autocommitted INSERT of the raw form:
bench/floor_app.py), the floor plus our adapter's parsing and the router's safety preview,
plus a one-command Redis hand-off, and the real intake (wsgi:app). Prints each one's
requests/second and its ratio to bare, so the intake's ratio can be read against what is
possible at all. The five are measured `--rounds` times, in reverse order every other
round (this machine's speed drifts from one ten seconds to the next); each round's
intake/floor ratio compares neighbours, and the median of the rounds is the figure.
"""

from __future__ import annotations

import argparse
import os
import statistics

import psycopg
from ingest import COSTS, REDIS, TOKEN, Cost, fresh_database, measure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    args.senders = 0  # a new resident every time, as bench/ingest.py by default
    url = fresh_database()
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as connection:
        connection.execute("CREATE TABLE bench_floor (sid text PRIMARY KEY, form jsonb NOT NULL)")
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": REDIS,
           "TWILIO_AUTH_TOKEN": TOKEN, "LOG_LEVEL": "WARNING"}
    runs = (("bare", "bench.bare_app:app", ""), ("floor", "bench.floor_app:app", ""),
            ("+parse,preview", "bench.floor_app:app", "parse,preview"),
            ("+redis", "bench.floor_app:app", "parse,preview,redis"), ("ingest", "wsgi:app", ""))
    rates: dict[str, list[float]] = {name: [] for name, _, _ in runs}
    for n in range(args.rounds):
        for name, app, steps in (runs if n % 2 == 0 else runs[::-1]):
            served = measure(app, {**env, "FLOOR_STEPS": steps}, args)
            rates[name].append(len(served) / args.seconds)
        print(f"round {n + 1}: " + "  ".join(f"{name} {r[-1]:.0f}" for name, r in rates.items()),
              flush=True)
    bare = statistics.median(rates["bare"])
    for name, rate in rates.items():
        print(f"{name:15s} {statistics.median(rate):8.1f} req/s (median)   ratio to bare "
              f"{statistics.median(rate) / bare:.2f}")
    print("CPU per request, all rounds (where the time goes; the load generator shares the "
          "cores):")
    for name, app, steps in runs:
        costs = COSTS[app + steps]
        total = Cost(sum(c.web for c, _ in costs), sum(c.database for c, _ in costs),
                     sum(c.client for c, _ in costs))
        print(f"{name:15s} {total.per_request(sum(n for _, n in costs))}")
    ratios = [i / f for i, f in zip(rates["ingest"], rates["floor"], strict=True)]
    print(f"intake/floor: median {statistics.median(ratios):.2f} of rounds "
          f"{', '.join(f'{r:.2f}' for r in ratios)} (target >= 0.85)")

if __name__ == "__main__":
    main()
