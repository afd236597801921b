"""Homes import benchmark: `contact-hub import homes` on a generated file of household
members (default 100,000 rows: about 40,000 homes in 4,000 blocks), into a fresh database,
then the same file again (the re-import that upserts everything and creates nothing).
The baseline, timed in the same run on the same file, is reading it with `csv.DictReader`
and nothing else: each import is also given as a multiple of it, which says more than
seconds on a busy machine.

    .venv/bin/python bench/import_homes.py [--rows 100000] [--database-url URL]

Default database: a new SQLite file in a temporary folder. For PostgreSQL pass a URL of a
database you may wipe (its schema is dropped and migrated first), e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/test_homes. The target is under a minute.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from contact_hub.clock import system_clock
from contact_hub.services.homes.importer import HomesImport
from contact_hub.services.homes.rows import COLUMNS
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.db import make_engine, make_session_factory, upgrade

STREETS = ("Mill Road", "Church Lane", "Station Street", "Park Avenue", "Victoria Terrace")
TOWNS = ("Leeds", "Bradford", "Otley", "Wakefield")
NEEDS = ("", "", "", "oxygen user", "two children under 5", "wheelchair user; lives alone")


def write_file(path: Path, rows: int, seed: int = 7) -> None:
    """`rows` household members, 1 to 4 per tenancy, one tenancy per home."""
    chance = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(COLUMNS)
        written = home = 0
        while written < rows:
            home += 1
            block = home // 10
            inward = f"{1 + block % 9}{'ABDEFGHJ'[block % 8]}{'LNPQRS'[home % 6]}"
            postcode = f"LS{1 + block % 28} {inward}"
            for member in range(min(chance.randint(1, 4), rows - written)):
                out.writerow([
                    f"P{home:07d}", str(100_000_000 + home), f"Flat {home % 10 + 1}",
                    f"{block % 200 + 1} {STREETS[block % len(STREETS)]}", TOWNS[block % 4],
                    postcode, f"B{block:05d}", f"Block {block}", "yes" if block % 50 == 0 else "no",
                    f"T{home:07d}", "general_needs", f"Resident {home} {member}",
                    f"+4474{(home * 4 + member) % 100_000_000:08d}",
                    f"r{home}.{member}@example.org", chance.choice(NEEDS),
                ])
                written += 1


def fresh(url: str) -> None:
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    upgrade(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        fresh(url)
        path = Path(folder) / "homes.csv"
        write_file(path, args.rows)
        engine = make_engine(url)
        importer = HomesImport(UnitsOfWork(make_session_factory(engine)), system_clock)
        started = time.perf_counter()
        with path.open(encoding="utf-8", newline="") as stream:
            read = sum(1 for _ in csv.DictReader(stream))
        baseline = time.perf_counter() - started
        print(f"baseline, reading the CSV only: {read} rows in {baseline:.2f} s")
        for label in ("first import", "same file again"):
            started = time.perf_counter()
            with path.open(encoding="utf-8", newline="") as stream:
                report = importer.run(stream)
            seconds = time.perf_counter() - started
            assert report.committed, report.errors[:5] or report.header_error
            print(f"{label}: {report.rows} rows in {seconds:.1f} s "
                  f"({report.rows / seconds:,.0f} rows/s; properties {report.properties_new} new, "
                  f"{report.properties_updated} updated; {report.members} members) "
                  f"on {engine.dialect.name}, {seconds / baseline:.0f}x the baseline")
        engine.dispose()


if __name__ == "__main__":
    main()
