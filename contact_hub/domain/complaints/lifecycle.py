"""The two-stage state machine: open, acknowledge, extend, respond, escalate, close.

received → acknowledged → responded → (escalation_requested → acknowledged →
responded) → closed; ``declined`` lives in ``exclusions``. Every action
takes an explicit ``at`` (when it happened) and ``now`` (the injected clock).
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from contact_hub.domain.complaints.deadlines import (
    EXTENSION_LIMIT_WORKING_DAYS,
    acknowledge_by,
    escalation_window_ends,
    latest_extended_due,
    london_date,
    response_due_base,
)
from contact_hub.domain.complaints.model import (
    BuildingSafety,
    Complainant,
    Complaint,
    ComplaintDefinition,
    Extension,
    InvalidTransition,
    Person,
    Stage,
    StageRecord,
    Status,
    Transition,
)
from contact_hub.domain.complaints.timeline import append_event, check_when, require_text
from contact_hub.domain.working_days import WorkingCalendar


def open_complaint(
    *,
    reference: str,
    complainant: Complainant,
    channel: str,
    received_at: datetime,
    now: datetime,
    actor: str,
    summary: str,
    calendar: WorkingCalendar,
    contact_ids: tuple[str, ...] = (),
    issue_occurred_on: date | None = None,
    concerns_health_and_safety: bool = False,
    concerns_safeguarding: bool = False,
    building_safety: BuildingSafety | None = None,
    related_references: tuple[str, ...] = (),
) -> Transition:
    """Log a new stage 1 complaint and set its acknowledgement deadline."""
    at = check_when(None, received_at, now)
    stage1 = StageRecord(
        stage=Stage.ONE, requested_at=at, acknowledge_by=acknowledge_by(at, calendar)
    )
    complaint = Complaint(
        reference=require_text(reference, "a reference"),
        complainant=complainant,
        channel=require_text(channel, "the channel"),
        received_at=at,
        summary=require_text(summary, "what the resident said"),
        status=Status.RECEIVED,
        stages=(stage1,),
        contact_ids=contact_ids,
        issue_occurred_on=issue_occurred_on,
        concerns_health_and_safety=concerns_health_and_safety,
        concerns_safeguarding=concerns_safeguarding,
        building_safety=building_safety or BuildingSafety(),
        related_references=related_references,
    )
    details = {"stage": 1, "acknowledge_by": stage1.acknowledge_by.isoformat(), "channel": channel}
    return append_event(complaint, kind="received", at=at, now=now, actor=actor, details=details)


def replace_current(complaint: Complaint, **changes: object) -> tuple[StageRecord, ...]:
    current = dataclasses.replace(complaint.current, **changes)  # type: ignore[arg-type]
    return (*complaint.stages[:-1], current)


def _check_handler_independent(complaint: Complaint, handler: Person) -> None:
    """Code 6.13: stage 2 must be considered by someone other than the stage 1 handler."""
    stage1 = complaint.stage_record(Stage.ONE)
    if (
        complaint.stage is Stage.TWO
        and stage1
        and stage1.handler
        and stage1.handler.id == handler.id
    ):
        raise InvalidTransition(
            f"{handler.name} handled stage 1, so cannot consider stage 2: "
            "the Code requires a different person (6.13)"
        )


def _check_definition(definition: ComplaintDefinition) -> None:
    require_text(definition.understanding, "our understanding of the complaint")
    if not [o for o in definition.outcomes_sought if o.strip()]:
        raise InvalidTransition("the outcomes the resident is seeking must be recorded (Code 5.6)")


def acknowledge(
    complaint: Complaint,
    *,
    at: datetime,
    now: datetime,
    actor: str,
    handler: Person,
    definition: ComplaintDefinition,
    calendar: WorkingCalendar,
    late_acceptance_reason: str | None = None,
) -> Transition:
    """Acknowledge, define and log the current stage; starts the response clock.

    A stage 2 request made after the 30-day window needs ``late_acceptance_reason``.
    """
    if complaint.status not in (Status.RECEIVED, Status.ESCALATION_REQUESTED):
        raise InvalidTransition(
            f"stage {complaint.stage} is {complaint.status.value}; only a new complaint or "
            "escalation request can be acknowledged"
        )
    when = check_when(complaint, at, now)
    _check_definition(definition)
    _check_handler_independent(complaint, handler)
    late_reason = _check_late_acceptance(complaint, late_acceptance_reason)
    base = response_due_base(when, complaint.stage, calendar)
    stages = replace_current(
        complaint,
        handler=handler,
        definition=definition,
        acknowledged_at=when,
        response_due_base=base,
        late_acceptance_reason=late_reason,
    )
    details = {
        "stage": int(complaint.stage),
        "handler_id": handler.id,
        "response_due": base.isoformat(),
        "on_time": london_date(when) <= complaint.current.acknowledge_by,
    }
    return append_event(
        complaint,
        kind="acknowledged",
        at=when,
        now=now,
        actor=actor,
        details=details,
        stages=stages,
        status=Status.ACKNOWLEDGED,
    )


def assign_handler(
    complaint: Complaint, *, handler: Person, at: datetime, now: datetime, actor: str
) -> Transition:
    """Give the current stage to another handler (still independent at stage 2)."""
    if not complaint.is_open:
        raise InvalidTransition(f"complaint {complaint.reference} is {complaint.status.value}")
    when = check_when(complaint, at, now)
    _check_handler_independent(complaint, handler)
    return append_event(
        complaint,
        kind="handler_assigned",
        at=when,
        now=now,
        actor=actor,
        details={"stage": int(complaint.stage), "handler_id": handler.id},
        stages=replace_current(complaint, handler=handler),
    )


def _check_extension(
    complaint: Complaint, agreed_on: date, new_due: date, calendar: WorkingCalendar
) -> None:
    record = complaint.current
    base = record.response_due_base
    if complaint.status is not Status.ACKNOWLEDGED or base is None:
        raise InvalidTransition(
            f"stage {complaint.stage} must be acknowledged and awaiting a response"
        )
    if record.extension is not None:
        raise InvalidTransition(f"stage {complaint.stage} has already been extended once")
    if agreed_on > base:
        raise InvalidTransition(
            f"the response was due on {base:%d %b %Y}; "
            "an extension must be agreed before the deadline passes"
        )
    latest = latest_extended_due(base, complaint.stage, calendar)
    if not base < new_due <= latest:
        limit = EXTENSION_LIMIT_WORKING_DAYS[complaint.stage]
        raise InvalidTransition(
            f"a stage {complaint.stage} extension may move the deadline by at most {limit} "
            f"working days: to a date after {base:%d %b %Y} and no later than {latest:%d %b %Y}"
        )


def extend(
    complaint: Complaint,
    *,
    at: datetime,
    now: datetime,
    actor: str,
    reason: str,
    new_due: date,
    calendar: WorkingCalendar,
) -> Transition:
    """Agree the one extension allowed at this stage (Code 6.4, 6.15).

    It must be agreed before the response deadline passes, give a reason, and
    move the deadline by no more than 10 (stage 1) or 20 (stage 2) working days.
    """
    when = check_when(complaint, at, now)
    _check_extension(complaint, london_date(when), new_due, calendar)
    due = new_due
    extension = Extension(
        reason=require_text(reason, "the reason for the extension"), new_due=due, agreed_at=when
    )
    return append_event(
        complaint,
        kind="extended",
        at=when,
        now=now,
        actor=actor,
        details={
            "stage": int(complaint.stage),
            "response_due": due.isoformat(),
            "reason": extension.reason,
        },
        stages=replace_current(complaint, extension=extension),
    )


def request_escalation(
    complaint: Complaint, *, at: datetime, now: datetime, actor: str, calendar: WorkingCalendar
) -> Transition:
    """Log the resident's request for stage 2; no reason is asked of them (Code 6.12).

    The request is always logged, even after the 30-day window, so nothing the
    resident sends is lost; a late request is marked ``requested_late`` and must
    then be accepted with a reason at acknowledgement, or declined.
    """
    stage1 = complaint.current
    if complaint.stage is not Stage.ONE or stage1.responded_at is None:
        raise InvalidTransition(
            "only a complaint with a stage 1 response can be escalated to stage 2"
        )
    if complaint.status not in (Status.RESPONDED, Status.CLOSED):
        raise InvalidTransition(f"complaint {complaint.reference} is {complaint.status.value}")
    when = check_when(complaint, at, now)
    late = london_date(when) > escalation_window_ends(stage1.responded_at)
    stage2 = StageRecord(
        stage=Stage.TWO,
        requested_at=when,
        acknowledge_by=acknowledge_by(when, calendar),
        requested_late=late,
    )
    details = {"stage": 2, "acknowledge_by": stage2.acknowledge_by.isoformat(), "late": late}
    return append_event(
        complaint,
        kind="escalation_requested",
        at=when,
        now=now,
        actor=actor,
        details=details,
        stages=(*complaint.stages, stage2),
        status=Status.ESCALATION_REQUESTED,
        closed_reason=None,
    )


def _check_late_acceptance(complaint: Complaint, late_acceptance_reason: str | None) -> str | None:
    record = complaint.current
    if not record.requested_late:
        return None
    if late_acceptance_reason and late_acceptance_reason.strip():
        return late_acceptance_reason.strip()
    stage1 = complaint.stage_record(Stage.ONE)
    assert stage1 is not None and stage1.responded_at is not None  # stage 2 exists only after it
    raise InvalidTransition(
        f"stage 2 was requested on {london_date(record.requested_at):%d %b %Y}, after the 30 days "
        f"that ended on {escalation_window_ends(stage1.responded_at):%d %b %Y}; give a good "
        "reason to accept it late, or decline the escalation"
    )


def close(
    complaint: Complaint, *, at: datetime, now: datetime, actor: str, reason: str
) -> Transition:
    """Close a complaint that has had its response.

    After stage 1 the resident can still ask for stage 2 within the window;
    after stage 2 the case is final and the Ombudsman is the next step.
    """
    if complaint.status is not Status.RESPONDED:
        raise InvalidTransition(
            f"complaint {complaint.reference} is {complaint.status.value}; "
            "only a complaint with a response can be closed"
        )
    when = check_when(complaint, at, now)
    why = require_text(reason, "the reason for closing")
    return append_event(
        complaint,
        kind="closed",
        at=when,
        now=now,
        actor=actor,
        details={"stage": int(complaint.stage), "reason": why},
        status=Status.CLOSED,
        closed_reason=why,
    )
