"""Each benchmark in bench/ run briefly, so a change that breaks one is seen in CI. The
figures are not checked (a shared machine's speed varies); what is checked is that the
benchmark runs to the end and reports what it measures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.serving import E2E_DB, REDIS_E2E, external_available

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.bench


@pytest.fixture(scope="module", autouse=True)
def _services() -> None:
    if not external_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL and Redis must answer in CI")
        pytest.skip("the benchmarks need PostgreSQL and Redis")


def run(*command: str) -> str:
    # One gunicorn worker: each start imports the app once instead of twice (the figures
    # are not checked; the scripts are).
    env = {**os.environ, "BENCH_REDIS_URL": REDIS_E2E, "BENCH_DATABASE": E2E_DB + "_bench",
           "WEB_CONCURRENCY": "1"}
    done = subprocess.run([sys.executable, *command], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_pipeline_runs_briefly() -> None:
    # A tenth of the capacity for the fixed-rate run: a backlog of 20 is worked off in a few
    # hundredths of a second, so the capacity it shows is several hundred a second, and half
    # of that for 2 s left a single worker hundreds of contacts to drain (about 6 s more).
    out = run("bench/pipeline.py", "--workers", "1", "--backlog", "20", "--seconds", "2",
              "--fraction", "0.1", "--profile", "5", "--idle", "1", "--warm", "5")
    assert "1 worker(s): capacity" in out and "worker CPU per contact" in out
    assert "webhook to acknowledgement p50" in out


def test_time_to_alert_under_load_runs_briefly() -> None:
    out = run("bench/time_to_alert.py", "--under-load", "--backlog", "40", "--alerts", "2",
              "--load", "5", "--workers", "1")
    assert "Slack post: 2 emergencies" in out and "SMS page: 2 emergencies" in out


def test_soak_runs_briefly() -> None:
    out = run("bench/soak.py", "--minutes", "0.1", "--rate", "5", "--workers", "1")
    assert "web:" in out and "worker 1:" in out and "MB at the end" in out


def test_floor_and_ingest_run_briefly() -> None:
    floor = run("bench/floor.py", "--rounds", "1", "--seconds", "1", "--connections", "4")
    assert "ingest" in floor and "ratio to bare" in floor and "intake/floor" in floor
    ingest = run("bench/ingest.py", "--rounds", "1", "--seconds", "1", "--connections", "4")
    assert "ratio ingest/bare throughput" in ingest


def test_classify_reports_every_rate_in_one_run() -> None:
    out = run("bench/classify.py", "0.2")
    for name in ("rules", "model", "combined", "batched"):
        assert f"{name}:" in out
    assert out.count("classifications/sec of CPU") == 4
