"""How close can any durable webhook get to a bare Flask endpoint on this machine?

    .venv/bin/python bench/floor.py [--seconds 6] [--connections 32]

Runs, in one go and through the same gunicorn settings as bench/ingest.py: the bare
endpoint, the floor (signature check + one autocommitted INSERT of the raw form:
bench/floor_app.py), the floor plus our adapter's parsing and the router's safety preview,
plus a one-command Redis hand-off, and the real intake (wsgi:app). Prints each one's
requests/second and its ratio to bare, so the intake's ratio can be read against what is
possible at all.
"""

from __future__ import annotations

import argparse
import os

import psycopg
from ingest import REDIS, TOKEN, fresh_database, measure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    args.senders = 0  # a new resident every time, as bench/ingest.py by default
    url = fresh_database()
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as connection:
        connection.execute("CREATE TABLE bench_floor (sid text PRIMARY KEY, form jsonb NOT NULL)")
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": REDIS,
           "TWILIO_AUTH_TOKEN": TOKEN, "LOG_LEVEL": "WARNING"}
    rates = {}
    runs = (("bare", "bench.bare_app:app", ""), ("floor", "bench.floor_app:app", ""),
            ("+parse,preview", "bench.floor_app:app", "parse,preview"),
            ("+redis", "bench.floor_app:app", "parse,preview,redis"), ("ingest", "wsgi:app", ""))
    for name, app, steps in runs:
        rates[name] = len(measure(app, {**env, "FLOOR_STEPS": steps}, args)) / args.seconds
    for name, rate in rates.items():
        print(f"{name:15s} {rate:8.1f} req/s   ratio to bare {rate / rates['bare']:.2f}")


if __name__ == "__main__":
    main()
