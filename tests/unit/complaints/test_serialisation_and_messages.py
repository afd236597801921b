"""Persistence round-trip, index fields, and the letters residents receive."""

import json
from datetime import date

import pytest

from contact_hub.domain.complaints import (
    Advocate,
    BuildingSafety,
    BuildingSafetyConcern,
    Complainant,
    ComplainantKind,
    Complaint,
    Decision,
    Exclusion,
    ExclusionGround,
    OutstandingAction,
    Remedy,
    RemedyType,
    ResponseDraft,
    decline,
    extend,
    flag_unreasonable_behaviour,
    request_escalation,
    respond,
)
from contact_hub.domain.complaints.messages import (
    acknowledgement_message,
    extension_notice,
    satisfaction_survey_question,
)
from contact_hub.domain.complaints.serialisation import (
    complaint_from_dict,
    complaint_to_dict,
    index_fields,
)

from .builders import (
    CALENDAR,
    FAR_FUTURE,
    HANDLER_2,
    acknowledged,
    received,
    utc,
)

ADVOCATE = Complainant(
    name="Mr Tom Reid",
    resident_id="R-2002",
    advocate=Advocate(name="Sara Khan", relationship="daughter", authorised_on=date(2026, 2, 1)),
)


def _busy_complaint() -> Complaint:
    bsa = BuildingSafety(True, (BuildingSafetyConcern.STRUCTURAL_FAILURE,))
    complaint = acknowledged(
        received(
            utc(2026, 3, 2), building_safety=bsa, complainant=ADVOCATE, contact_ids=("c-1", "c-2")
        ),
        utc(2026, 3, 3),
    )
    complaint = extend(
        complaint,
        at=utc(2026, 3, 10),
        now=FAR_FUTURE,
        actor="h",
        reason="Structural engineer's report",
        new_due=date(2026, 3, 24),
        calendar=CALENDAR,
    ).complaint
    draft = ResponseDraft(
        decision=Decision.PARTLY_UPHELD,
        reasons="Cracks were reported twice.",
        remedies=(
            Remedy(
                "r1",
                RemedyType.FINANCIAL,
                "Redecoration",
                "Damage",
                amount_pence=12050,
                reimburses_loss=True,
            ),
        ),
        outstanding_actions=(
            OutstandingAction("a1", "Monitor crack", "Surveyor", date(2026, 4, 30)),
        ),
    )
    complaint = respond(
        complaint, at=utc(2026, 3, 20), now=FAR_FUTURE, actor="h", draft=draft
    ).complaint
    complaint = request_escalation(
        complaint, at=utc(2026, 3, 23), now=FAR_FUTURE, actor="advocate", calendar=CALENDAR
    ).complaint
    complaint = acknowledged(complaint, utc(2026, 3, 24), HANDLER_2)
    return flag_unreasonable_behaviour(
        complaint,
        reason="Daily calls",
        review_on=date(2026, 6, 1),
        at=utc(2026, 3, 25),
        now=FAR_FUTURE,
        actor="mgr",
    ).complaint


def test_complaint_round_trips_through_json() -> None:
    complaint = _busy_complaint()
    data = json.loads(json.dumps(complaint_to_dict(complaint)))
    assert complaint_from_dict(data) == complaint
    assert data["stages"][0]["extension"]["new_due"] == "2026-03-24"
    assert data["stages"][0]["response_due_base"] == "2026-03-17"
    assert data["stages"][0]["response_due"] == "2026-03-24"
    assert data["retain_until"] == "2033-03-25" and data["is_bsa_relevant"] is True
    assert data["status"] == "acknowledged" and data["stages"][1]["stage"] == 2


def test_declined_complaint_round_trips() -> None:
    complaint = decline(
        received(utc(2026, 3, 2)),
        exclusions=(Exclusion(ExclusionGround.OTHER_APPEAL_ROUTE, "First-tier Tribunal"),),
        explanation="Service charge levels go to the tribunal.",
        at=utc(2026, 3, 3),
        now=FAR_FUTURE,
        actor="h",
    ).complaint
    assert complaint_from_dict(json.loads(json.dumps(complaint_to_dict(complaint)))) == complaint


def test_unknown_schema_version_is_refused() -> None:
    data = complaint_to_dict(received(utc(2026, 3, 2)))
    data["schema_version"] = 99
    with pytest.raises(ValueError, match="schema_version"):
        complaint_from_dict(data)


def test_index_fields_for_storage() -> None:
    fields = index_fields(_busy_complaint())
    assert fields["reference"] == "CMP-0001"
    assert (fields["stage"], fields["status"], fields["handler_id"]) == (2, "acknowledged", "h-ben")
    # Stage 2 acknowledged Tue 24 Mar 2026 + 20 WD: 25-27 Mar (1-3), 30 Mar-2 Apr (4-7),
    # [Good Friday 3 Apr, Easter Monday 6 Apr], 7-10 Apr (8-11), 13-17 (12-16),
    # 20-23 (17-20) -> Thu 23 Apr 2026.
    assert fields["response_due"] == date(2026, 4, 23)
    # Earlier than the outstanding action (30 Apr) and the flag review (1 Jun).
    assert fields["next_due_on"] == date(2026, 4, 23)
    assert fields["priority"] and fields["bsa_relevant"]
    assert fields["retain_until"] == date(2033, 3, 25)


def test_acknowledgement_letter_has_reference_understanding_target_and_handler() -> None:
    complaint = acknowledged(received(utc(2026, 12, 21), complainant=ADVOCATE), utc(2026, 12, 30))
    message = acknowledgement_message(complaint)
    assert "CMP-0001" in message.subject
    body = message.body
    assert body.startswith("Dear Sara Khan")  # the advocate acting for the resident
    assert "kitchen leak reported in October" in body
    assert "- Compensation for the damaged flooring" in body
    assert "Amy Patel" in body
    assert "Thursday 14 January 2027" in body


def test_extension_notice_has_reason_new_date_and_ombudsman_contact() -> None:
    complaint = extend(
        acknowledged(received(utc(2026, 12, 21)), utc(2026, 12, 30)),
        at=utc(2027, 1, 5),
        now=FAR_FUTURE,
        actor="h",
        reason="We are waiting for a damp survey",
        new_due=date(2027, 1, 28),
        calendar=CALENDAR,
    ).complaint
    body = extension_notice(complaint).body
    assert "waiting for a damp survey" in body
    assert "Thursday 28 January 2027" in body
    assert "0300 111 3000" in body and "www.housing-ombudsman.org.uk" in body


def test_members_of_the_public_are_not_sent_to_the_housing_ombudsman() -> None:
    public = Complainant(name="A Neighbour", kind=ComplainantKind.MEMBER_OF_PUBLIC)
    complaint = extend(
        acknowledged(received(utc(2026, 12, 21), complainant=public), utc(2026, 12, 30)),
        at=utc(2027, 1, 5),
        now=FAR_FUTURE,
        actor="h",
        reason="survey",
        new_due=date(2027, 1, 28),
        calendar=CALENDAR,
    ).complaint
    assert "Ombudsman" not in extension_notice(complaint).body


def test_satisfaction_survey_question_names_the_complaint() -> None:
    question = satisfaction_survey_question(received(utc(2026, 3, 2)))
    assert "CMP-0001" in question and "satisfied" in question
