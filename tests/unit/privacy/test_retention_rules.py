"""Retention rules and complaint anonymisation are pure: dates in, dates out; a document in,
the same shape out with nobody's name or words left."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from contact_hub.domain.complaints import decline
from contact_hub.domain.complaints.model import Advocate, Complainant, Exclusion, ExclusionGround
from contact_hub.domain.complaints.serialisation import complaint_from_dict, complaint_to_dict
from contact_hub.domain.privacy.retention import (
    REMOVED,
    RetentionPolicy,
    anonymise_complaint_document,
    is_due,
)
from contact_hub.settings import Settings, SettingsError
from tests.unit.complaints.builders import FAR_FUTURE, acknowledged, received, responded, utc

POLICY = RetentionPolicy()


def test_defaults_are_six_years_and_seven_for_building_safety_act_cases():
    closed = datetime(2026, 11, 23, 15, tzinfo=UTC)
    assert POLICY.contact_expires_on(closed) == date(2032, 11, 23)
    assert POLICY.complaint_expires_on(closed, bsa_relevant=False) == date(2032, 11, 23)
    assert POLICY.complaint_expires_on(closed, bsa_relevant=True) == date(2033, 11, 23)


def test_due_on_the_expiry_day_in_london_time():
    expires = date(2032, 11, 23)
    assert not is_due(expires, datetime(2032, 11, 22, 23, 59, tzinfo=UTC))
    assert is_due(expires, datetime(2032, 11, 23, 0, 1, tzinfo=UTC))
    # 23:30 UTC on 30 June is already 1 July in London (BST)
    assert is_due(date(2032, 7, 1), datetime(2032, 6, 30, 23, 30, tzinfo=UTC))


def test_a_leap_day_expires_on_28_february():
    assert POLICY.contact_expires_on(datetime(2028, 2, 29, 12, tzinfo=UTC)) == date(2034, 2, 28)
    assert POLICY.contact_cutoff(datetime(2032, 2, 29, 12, tzinfo=UTC)).date() == date(2026, 2, 28)


def _closed_case_document() -> dict:
    advocate = Complainant(name="Mr Tom Reid", resident_id="R-2002", advocate=Advocate(
        name="Sara Khan", relationship="daughter", authorised_on=date(2026, 2, 1)))
    complaint = responded(acknowledged(received(utc(2026, 3, 2), complainant=advocate),
                                       utc(2026, 3, 3)), utc(2026, 3, 10))
    return json.loads(json.dumps(complaint_to_dict(complaint)))


def test_anonymising_a_case_leaves_no_name_or_words_and_still_loads():
    document = _closed_case_document()
    words = ("Mr Tom Reid", "Sara Khan", "daughter", "I am fed up", "kitchen leak",
             "Repair the leak", "contractor missed two appointments")
    assert all(word in json.dumps(document) for word in words)

    anonymised = anonymise_complaint_document(document)

    text = json.dumps(anonymised)
    assert [word for word in words if word in text] == []
    loaded = complaint_from_dict(anonymised)  # the reports read every case
    assert loaded.complainant.name == REMOVED and loaded.complainant.resident_id == "R-2002"
    assert loaded.status.value == "responded" and loaded.stage == 1
    assert loaded.received_at == utc(2026, 3, 2)
    assert [e.kind for e in loaded.timeline] == [e["kind"] for e in document["timeline"]]
    assert document["complainant"]["name"] == "Mr Tom Reid"  # the input is not changed


def test_a_declined_case_loses_its_explanation_but_keeps_its_ground():
    complaint = decline(
        received(utc(2026, 3, 2)),
        exclusions=(Exclusion(ExclusionGround.OTHER_APPEAL_ROUTE, "First-tier Tribunal"),),
        explanation="Service charge levels go to the tribunal.", at=utc(2026, 3, 3),
        now=FAR_FUTURE, actor="h").complaint

    loaded = complaint_from_dict(anonymise_complaint_document(complaint_to_dict(complaint)))

    assert loaded.declined is not None
    assert loaded.declined.exclusions[0].ground is ExclusionGround.OTHER_APPEAL_ROUTE
    assert "tribunal" not in json.dumps(complaint_to_dict(loaded)).lower()


def test_retention_settings_default_and_refuse_less_than_the_law():
    settings = Settings.from_env({})
    assert (settings.retention_contact_years, settings.retention_complaint_years,
            settings.retention_bsa_complaint_years, settings.retention_hazard_years,
            settings.retention_interval_hours) == (6, 6, 7, 6, 24)
    assert Settings.from_env({"RETENTION_INTERVAL_HOURS": "0"}).retention_interval_hours == 0
    with pytest.raises(SettingsError, match="RETENTION_BSA_COMPLAINT_YEARS"):
        Settings.from_env({"RETENTION_BSA_COMPLAINT_YEARS": "6"})
    with pytest.raises(SettingsError, match="RETENTION_CONTACT_YEARS"):
        Settings.from_env({"RETENTION_CONTACT_YEARS": "0"})
    with pytest.raises(SettingsError, match="RETENTION_COMPLAINT_YEARS"):
        Settings.from_env({"RETENTION_COMPLAINT_YEARS": "six"})
