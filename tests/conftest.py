"""Suite-wide fixtures. Database, Redis and app fixtures live in tests/integration/conftest.py
so the pure unit tests import nothing but what they test.

On a machine without PostgreSQL (or, for the end-to-end copies, PostgreSQL and Redis), the
copies of tests that need them are left out at collection with ONE summary line each,
instead of a skip line per test; in CI they must run (their fixtures fail if nothing answers).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from typing import Any

import pytest


def _per_worker(worker: str) -> None:
    """Under `pytest -n N` (pytest-xdist, the README's command) each worker but the first gets
    its own PostgreSQL database and Redis databases, so that no worker resets or reads another's
    data: `test` becomes `test_gw1` (made here when PostgreSQL answers), Redis database 15
    (and 14 for the end-to-end copies) becomes 13 (12), and so on two at a time."""
    n = int(worker[2:])
    pg = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    base, name = pg.rsplit("/", 1)
    os.environ["TEST_DATABASE_URL"] = f"{base}/{name}_{worker}"
    for variable, default in (("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
                              ("TEST_E2E_REDIS_URL", "redis://127.0.0.1:6379/14")):
        url = os.environ.get(variable, default)
        match = re.fullmatch(r"(.*/)(\d+)", url)
        if match:
            os.environ[variable] = f"{match.group(1)}{(int(match.group(2)) - 2 * n) % 16}"
    from sqlalchemy import create_engine, text  # noqa: PLC0415 - only under xdist
    from sqlalchemy.exc import OperationalError  # noqa: PLC0415

    try:
        engine = create_engine(pg, isolation_level="AUTOCOMMIT",
                               connect_args={"connect_timeout": 2})
        with engine.connect() as connection:
            exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                        {"n": f"{name}_{worker}"}).first()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{name}_{worker}"'))
        engine.dispose()
    except OperationalError:
        pass  # no PostgreSQL here: its copies of the tests are left out (or fail in CI)


_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if re.fullmatch(r"gw\d+", _WORKER) and _WORKER != "gw0":
    _per_worker(_WORKER)

pytest_plugins = [
    "tests.fakes.slack_fixtures",
    "tests.fakes.meta_graph_server",
    "tests.fakes.media_host",
    "tests.integration.escalation_fixtures",
    "tests.integration.ews_fixtures",
]

# (fixture, parameter that needs the services, why, how to tell they answer)
NEEDS_SERVICES: list[tuple[str, str, str, Callable[[], bool]]] = []


def _postgres() -> bool:
    from tests.integration.conftest import _postgres_available  # noqa: PLC0415 - only if needed

    return _postgres_available()


def _postgres_and_redis() -> bool:
    from tests.e2e.serving import external_available  # noqa: PLC0415 - only if needed

    return external_available()


NEEDS_SERVICES += [
    ("database_url", "postgres", "PostgreSQL is not available", _postgres),
    ("service", "external", "PostgreSQL or Redis is not available for the end-to-end copies",
     _postgres_and_redis),
]
_left_out: list[str] = []


# The files that take longest, longest first (seconds per file with the suite on four
# processes, from --durations at session 36's start; the benchmarks and end-to-end files took
# about half that once processes stopped loading what they do not use). xdist runs each file on
# one process (--dist loadfile) and hands files out in collection order (--no-loadscope-reorder,
# pyproject.toml): its default order, most tests first, left the few-test files that start
# services (the benchmarks, the end-to-end runs, the browsers) to the end, where each ran on
# alone for minutes. Files not named here keep their order after these.
LONGEST_FIRST = (
    "tests/bench/test_smoke.py",  # 340 s
    "tests/unit/routing/test_explanations.py",  # 300 s: every corpus, every pattern
    "tests/unit/routing/test_route_many.py",  # 250 s: every corpus, two ways
    "tests/e2e/test_serve_sms.py",  # 240 s
    "tests/unit/routing/test_corpus.py",
    "tests/e2e/test_first_hour.py",  # 130 s
    "tests/e2e/test_serve_meta.py",  # 130 s
    "tests/unit/routing/test_booster.py",  # 90 s
    "tests/browser/test_handlers_and_managers.py",  # 90 s
    "tests/unit/routing/test_emergency_floor.py",  # 80 s
    "tests/browser/test_agents.py",  # 75 s
    "tests/integration/test_chaos.py",  # 65 s
    "tests/integration/test_email_backlog_faults.py",  # 60 s
    "tests/browser/test_entra_sign_in.py",  # 60 s
    "tests/unit/routing/test_held_out.py",
    "tests/integration/test_emergency_priority.py",  # 50 s
    "tests/unit/routing/test_model_artefact.py",
    "tests/integration/test_paging_independent.py",
    "tests/integration/test_redis_outage.py",
    "tests/integration/test_api_fuzz.py",
)


def _longest_first(item: pytest.Item) -> int:
    path = item.nodeid.split("::", 1)[0]
    return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=_longest_first)  # stable: each file's tests keep their order
    if os.environ.get("CI"):
        return
    for fixture, param, why, available in NEEDS_SERVICES:
        needing = [item for item in items if _param(item, fixture) == param]
        if not needing or available():
            continue
        config.hook.pytest_deselected(items=needing)
        chosen = set(map(id, needing))
        items[:] = [item for item in items if id(item) not in chosen]
        _left_out.append(f"{why}: {len(needing)} tests needing it were left out")


def _param(item: pytest.Item, fixture: str) -> Any:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get(fixture) if callspec is not None else None


def pytest_sessionfinish(session: pytest.Session) -> None:
    """An xdist worker hands what it left out to the controller, which prints the summary."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["left_out"] = json.dumps(_left_out)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    for line in json.loads(getattr(node, "workeroutput", {}).get("left_out", "[]")):
        if line not in _left_out:  # every worker collects every test: say it once
            _left_out.append(line)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for line in _left_out:
        terminalreporter.write_line(f"LEFT OUT {line}")
