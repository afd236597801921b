"""Recording what a complaint was about and what it taught us; each change is a timeline
event (the audit trail), like every other change to a case.

Learning can be recorded at any time, after closure too (lessons often come later), but
not on a declined complaint, which was never investigated. Only the Ombudsman's referral
and determination are admin actions (enforced by the API).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, datetime

from contact_hub.domain.complaints.model import (
    Classification,
    Complaint,
    IndependenceTrigger,
    InvalidTransition,
    Lesson,
    OmbudsmanCase,
    RootCause,
    ServiceImprovement,
    Transition,
)
from contact_hub.domain.complaints.timeline import (
    append_event,
    check_when,
    require_open,
    require_text,
)
from contact_hub.domain.reports.categories import ComplaintVocabulary
from contact_hub.domain.reports.independence import IndependenceRule


def classify(
    complaint: Complaint,
    *,
    classification: Classification,
    triggers: Iterable[IndependenceTrigger],
    subject_team: str | None,
    detail: str,
    vocabulary: ComplaintVocabulary,
    rule: IndependenceRule,
    at: datetime,
    now: datetime,
    actor: str,
) -> Transition:
    """Record the service area and category, and apply the independent-investigation rule.

    A flag is recorded even when the current handler is in the team concerned (nothing
    said about safeguarding may be lost); the case then shows
    ``needs_independent_handler`` until someone independent is assigned.
    """
    require_open(complaint, "classify the complaint")
    when = check_when(complaint, at, now)
    if classification.category not in vocabulary.categories:
        known = ", ".join(vocabulary.categories.codes)
        raise InvalidTransition(f"category {classification.category!r} is not one of {known}")
    if classification.service_area not in vocabulary.service_areas:
        known = ", ".join(vocabulary.service_areas.codes)
        raise InvalidTransition(
            f"service area {classification.service_area!r} is not one of {known}"
        )
    try:
        flag = rule.assess(complaint, triggers, subject_team, detail)
    except ValueError as error:
        raise InvalidTransition(str(error)) from None
    details = {
        "service_area": classification.service_area,
        "category": classification.category,
        "independent_investigation": [r.value for r in flag.reasons] if flag else [],
        "subject_team": flag.subject_team if flag else None,
    }
    return append_event(
        complaint,
        kind="classified",
        at=when,
        now=now,
        actor=actor,
        details=details,
        classification=classification,
        independent_investigation=flag,
    )


def add_root_cause(
    complaint: Complaint, *, cause: RootCause, at: datetime, now: datetime, actor: str
) -> Transition:
    """Record a root cause the investigation found."""
    require_open(complaint, "record a root cause")
    when = check_when(complaint, at, now)
    detail = require_text(cause.detail, "what the cause was")
    cause = dataclasses.replace(cause, detail=detail)
    return append_event(
        complaint,
        kind="root_cause_recorded",
        at=when,
        now=now,
        actor=actor,
        details={"kind": cause.kind.value},
        root_causes=(*complaint.root_causes, cause),
    )


def record_lesson(
    complaint: Complaint, *, lesson: Lesson, at: datetime, now: datetime, actor: str
) -> Transition:
    """Record a lesson learnt."""
    require_open(complaint, "record a lesson")
    when = check_when(complaint, at, now)
    text = require_text(lesson.text, "the lesson")
    if any(known.id == lesson.id for known in complaint.lessons):
        raise InvalidTransition(f"lesson {lesson.id} is already recorded")
    return append_event(
        complaint,
        kind="lesson_recorded",
        at=when,
        now=now,
        actor=actor,
        details={"lesson_id": lesson.id},
        lessons=(*complaint.lessons, dataclasses.replace(lesson, text=text)),
    )


def agree_improvement(
    complaint: Complaint,
    *,
    improvement: ServiceImprovement,
    at: datetime,
    now: datetime,
    actor: str,
) -> Transition:
    """Record a service improvement agreed from the complaint: what, who, by when."""
    require_open(complaint, "agree a service improvement")
    when = check_when(complaint, at, now)
    require_text(improvement.description, "what the improvement is")
    require_text(improvement.owner, "who owns the improvement")
    if any(known.id == improvement.id for known in complaint.improvements):
        raise InvalidTransition(f"improvement {improvement.id} is already recorded")
    if improvement.lesson_id and improvement.lesson_id not in {x.id for x in complaint.lessons}:
        raise InvalidTransition(f"no lesson {improvement.lesson_id} on {complaint.reference}")
    if improvement.done_at is not None:
        raise InvalidTransition("record the improvement first, then mark it done")
    details = {"improvement_id": improvement.id, "due_on": improvement.due_on.isoformat(),
               "owner": improvement.owner}
    return append_event(
        complaint,
        kind="improvement_agreed",
        at=when,
        now=now,
        actor=actor,
        details=details,
        improvements=(*complaint.improvements, improvement),
    )


def complete_improvement(
    complaint: Complaint, *, improvement_id: str, at: datetime, now: datetime, actor: str
) -> Transition:
    """Mark a service improvement done."""
    when = check_when(complaint, at, now)
    found = next((i for i in complaint.improvements if i.id == improvement_id), None)
    if found is None:
        raise InvalidTransition(f"no improvement {improvement_id} on {complaint.reference}")
    if found.done_at is not None:
        raise InvalidTransition(f"improvement {improvement_id} is already done")
    improvements = tuple(
        dataclasses.replace(i, done_at=when) if i.id == improvement_id else i
        for i in complaint.improvements
    )
    return append_event(
        complaint,
        kind="improvement_done",
        at=when,
        now=now,
        actor=actor,
        details={"improvement_id": improvement_id},
        improvements=improvements,
    )


def record_ombudsman(
    complaint: Complaint, *, case: OmbudsmanCase, at: datetime, now: datetime, actor: str
) -> Transition:
    """Record (or update) the Ombudsman referral and its determination and orders."""
    when = check_when(complaint, at, now)
    require_text(case.ombudsman_reference, "the Ombudsman's reference")
    today = when.date()
    _check_dates_in_order(case, today)
    details = {
        "referred_on": case.referred_on.isoformat(),
        "determination": case.determination.value if case.determination else None,
        "orders": len(case.orders),
        "orders_complied_on": _iso(case.orders_complied_on),
    }
    return append_event(
        complaint,
        kind="ombudsman_recorded",
        at=when,
        now=now,
        actor=actor,
        details=details,
        ombudsman=case,
    )


def _check_dates_in_order(case: OmbudsmanCase, today: date) -> None:
    if case.referred_on > today:
        raise InvalidTransition("the referral date is in the future")
    if (case.determination is None) != (case.determined_on is None):
        raise InvalidTransition("give the determination and the date it was made together")
    if case.determined_on is not None and case.determined_on < case.referred_on:
        raise InvalidTransition("the determination is dated before the referral")
    if case.orders_complied_on is not None:
        if not case.orders:
            raise InvalidTransition("there are no orders to have complied with")
        if case.determined_on is None or case.orders_complied_on < case.determined_on:
            raise InvalidTransition("orders are complied with after the determination")
    if any(not order.strip() for order in case.orders):
        raise InvalidTransition("an order must say what was ordered")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
