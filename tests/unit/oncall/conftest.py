"""Fixtures for the on-call and escalation tests."""

from tests.fakes.slack_fixtures import fake_slack

__all__ = ["fake_slack"]
