"""Pytest fixtures for the fake Slack Web API.

Use them from a conftest with `from tests.fakes.slack_fixtures import fake_slack`, or
register them for the whole suite by adding to the top-level tests/conftest.py:

    pytest_plugins = ["tests.fakes.slack_fixtures"]
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.slack_server import FakeSlack


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """A running fake Slack for one test; point `WebClient(base_url=fake_slack.base_url)` at it."""
    with FakeSlack() as slack:
        yield slack
