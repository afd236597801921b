"""The suite's second and later pytest-xdist workers get databases of their own
(tests/conftest.py), so that no worker resets or reads another's data; the longest files are
handed out first."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import LONGEST_FIRST, _longest_first, _per_worker

ROOT = Path(__file__).resolve().parents[2]


def test_each_worker_after_the_first_has_its_own_databases(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Nothing answers on port 1, so no database is made here.
    monkeypatch.setenv("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/test")
    monkeypatch.setenv("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    monkeypatch.setenv("TEST_E2E_REDIS_URL", "redis://127.0.0.1:6379/14")
    _per_worker("gw2")
    assert os.environ["TEST_DATABASE_URL"] == "postgresql+psycopg://postgres@127.0.0.1:1/test_gw2"
    assert os.environ["TEST_REDIS_URL"] == "redis://127.0.0.1:6379/11"
    assert os.environ["TEST_E2E_REDIS_URL"] == "redis://127.0.0.1:6379/10"


def test_a_redis_url_without_a_database_number_is_left_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/none")
    monkeypatch.setenv("TEST_REDIS_URL", "redis://127.0.0.1:6379")
    monkeypatch.setenv("TEST_E2E_REDIS_URL", "redis://127.0.0.1:6379/0")
    _per_worker("gw1")
    assert os.environ["TEST_REDIS_URL"] == "redis://127.0.0.1:6379"
    assert os.environ["TEST_E2E_REDIS_URL"] == "redis://127.0.0.1:6379/14"  # (0 - 2) mod 16


def test_every_file_named_longest_first_is_there_and_goes_out_in_that_order() -> None:
    """A file renamed or removed would silently fall back to the end of the queue."""
    assert len(set(LONGEST_FIRST)) == len(LONGEST_FIRST)
    assert [path for path in LONGEST_FIRST if not (ROOT / path).is_file()] == []

    class Item:
        def __init__(self, nodeid: str) -> None:
            self.nodeid = nodeid

    items = [Item("tests/unit/test_suite_workers.py::a"), Item(f"{LONGEST_FIRST[1]}::b"),
             Item(f"{LONGEST_FIRST[0]}::c[1]"), Item(f"{LONGEST_FIRST[0]}::c[0]")]
    ordered = sorted(items, key=_longest_first)  # type: ignore[arg-type]
    assert [item.nodeid for item in ordered] == [
        f"{LONGEST_FIRST[0]}::c[1]", f"{LONGEST_FIRST[0]}::c[0]", f"{LONGEST_FIRST[1]}::b",
        "tests/unit/test_suite_workers.py::a"]
