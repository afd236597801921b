"""GRAPH_* settings: all or nothing, validated at start with the variable named."""

from __future__ import annotations

import pytest

from contact_hub.bootstrap import build_transports
from contact_hub.settings import DEFAULT_GRAPH_API, DEFAULT_GRAPH_LOGIN, Settings, SettingsError

GRAPH = {
    "GRAPH_TENANT_ID": "bb8775a4-4d8c-42cf-a1d4-4d58c2bb668f",
    "GRAPH_CLIENT_ID": "0f1e2d3c-aaaa-bbbb-cccc-1234567890ab",
    "GRAPH_CLIENT_SECRET": "app-secret-value",
    "GRAPH_MAILBOX": "housing@magna.example",
    "GRAPH_CLIENT_STATE": "client-state-value",
}


def test_with_nothing_set_email_is_off_and_dry_run_covers_it():
    settings = Settings.from_env({})
    assert not settings.graph_email_enabled
    name, transports = build_transports(settings)
    assert name == "dry_run" and transports["email"].send  # acknowledgements show as simulated


def test_a_full_set_turns_email_on_with_the_default_endpoints():
    settings = Settings.from_env(GRAPH)
    assert settings.graph_email_enabled
    assert settings.graph_api_base_url == DEFAULT_GRAPH_API
    assert settings.graph_login_base_url == DEFAULT_GRAPH_LOGIN


@pytest.mark.parametrize("missing", sorted(GRAPH))
def test_a_partial_set_is_an_error_naming_what_is_missing(missing):
    env = {k: v for k, v in GRAPH.items() if k != missing}
    with pytest.raises(SettingsError, match=f"^{missing}: required"):
        Settings.from_env(env)


def test_secrets_never_reach_repr():
    text = repr(Settings.from_env(GRAPH))
    assert "app-secret-value" not in text and "client-state-value" not in text


@pytest.mark.parametrize(
    ("changes", "name"),
    [
        ({"GRAPH_MAILBOX": "housing"}, "GRAPH_MAILBOX"),
        ({"GRAPH_CLIENT_STATE": "x" * 129}, "GRAPH_CLIENT_STATE"),
        ({"GRAPH_API_BASE_URL": "ftp://graph"}, "GRAPH_API_BASE_URL"),
        ({"GRAPH_LOGIN_BASE_URL": "login"}, "GRAPH_LOGIN_BASE_URL"),
    ],
)
def test_malformed_values_are_named(changes, name):
    with pytest.raises(SettingsError, match=f"^{name}"):
        Settings.from_env({**GRAPH, **changes})
