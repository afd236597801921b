"""Categories, causes, lessons, improvements and the independent-investigation rule."""

from __future__ import annotations

from datetime import date

import pytest

from contact_hub.domain.complaints import (
    Classification,
    IndependenceTrigger,
    InvalidTransition,
    OmbudsmanCase,
    OmbudsmanDetermination,
    Person,
    ServiceImprovement,
    Status,
    acknowledge,
    assign_handler,
    withdraw,
)
from contact_hub.domain.complaints.serialisation import complaint_from_dict, complaint_to_dict
from contact_hub.domain.privacy.retention import REMOVED, anonymise_complaint_document
from contact_hub.domain.reports import learning
from contact_hub.domain.reports.categories import parse_vocabulary
from contact_hub.domain.reports.independence import IndependenceRule, parse_triggers
from tests.unit.complaints.builders import (
    CALENDAR,
    DEFINITION,
    FAR_FUTURE,
    acknowledged,
    received,
    utc,
)

from .seeded_year import VOCABULARY, classify, seeded_year

REPAIRS_PERSON = Person(id="h-r", name="Rae", team="Repairs")
OUTSIDER = Person(id="h-o", name="Oli", team="Customer services")


def test_a_child_flags_independent_investigation_and_the_team_concerned_is_refused() -> None:
    c = classify(received(utc(2026, 9, 1)), utc(2026, 9, 1, 12), "repairs", "property_services",
                 IndependenceTrigger.INVOLVES_CHILD, team="Repairs")
    assert c.independent_investigation is not None
    assert c.independent_investigation.reasons == (IndependenceTrigger.INVOLVES_CHILD,)
    assert c.timeline[-1].kind == "classified"
    assert c.timeline[-1].details["independent_investigation"] == ["involves_child"]
    with pytest.raises(InvalidTransition, match="team other than Repairs"):
        acknowledge(c, at=utc(2026, 9, 2), now=FAR_FUTURE, actor="h", handler=REPAIRS_PERSON,
                    definition=DEFINITION, calendar=CALENDAR)
    unnamed_team = Person(id="h-x", name="Xan")
    with pytest.raises(InvalidTransition):
        acknowledge(c, at=utc(2026, 9, 2), now=FAR_FUTURE, actor="h", handler=unnamed_team,
                    definition=DEFINITION, calendar=CALENDAR)
    ok = acknowledge(c, at=utc(2026, 9, 2), now=FAR_FUTURE, actor="h", handler=OUTSIDER,
                     definition=DEFINITION, calendar=CALENDAR).complaint
    assert ok.handler == OUTSIDER and not ok.needs_independent_handler


def test_a_flag_after_acknowledgement_is_kept_and_asks_for_reassignment() -> None:
    c = acknowledged(received(utc(2026, 9, 1)), utc(2026, 9, 2), REPAIRS_PERSON)
    c = classify(c, utc(2026, 9, 3), "repairs", "property_services",
                 IndependenceTrigger.DISCRIMINATION, team="repairs")
    assert c.needs_independent_handler
    assert complaint_to_dict(c)["needs_independent_handler"] is True
    c = assign_handler(c, handler=OUTSIDER, at=utc(2026, 9, 4), now=FAR_FUTURE,
                       actor="manager").complaint
    assert not c.needs_independent_handler


def test_a_recorded_safeguarding_concern_flags_without_being_named_again() -> None:
    c = received(utc(2026, 9, 1), concerns_safeguarding=True)
    with pytest.raises(InvalidTransition, match="subject_team"):
        classify(c, utc(2026, 9, 1, 12), "repairs", "property_services")
    c = classify(c, utc(2026, 9, 1, 12), "repairs", "property_services", team="Repairs")
    assert c.independent_investigation is not None
    assert c.independent_investigation.reasons == (IndependenceTrigger.SAFEGUARDING,)


def test_the_rule_is_configurable() -> None:
    rule = IndependenceRule(parse_triggers("serious_injury,involves_child"))
    c = received(utc(2026, 9, 1))
    found = (IndependenceTrigger.DATA_PROTECTION,)
    assert rule.assess(c, found, "Repairs", "") is None  # not a configured trigger
    assert parse_triggers("none") == frozenset()
    assert parse_triggers("") == parse_triggers("all") == frozenset(IndependenceTrigger)
    with pytest.raises(ValueError, match="INDEPENDENT_INVESTIGATION_TRIGGERS"):
        parse_triggers("serious_injury,gossip")


def test_only_configured_categories_and_areas_are_accepted() -> None:
    c = received(utc(2026, 9, 1))
    with pytest.raises(InvalidTransition, match="category 'gardening' is not one of"):
        learning.classify(c, classification=Classification("property_services", "gardening"),
                          triggers=(), subject_team=None, detail="", vocabulary=VOCABULARY,
                          rule=IndependenceRule(), at=utc(2026, 9, 1, 12), now=FAR_FUTURE,
                          actor="h")
    assert parse_vocabulary("repairs=Repairs, damp=Damp and mould", "X") == (
        ("repairs", "Repairs"), ("damp", "Damp and mould"))
    with pytest.raises(ValueError, match="listed twice"):
        parse_vocabulary("a=A,a=B", "COMPLAINT_CATEGORIES")
    with pytest.raises(ValueError, match="not a code"):
        parse_vocabulary("Bad Code=X", "COMPLAINT_CATEGORIES")


def test_improvements_need_an_owner_and_are_done_once() -> None:
    c = received(utc(2026, 9, 1))
    blank_owner = ServiceImprovement("I", "Text residents before visits", " ", date(2026, 12, 1))
    with pytest.raises(InvalidTransition, match="who owns"):
        learning.agree_improvement(c, improvement=blank_owner, at=utc(2026, 9, 2),
                                   now=FAR_FUTURE, actor="h")
    good = ServiceImprovement("I", "Text residents before visits", "Head of Repairs",
                              date(2026, 12, 1), lesson_id="nope")
    with pytest.raises(InvalidTransition, match="no lesson nope"):
        learning.agree_improvement(c, improvement=good, at=utc(2026, 9, 2), now=FAR_FUTURE,
                                   actor="h")


def test_ombudsman_dates_must_be_in_order() -> None:
    c = received(utc(2026, 9, 1))
    bad = OmbudsmanCase(referred_on=date(2026, 10, 1), ombudsman_reference="1",
                        determination=OmbudsmanDetermination.MALADMINISTRATION,
                        determined_on=date(2026, 9, 1))
    with pytest.raises(InvalidTransition, match="before the referral"):
        learning.record_ombudsman(c, case=bad, at=utc(2026, 11, 1), now=FAR_FUTURE, actor="a")
    half = OmbudsmanCase(referred_on=date(2026, 10, 1), ombudsman_reference="1",
                         determination=OmbudsmanDetermination.MALADMINISTRATION)
    with pytest.raises(InvalidTransition, match="together"):
        learning.record_ombudsman(c, case=half, at=utc(2026, 11, 1), now=FAR_FUTURE, actor="a")


def test_withdrawal_stops_the_case_and_only_before_the_response() -> None:
    c = withdraw(received(utc(2026, 9, 1)), at=utc(2026, 9, 2), now=FAR_FUTURE, actor="h",
                 reason="resolved by phone").complaint
    assert c.status is Status.WITHDRAWN and not c.is_open
    with pytest.raises(InvalidTransition, match="only a complaint awaiting"):
        withdraw(c, at=utc(2026, 9, 3), now=FAR_FUTURE, actor="h", reason="again")


def test_learning_survives_storage_round_trip() -> None:
    for complaint in seeded_year():
        assert complaint_from_dict(complaint_to_dict(complaint)) == complaint


def test_anonymising_a_case_removes_the_words_of_its_learning_and_it_still_loads() -> None:
    case = next(c for c in seeded_year() if c.reference == "CMP-B")
    loaded = complaint_from_dict(anonymise_complaint_document(complaint_to_dict(case)))
    assert loaded.lessons[0].text == REMOVED
    assert loaded.root_causes[0].detail == REMOVED
    assert loaded.improvements[0].description == REMOVED
    assert loaded.ombudsman is not None and loaded.ombudsman.orders == (REMOVED,)
    assert loaded.classification == case.classification  # codes, not words: kept for reports
