"""Schemathesis against /api/v1/openapi.json: every documented operation, with valid and
invalid parameters and bodies generated from the document, called by an admin (who may
call everything), answers without a 5xx.

Bounded for CI: FUZZ_EXAMPLES cases per operation (default 4; set more for a deeper run),
on PostgreSQL (stricter than SQLite: integer overflow, NUL in text) when it answers.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode

from tests.helpers import sms_form
from tests.integration.conftest import _postgres_available

EXAMPLES_PER_OPERATION = int(os.environ.get("FUZZ_EXAMPLES", "4"))


def fuzz(app: Any, headers: dict[str, str], examples: int) -> list[str]:
    """Call every documented operation with generated cases; the ones answering 5xx."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20
    failures: list[str] = []
    for operation in operations:
        cases = (operation.as_strategy(generation_mode=GenerationMode.POSITIVE)
                 | operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))

        @given(case=cases)
        @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                  phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck))
        def call(case: Any) -> None:
            response = case.call(headers=headers)
            if response.status_code >= 500:
                failures.append(f"{case.as_curl_command()} -> {response.status_code} "
                                f"{response.text[:300]}")

        call()
    return failures


def test_no_api_operation_answers_a_server_error(
    app: Any, client: Any, container: Any, twilio: Any, run_jobs: Any, database_url: str
) -> None:
    if database_url.startswith("sqlite") and _postgres_available():
        pytest.skip("fuzzed once, on PostgreSQL")
    for n, text in enumerate(["Tap dripping", "I smell gas", "I want to complain"]):
        twilio.post(client, "/webhooks/twilio/sms", sms_form(text, sid=f"SMfuzz{n}"))
    run_jobs()  # a few real records, so generated ids sometimes find one
    admin = {"Authorization": "Bearer " + container.tokens.create("admin", "fuzzer")}

    assert fuzz(app, admin, EXAMPLES_PER_OPERATION) == []
