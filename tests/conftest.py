"""Fixtures for the database, Redis and app live in tests/integration/conftest.py."""
