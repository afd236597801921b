"""Declining a complaint or an escalation, only on the policy's grounds (Code 2).

Every decline records its grounds and an explanation for the resident; the
decline message (``complaint_messages.decline_message``) always tells them they
can take the decision to the Ombudsman.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from contact_hub.domain.complaints.deadlines import out_of_time, time_limit_ends
from contact_hub.domain.complaints.model import (
    Complaint,
    Declined,
    Exclusion,
    ExclusionGround,
    InvalidTransition,
    Stage,
    Status,
    Transition,
)
from contact_hub.domain.complaints.timeline import append_event, check_when, require_text

DECLINABLE = (Status.RECEIVED, Status.ACKNOWLEDGED, Status.ESCALATION_REQUESTED)


@dataclass(frozen=True)
class TimeLimitReview:
    """Whether the 12-month rule is engaged, and whether it may be used to decline."""

    out_of_time: bool
    may_decline: bool
    reason: str


def review_time_limit(complaint: Complaint) -> TimeLimitReview:
    """Apply the 12-month limit as a discretion review, not an automatic refusal (Code 2.3).

    Safeguarding and health and safety complaints are never declined as late (policy).
    """
    if complaint.issue_occurred_on is None:
        return TimeLimitReview(False, False, "the date of the issue is not recorded")
    if not out_of_time(complaint.issue_occurred_on, complaint.received_at):
        return TimeLimitReview(False, False, "made within 12 months of the issue")
    limit = time_limit_ends(complaint.issue_occurred_on)
    if complaint.concerns_safeguarding or complaint.concerns_health_and_safety:
        return TimeLimitReview(
            True,
            False,
            "over 12 months, but safeguarding or health and safety complaints are accepted",
        )
    return TimeLimitReview(
        True, True, f"over 12 months (the limit ended {limit:%d %b %Y}); consider any good reason"
    )


def _check_ground(complaint: Complaint, exclusion: Exclusion) -> None:
    require_text(exclusion.detail, f"the detail for '{exclusion.ground.value}'")
    ground = exclusion.ground
    if ground is ExclusionGround.OVER_12_MONTHS:
        if complaint.stage is not Stage.ONE:
            raise InvalidTransition("the 12-month limit is decided at stage 1, not on escalation")
        review = review_time_limit(complaint)
        if not review.may_decline:
            raise InvalidTransition(f"cannot decline as out of time: {review.reason}")
    if ground is ExclusionGround.ESCALATION_OUT_OF_TIME and not (
        complaint.stage is Stage.TWO and complaint.current.requested_late
    ):
        raise InvalidTransition(
            "only a stage 2 request made after the 30-day window is out of time"
        )


def decline(
    complaint: Complaint,
    *,
    exclusions: tuple[Exclusion, ...],
    explanation: str,
    at: datetime,
    now: datetime,
    actor: str,
) -> Transition:
    """Decline to consider the complaint (stage 1) or to escalate it (stage 2).

    Needs at least one ground from the policy, each with evidence, and an
    explanation written for the resident (Code 2.1, 2.4).
    """
    if complaint.status not in DECLINABLE:
        raise InvalidTransition(
            f"complaint {complaint.reference} is {complaint.status.value}; it can only be declined "
            "before the stage response is issued"
        )
    if not exclusions:
        raise InvalidTransition("give at least one of the policy's grounds for declining")
    when = check_when(complaint, at, now)
    for exclusion in exclusions:
        _check_ground(complaint, exclusion)
    declined = Declined(
        stage=complaint.stage,
        exclusions=exclusions,
        explanation=require_text(explanation, "an explanation for the resident"),
        declined_at=when,
    )
    details = {"stage": int(complaint.stage), "grounds": [e.ground.value for e in exclusions]}
    return append_event(
        complaint,
        kind="declined",
        at=when,
        now=now,
        actor=actor,
        details=details,
        status=Status.DECLINED,
        declined=declined,
    )
