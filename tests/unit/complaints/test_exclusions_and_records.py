"""Declining, responses, remedies, outstanding actions, joining contacts, BSA and flags."""

from datetime import date

import pytest

from contact_hub.domain.complaints import (
    BuildingSafety,
    BuildingSafetyConcern,
    Decision,
    Exclusion,
    ExclusionGround,
    InvalidTransition,
    OutstandingAction,
    Remedy,
    RemedyType,
    ResponseDraft,
    Stage,
    Status,
    acknowledge,
    complete_outstanding_action,
    decline,
    join_or_new,
    record_remedy,
    request_escalation,
    respond,
    review_time_limit,
    update_safety,
)
from contact_hub.domain.complaints.messages import decline_message, stage_response_message

from .builders import (
    CALENDAR,
    DEFINITION,
    FAR_FUTURE,
    HANDLER_1,
    HANDLER_2,
    acknowledged,
    received,
    responded,
    utc,
)

LEGAL = Exclusion(ExclusionGround.LEGAL_PROCEEDINGS_FILED, "Claim form filed at county court 3 Feb")


def test_decline_records_grounds_and_message_gives_the_right_to_the_ombudsman() -> None:
    complaint = decline(
        received(utc(2026, 3, 2)),
        exclusions=(LEGAL,),
        explanation="The disrepair claim will decide these matters.",
        at=utc(2026, 3, 3),
        now=FAR_FUTURE,
        actor="h-amy",
    ).complaint
    assert complaint.status is Status.DECLINED
    assert complaint.declined is not None
    assert complaint.declined.exclusions == (LEGAL,)
    body = decline_message(complaint).body
    assert "filed at court" in body and "Claim form filed" in body
    assert "right to take this decision to the Housing Ombudsman" in body
    assert "0300 111 3000" in body


def test_decline_needs_a_policy_ground_with_detail() -> None:
    with pytest.raises(InvalidTransition, match="at least one"):
        decline(
            received(utc(2026, 3, 2)),
            exclusions=(),
            explanation="no",
            at=utc(2026, 3, 3),
            now=FAR_FUTURE,
            actor="h",
        )
    with pytest.raises(InvalidTransition, match="detail"):
        decline(
            received(utc(2026, 3, 2)),
            exclusions=(Exclusion(ExclusionGround.ALREADY_CONSIDERED, " "),),
            explanation="Dealt with in CMP-0099",
            at=utc(2026, 3, 3),
            now=FAR_FUTURE,
            actor="h",
        )


def test_cannot_decline_after_the_response() -> None:
    complaint = responded(acknowledged(received(utc(2026, 3, 2)), utc(2026, 3, 3)), utc(2026, 3, 9))
    with pytest.raises(InvalidTransition, match="before the stage response"):
        decline(
            complaint,
            exclusions=(LEGAL,),
            explanation="x",
            at=utc(2026, 3, 10),
            now=FAR_FUTURE,
            actor="h",
        )


def test_twelve_month_limit_counts_from_the_issue_date() -> None:
    # Issue on 2 Mar 2025: the limit ends 2 Mar 2026, so a complaint that day is in time.
    in_time = received(utc(2026, 3, 2), issue_occurred_on=date(2025, 3, 2))
    assert not review_time_limit(in_time).out_of_time
    with pytest.raises(InvalidTransition, match="within 12 months"):
        decline(
            in_time,
            exclusions=(Exclusion(ExclusionGround.OVER_12_MONTHS, "March 2025"),),
            explanation="Too old",
            at=utc(2026, 3, 3),
            now=FAR_FUTURE,
            actor="h",
        )
    late = received(utc(2026, 3, 3), issue_occurred_on=date(2025, 3, 2))
    review = review_time_limit(late)
    assert review.out_of_time and review.may_decline
    declined = decline(
        late,
        exclusions=(Exclusion(ExclusionGround.OVER_12_MONTHS, "March 2025"),),
        explanation="No reason given for the delay",
        at=utc(2026, 3, 4),
        now=FAR_FUTURE,
        actor="h",
    ).complaint
    assert declined.status is Status.DECLINED


def test_old_health_and_safety_complaints_cannot_be_declined_as_late() -> None:
    old = received(
        utc(2026, 3, 3), issue_occurred_on=date(2024, 1, 5), concerns_health_and_safety=True
    )
    assert not review_time_limit(old).may_decline
    with pytest.raises(InvalidTransition, match="health and safety"):
        decline(
            old,
            exclusions=(Exclusion(ExclusionGround.OVER_12_MONTHS, "Jan 2024"),),
            explanation="Too old",
            at=utc(2026, 3, 4),
            now=FAR_FUTURE,
            actor="h",
        )


def test_late_escalation_can_be_declined_and_stage1_stays_on_record() -> None:
    complaint = responded(
        acknowledged(received(utc(2026, 3, 2)), utc(2026, 3, 3)), utc(2026, 3, 10)
    )
    late = request_escalation(
        complaint, at=utc(2026, 5, 1), now=FAR_FUTURE, actor="resident", calendar=CALENDAR
    ).complaint
    declined = decline(
        late,
        exclusions=(Exclusion(ExclusionGround.ESCALATION_OUT_OF_TIME, "Asked 1 May 2026"),),
        explanation="You asked 52 days after our response.",
        at=utc(2026, 5, 4),
        now=FAR_FUTURE,
        actor="h",
    ).complaint
    assert "not able to escalate your complaint" in decline_message(declined).body
    assert declined.stage_record(Stage.ONE).response is not None  # type: ignore[union-attr]


def test_response_checklist_lists_everything_missing() -> None:
    complaint = acknowledged(received(utc(2026, 3, 2)), utc(2026, 3, 3))
    with pytest.raises(InvalidTransition) as refused:
        respond(
            complaint,
            at=utc(2026, 3, 9),
            now=FAR_FUTURE,
            actor="h",
            draft=ResponseDraft(decision=Decision.UPHELD, reasons=""),
        )
    reason = refused.value.reason
    assert "reasons for the decision" in reason
    assert "any remedy offered" in reason
    assert "any outstanding actions" in reason
    assert "decision on the complaint" not in reason


REPAIR = OutstandingAction(
    "a1", "Replace the kitchen waste pipe", "Repairs team", date(2026, 3, 20)
)
COMPENSATION = Remedy(
    "r1",
    RemedyType.FINANCIAL,
    "Compensation for distress",
    "Three missed visits",
    amount_pence=15000,
)


def test_stage1_response_states_everything_and_how_to_escalate() -> None:
    complaint = acknowledged(received(utc(2026, 3, 2)), utc(2026, 3, 3))
    draft = ResponseDraft(
        decision=Decision.PARTLY_UPHELD,
        reasons="Visits were missed.",
        remedies=(COMPENSATION,),
        outstanding_actions=(REPAIR,),
    )
    complaint = respond(
        complaint, at=utc(2026, 3, 9), now=FAR_FUTURE, actor="h", draft=draft
    ).complaint
    body = stage_response_message(complaint, Stage.ONE).body
    for expected in (
        "stage 1 response",
        DEFINITION.understanding,
        "we partly uphold",
        "Visits were missed.",
        "£150.00",
        "Replace the kitchen waste pipe",
        "take your complaint to stage 2",
        "do not need to give a reason",
        # Responded Mon 9 Mar 2026: + 30 calendar days = Wed 8 Apr 2026.
        "Wednesday 8 April 2026",
    ):
        assert expected in body
    assert complaint.outstanding_actions == (REPAIR,)
    assert complaint.remedies == (COMPENSATION,)


def test_stage2_response_points_to_the_ombudsman_and_bsr_when_relevant() -> None:
    bsa = BuildingSafety(
        higher_risk_building=True, concerns=(BuildingSafetyConcern.FIRE_OR_SMOKE_SPREAD,)
    )
    complaint = responded(
        acknowledged(received(utc(2026, 3, 2), building_safety=bsa), utc(2026, 3, 3)),
        utc(2026, 3, 9),
    )
    complaint = request_escalation(
        complaint, at=utc(2026, 3, 10), now=FAR_FUTURE, actor="resident", calendar=CALENDAR
    ).complaint
    complaint = responded(acknowledged(complaint, utc(2026, 3, 11), HANDLER_2), utc(2026, 3, 20))
    body = stage_response_message(complaint, Stage.TWO).body
    assert "final response" in body and "0300 111 3000" in body
    assert "Building Safety Regulator" in body
    assert "stage 2. You do not need" not in body


def test_outstanding_action_is_tracked_until_done() -> None:
    complaint = acknowledged(received(utc(2026, 3, 2)), utc(2026, 3, 3))
    draft = ResponseDraft(
        decision=Decision.UPHELD, reasons="r", remedies=(), outstanding_actions=(REPAIR,)
    )
    complaint = respond(
        complaint, at=utc(2026, 3, 9), now=FAR_FUTURE, actor="h", draft=draft
    ).complaint
    done = complete_outstanding_action(
        complaint, action_id="a1", at=utc(2026, 3, 18), now=FAR_FUTURE, actor="repairs"
    ).complaint
    assert done.outstanding_actions[0].done_at == utc(2026, 3, 18)
    with pytest.raises(InvalidTransition, match="already done"):
        complete_outstanding_action(
            done, action_id="a1", at=utc(2026, 3, 19), now=FAR_FUTURE, actor="repairs"
        )


def test_reimbursement_is_never_offset_against_debt_without_consent() -> None:
    complaint = received(utc(2026, 3, 2))
    reimbursement = Remedy(
        "r2",
        RemedyType.FINANCIAL,
        "Cost of ruined carpet",
        "Leak damage",
        amount_pence=32000,
        reimburses_loss=True,
        offset_against_debt=True,
    )
    with pytest.raises(InvalidTransition, match="explicitly agreed"):
        record_remedy(
            complaint, remedy=reimbursement, at=utc(2026, 3, 3), now=FAR_FUTURE, actor="h"
        )
    consented = Remedy(
        "r2",
        RemedyType.FINANCIAL,
        "Cost of ruined carpet",
        "Leak damage",
        amount_pence=32000,
        reimburses_loss=True,
        offset_against_debt=True,
        resident_consented_to_offset=True,
    )
    recorded = record_remedy(
        complaint, remedy=consented, at=utc(2026, 3, 3), now=FAR_FUTURE, actor="h"
    ).complaint
    assert recorded.remedies == (consented,)
    # Compensation for distress (not a reimbursement) may be offset under the policy.
    goodwill = Remedy(
        "r3",
        RemedyType.FINANCIAL,
        "Distress",
        "Delays",
        amount_pence=5000,
        offset_against_debt=True,
    )
    record_remedy(recorded, remedy=goodwill, at=utc(2026, 3, 3), now=FAR_FUTURE, actor="h")


def test_financial_remedy_needs_an_amount() -> None:
    with pytest.raises(InvalidTransition, match="amount greater than zero"):
        record_remedy(
            received(utc(2026, 3, 2)),
            remedy=Remedy("r", RemedyType.FINANCIAL, "Payment", "Delay"),
            at=utc(2026, 3, 3),
            now=FAR_FUTURE,
            actor="h",
        )


def test_further_contact_joins_until_the_stage1_response() -> None:
    complaint = acknowledged(received(utc(2026, 3, 2)), utc(2026, 3, 3))
    assert join_or_new(complaint, related=True).join
    assert not join_or_new(complaint, related=False).join
    assert not join_or_new(complaint, related=True, would_unreasonably_delay=True).join
    after = responded(complaint, utc(2026, 3, 9))
    decision = join_or_new(after, related=True)
    assert not decision.join and "response has been issued" in decision.reason


def test_bsa_relevant_complaint_is_priority_and_kept_seven_years() -> None:
    not_hrb = received(
        utc(2026, 3, 2),
        building_safety=BuildingSafety(
            higher_risk_building=False, concerns=(BuildingSafetyConcern.STRUCTURAL_FAILURE,)
        ),
    )
    assert not not_hrb.is_bsa_relevant and not_hrb.retain_until is None
    relevant = received(
        utc(2026, 3, 2),
        building_safety=BuildingSafety(
            higher_risk_building=True, concerns=(BuildingSafetyConcern.ACCOUNTABLE_PERSON_DUTIES,)
        ),
    )
    assert relevant.is_bsa_relevant and relevant.is_priority
    assert relevant.retain_until == date(2033, 3, 2)
    later = acknowledge(
        relevant,
        at=utc(2026, 3, 4),
        now=FAR_FUTURE,
        actor="h",
        handler=HANDLER_1,
        definition=DEFINITION,
        calendar=CALENDAR,
    ).complaint
    # The 7 years run from the latest entry in the record.
    assert later.retain_until == date(2033, 3, 4)


def test_safety_found_after_receipt_makes_the_complaint_priority_and_in_time() -> None:
    old = received(utc(2026, 3, 3), issue_occurred_on=date(2024, 1, 5))
    assert review_time_limit(old).may_decline and not old.is_priority
    flagged = update_safety(
        old,
        at=utc(2026, 3, 4),
        now=FAR_FUTURE,
        actor="h",
        concerns_health_and_safety=True,
        concerns_safeguarding=False,
        building_safety=BuildingSafety(),
    ).complaint
    assert flagged.is_priority
    assert not review_time_limit(flagged).may_decline
