"""Fixtures for the on-call and escalation tests (fake_slack comes from the suite-wide
plugin registered in tests/conftest.py)."""
