"""The suite's second and later pytest-xdist workers get databases of their own
(tests/conftest.py), so that no worker resets or reads another's data."""

from __future__ import annotations

import os

import pytest

from tests.conftest import _per_worker


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
