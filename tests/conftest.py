"""Suite-wide fixtures. Database, Redis and app fixtures live in tests/integration/conftest.py
so the pure unit tests import nothing but what they test."""

pytest_plugins = [
    "tests.fakes.slack_fixtures",
    "tests.fakes.meta_graph_server",
    "tests.integration.escalation_fixtures",
]
