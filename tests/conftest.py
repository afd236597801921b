"""Suite-wide fixtures. Database, Redis and app fixtures live in tests/integration/conftest.py
so the pure unit tests import nothing but what they test.

On a machine without PostgreSQL (or, for the end-to-end copies, PostgreSQL and Redis), the
copies of tests that need them are left out at collection with ONE summary line each,
instead of a skip line per test; in CI they must run (their fixtures fail if nothing answers).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
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


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for line in _left_out:
        terminalreporter.write_line(f"LEFT OUT {line}")
