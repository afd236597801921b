"""INCIDENT_GROUPING_MINUTES: how long after the latest report another report of the same
hazard from the same building joins the open alert instead of paging again."""

from __future__ import annotations

from dataclasses import replace

import pytest

from contact_hub.settings import Settings, SettingsError
from tests.integration.test_homes_whereabouts import DOT, PRIYA, SAM, agent, sms  # noqa: F401

GAS = "Strong smell of gas on the landing outside the flats"


@pytest.fixture
def settings(settings: Settings, request: pytest.FixtureRequest) -> Settings:
    return replace(settings, incident_grouping_minutes=getattr(request, "param", 30))


def block_alerts(client, headers) -> list[dict]:
    return [a for a in client.get("/api/v1/alerts", headers=headers).json["items"]
            if a["place"] and a["place"]["block"] == "MILL-HOUSE"]


def test_a_report_within_the_window_joins_and_one_after_it_opens_its_own(
    client, twilio, run_jobs, agent, clock,  # noqa: F811
):
    sms(client, twilio, GAS, "SM1", DOT)
    run_jobs()
    clock.advance(minutes=29)
    sms(client, twilio, GAS, "SM2", SAM)  # 29 minutes after the latest report: joins
    run_jobs()
    assert len(block_alerts(client, agent)) == 1

    clock.advance(minutes=31)  # 31 minutes after the latest report: a new page
    sms(client, twilio, GAS, "SM3", PRIYA)
    run_jobs()
    alerts = block_alerts(client, agent)
    assert len(alerts) == 2
    assert sorted(len(client.get(f"/api/v1/alerts/{a['id']}", headers=agent).json["contacts"])
                  for a in alerts) == [1, 2]


@pytest.mark.parametrize("settings", [0], indirect=True)
def test_a_window_of_zero_pages_for_every_report(client, twilio, run_jobs, agent):  # noqa: F811
    sms(client, twilio, GAS, "SM1", DOT)
    sms(client, twilio, GAS, "SM2", SAM)
    run_jobs()
    assert len(block_alerts(client, agent)) == 2


def test_the_setting_is_checked_at_start():
    with pytest.raises(SettingsError, match="INCIDENT_GROUPING_MINUTES"):
        Settings.from_env({"INCIDENT_GROUPING_MINUTES": "-5"})
