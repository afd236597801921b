"""Things recorded on a complaint besides stage changes.

Further contacts, remedies and compensation, outstanding actions, safety flags
and the unreasonable-behaviour (vexatious/repeated) flag.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from contact_hub.domain.complaints.deadlines import london_date
from contact_hub.domain.complaints.model import (
    BuildingSafety,
    Complaint,
    InvalidTransition,
    OutstandingAction,
    Remedy,
    RemedyType,
    Stage,
    Status,
    Transition,
    UnreasonableBehaviourFlag,
)
from contact_hub.domain.complaints.timeline import (
    append_event,
    check_when,
    require_open,
    require_text,
)


@dataclass(frozen=True)
class JoinDecision:
    """Whether a further contact joins an existing case or starts a new one."""

    join: bool
    reason: str


def join_or_new(
    complaint: Complaint, *, related: bool, would_unreasonably_delay: bool = False
) -> JoinDecision:
    """Decide where a further contact about a complaint belongs (Code 6.8, policy).

    Related points join the case while stage 1 is open and its response has not
    been issued; otherwise they are a new complaint, linked to this one.
    """
    if complaint.stage is not Stage.ONE or complaint.status not in (
        Status.RECEIVED,
        Status.ACKNOWLEDGED,
    ):
        return JoinDecision(False, "the stage 1 response has been issued or the case has moved on")
    if not related:
        return JoinDecision(False, "the new points are not related to this complaint")
    if would_unreasonably_delay:
        return JoinDecision(False, "adding them would unreasonably delay the stage 1 response")
    return JoinDecision(True, "related points raised before the stage 1 response")


def add_contact(
    complaint: Complaint, *, contact_id: str, at: datetime, now: datetime, actor: str
) -> Transition:
    """Link a contact (correspondence) to the case; every message stays on record."""
    when = check_when(complaint, at, now)
    if contact_id in complaint.contact_ids:
        raise InvalidTransition(f"contact {contact_id} is already linked to {complaint.reference}")
    return append_event(
        complaint,
        kind="contact_linked",
        at=when,
        now=now,
        actor=actor,
        details={"contact_id": contact_id},
        contact_ids=(*complaint.contact_ids, contact_id),
    )


def check_remedy(complaint: Complaint, remedy: Remedy) -> None:
    """Refuse a remedy that is incomplete or breaks the debt-offset rule."""
    require_text(remedy.description, "what the remedy is")
    require_text(remedy.reason, "the reason for the remedy")
    if any(r.id == remedy.id for r in complaint.remedies):
        raise InvalidTransition(f"remedy {remedy.id} is already recorded")
    financial = remedy.type is RemedyType.FINANCIAL
    if financial and (remedy.amount_pence is None or remedy.amount_pence <= 0):
        raise InvalidTransition("a financial remedy needs an amount greater than zero")
    if not financial and (remedy.amount_pence is not None or remedy.offset_against_debt):
        raise InvalidTransition("only a financial remedy can have an amount or be offset")
    if (
        remedy.reimburses_loss
        and remedy.offset_against_debt
        and not remedy.resident_consented_to_offset
    ):
        raise InvalidTransition(
            "a payment that reimburses the resident's loss cannot be used to reduce their "
            "debt unless they have explicitly agreed"
        )


def record_remedy(
    complaint: Complaint, *, remedy: Remedy, at: datetime, now: datetime, actor: str
) -> Transition:
    """Record a remedy at any point, not only in a response (Code 7)."""
    require_open(complaint, "record a remedy")
    when = check_when(complaint, at, now)
    check_remedy(complaint, remedy)
    details = {
        "remedy_id": remedy.id,
        "type": remedy.type.value,
        "amount_pence": remedy.amount_pence,
    }
    return append_event(
        complaint,
        kind="remedy_recorded",
        at=when,
        now=now,
        actor=actor,
        details=details,
        remedies=(*complaint.remedies, remedy),
    )


def check_new_actions(complaint: Complaint, actions: tuple[OutstandingAction, ...]) -> None:
    """Outstanding actions need a description, an owner and unique ids."""
    seen = {a.id for a in complaint.outstanding_actions}
    for action in actions:
        require_text(action.description, "what the outstanding action is")
        require_text(action.owner, "who owns the outstanding action")
        if action.id in seen:
            raise InvalidTransition(f"outstanding action {action.id} is already recorded")
        seen.add(action.id)


def add_outstanding_action(
    complaint: Complaint, *, action: OutstandingAction, at: datetime, now: datetime, actor: str
) -> Transition:
    """Track a further action promised to the resident."""
    require_open(complaint, "add an outstanding action")
    when = check_when(complaint, at, now)
    check_new_actions(complaint, (action,))
    return append_event(
        complaint,
        kind="action_added",
        at=when,
        now=now,
        actor=actor,
        details={"action_id": action.id, "due_on": action.due_on.isoformat()},
        outstanding_actions=(*complaint.outstanding_actions, action),
    )


def complete_outstanding_action(
    complaint: Complaint, *, action_id: str, at: datetime, now: datetime, actor: str
) -> Transition:
    """Mark an outstanding action done; open actions keep the case on reminder lists."""
    when = check_when(complaint, at, now)
    action = next((a for a in complaint.outstanding_actions if a.id == action_id), None)
    if action is None:
        raise InvalidTransition(f"no outstanding action {action_id} on {complaint.reference}")
    if action.done_at is not None:
        raise InvalidTransition(f"outstanding action {action_id} is already done")
    actions = tuple(
        dataclasses.replace(a, done_at=when) if a.id == action_id else a
        for a in complaint.outstanding_actions
    )
    return append_event(
        complaint,
        kind="action_completed",
        at=when,
        now=now,
        actor=actor,
        details={"action_id": action_id},
        outstanding_actions=actions,
    )


def update_safety(
    complaint: Complaint,
    *,
    at: datetime,
    now: datetime,
    actor: str,
    concerns_health_and_safety: bool,
    concerns_safeguarding: bool,
    building_safety: BuildingSafety,
) -> Transition:
    """Record what the complaint is about for priority, the 12-month rule and the BSA."""
    when = check_when(complaint, at, now)
    details = {
        "health_and_safety": concerns_health_and_safety,
        "safeguarding": concerns_safeguarding,
        "bsa_relevant": building_safety.relevant_complaint,
    }
    return append_event(
        complaint,
        kind="safety_updated",
        at=when,
        now=now,
        actor=actor,
        details=details,
        concerns_health_and_safety=concerns_health_and_safety,
        concerns_safeguarding=concerns_safeguarding,
        building_safety=building_safety,
    )


def flag_unreasonable_behaviour(
    complaint: Complaint, *, reason: str, review_on: date, at: datetime, now: datetime, actor: str
) -> Transition:
    """Flag a vexatious or repeated complaint, with a reason and a review date.

    The flag changes nothing else: deadlines, reminders and breaches still apply,
    so a flagged complaint is never silently dropped (Code 5.14).
    """
    when = check_when(complaint, at, now)
    why = require_text(reason, "the reason for the flag")
    if review_on <= london_date(when):
        raise InvalidTransition("the review date must be in the future")
    flag = UnreasonableBehaviourFlag(
        reason=why, review_on=review_on, flagged_at=when, flagged_by=actor
    )
    return append_event(
        complaint,
        kind="unreasonable_behaviour_flagged",
        at=when,
        now=now,
        actor=actor,
        details={"reason": why, "review_on": review_on.isoformat()},
        unreasonable_behaviour=flag,
    )


def review_unreasonable_behaviour(
    complaint: Complaint,
    *,
    outcome: str,
    next_review_on: date | None,
    at: datetime,
    now: datetime,
    actor: str,
) -> Transition:
    """Review the flag: keep it with a new review date, or lift it (``None``)."""
    if complaint.unreasonable_behaviour is None:
        raise InvalidTransition(f"{complaint.reference} has no unreasonable-behaviour flag")
    when = check_when(complaint, at, now)
    why = require_text(outcome, "the outcome of the review")
    if next_review_on is not None and next_review_on <= london_date(when):
        raise InvalidTransition("the next review date must be in the future")
    flag = (
        dataclasses.replace(complaint.unreasonable_behaviour, review_on=next_review_on)
        if next_review_on
        else None
    )
    details = {
        "outcome": why,
        "next_review_on": next_review_on.isoformat() if next_review_on else None,
    }
    return append_event(
        complaint,
        kind="unreasonable_behaviour_reviewed",
        at=when,
        now=now,
        actor=actor,
        details=details,
        unreasonable_behaviour=flag,
    )
