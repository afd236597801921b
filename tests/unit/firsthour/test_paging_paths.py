"""Fail closed on paging: what cannot page anyone is named, and the start refused in
production unless someone says so."""

from __future__ import annotations

import pytest

from contact_hub.domain.alerts.paging import PagingPaths, problems
from contact_hub.settings import Settings, SettingsError

PRODUCTION = {"CONTACT_HUB_ENV": "production", "DATABASE_URL": "postgresql://db/x",
              "REDIS_URL": "redis://r:6379/0", "PUBLIC_BASE_URL": "https://hub.example.org",
              "SECRET_KEY": "s" * 32}
TWILIO = {"TWILIO_ACCOUNT_SID": "AC" + "0" * 32, "TWILIO_AUTH_TOKEN": "t",
          "TWILIO_FROM_NUMBER": "+443300000000"}


def test_nothing_configured_names_every_path_and_says_nobody_can_be_paged():
    paths = Settings.from_env({}).paging_paths
    found = problems(paths, someone_on_call_now=False)
    assert any("ONCALL_ROTA_FILE" in p and "ONCALL_FALLBACK_NUMBER" in p for p in found)
    assert any(p.startswith("Twilio is not configured") for p in found)
    assert any(p.startswith("Slack is not configured") for p in found)
    assert any(p.startswith("NOBODY CAN BE PAGED") for p in found)
    assert not paths.anyone_reachable(someone_on_call_now=False)


def test_a_fallback_number_with_twilio_is_enough_to_page():
    paths = Settings.from_env({**TWILIO, "ONCALL_FALLBACK_NUMBER": "+447700900001"}).paging_paths
    assert paths.anyone_reachable(someone_on_call_now=False)
    assert not any("NOBODY" in p for p in problems(paths, someone_on_call_now=False))


def test_slack_alone_reaches_the_channel():
    paths = PagingPaths(slack=True, phone_delivery="none", rota=False, fallback_number=False)
    assert paths.anyone_reachable(someone_on_call_now=False)


def test_a_rota_with_nobody_on_call_now_and_no_fallback_is_named():
    paths = PagingPaths(slack=False, phone_delivery="twilio", rota=True, fallback_number=False)
    found = problems(paths, someone_on_call_now=False)
    assert "nobody on the rota is on call now and there is no fallback number" in found
    assert any(p.startswith("NOBODY CAN BE PAGED") for p in found)
    assert paths.anyone_reachable(someone_on_call_now=True)


def test_in_production_a_dry_run_pages_nobody():
    paths = Settings.from_env({**PRODUCTION, "ONCALL_FALLBACK_NUMBER": "+447700900001"}
                              ).paging_paths
    assert paths.phone_delivery == "none"
    assert not paths.anyone_reachable(someone_on_call_now=True)


def test_production_refuses_to_start_with_no_rota_and_no_fallback():
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({**PRODUCTION, **TWILIO})
    assert str(raised.value).startswith("ONCALL_ROTA_FILE or ONCALL_FALLBACK_NUMBER:")
    assert "ALLOW_NO_ONCALL" in str(raised.value)


@pytest.mark.parametrize("extra", [{"ALLOW_NO_ONCALL": "true"},
                                   {"ONCALL_FALLBACK_NUMBER": "+447700900001"},
                                   {"ONCALL_ROTA_FILE": "/etc/contact-hub/rota.yaml"}])
def test_production_starts_with_a_rota_a_fallback_or_an_explicit_allowance(extra):
    assert Settings.from_env({**PRODUCTION, **TWILIO, **extra}).environment == "production"


def test_the_embedded_dry_run_starts_with_nothing():
    assert Settings.from_env({}).paging_paths.phone_delivery == "dry_run"


def test_allow_no_oncall_must_be_true_or_false():
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({"ALLOW_NO_ONCALL": "perhaps"})
    assert str(raised.value).startswith("ALLOW_NO_ONCALL:")
