"""Which deadlines need a reminder and which are breached at a given ``now``.

Pure: a periodic job calls these with the clock and sends each reminder once,
using ``Reminder.key`` as the idempotency key. Flagged (vexatious/repeated)
complaints are included like any other: a flag never hides a deadline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from contact_hub.domain.complaints.deadlines import london_date
from contact_hub.domain.complaints.model import Complaint, Status
from contact_hub.domain.working_days import WorkingCalendar

# Remind two working days before a due date and again on the day itself.
DEFAULT_REMINDER_LEADS: tuple[int, ...] = (2, 0)


class DeadlineKind(StrEnum):
    """What is due."""

    ACKNOWLEDGEMENT = "acknowledgement"
    RESPONSE = "response"
    OUTSTANDING_ACTION = "outstanding_action"
    BEHAVIOUR_REVIEW = "behaviour_review"


@dataclass(frozen=True)
class Deadline:
    """Something still to be done on a complaint by a date."""

    reference: str
    kind: DeadlineKind
    stage: int
    due_on: date
    subject_id: str = ""
    priority: bool = False


@dataclass(frozen=True)
class Reminder:
    """A deadline coming up; ``key`` is stable so a job sends it once."""

    deadline: Deadline
    working_days_left: int
    key: str


@dataclass(frozen=True)
class Breach:
    """A deadline that has passed with the work not done."""

    deadline: Deadline
    working_days_overdue: int


def open_deadlines(complaint: Complaint) -> tuple[Deadline, ...]:
    """Every date still to be met on the complaint."""
    ref, stage, priority = complaint.reference, int(complaint.stage), complaint.is_priority
    found: list[Deadline] = []
    record = complaint.current
    if complaint.status in (Status.RECEIVED, Status.ESCALATION_REQUESTED):
        found.append(
            Deadline(ref, DeadlineKind.ACKNOWLEDGEMENT, stage, record.acknowledge_by, "", priority)
        )
    if complaint.status is Status.ACKNOWLEDGED and record.response_due is not None:
        found.append(Deadline(ref, DeadlineKind.RESPONSE, stage, record.response_due, "", priority))
    for action in complaint.outstanding_actions:
        if action.done_at is None:
            kind = DeadlineKind.OUTSTANDING_ACTION
            found.append(Deadline(ref, kind, stage, action.due_on, action.id, priority))
    flag = complaint.unreasonable_behaviour
    if flag is not None and complaint.is_open:
        found.append(
            Deadline(ref, DeadlineKind.BEHAVIOUR_REVIEW, stage, flag.review_on, "", priority)
        )
    return tuple(found)


def due_reminders(
    complaint: Complaint,
    *,
    now: datetime,
    calendar: WorkingCalendar,
    leads: tuple[int, ...] = DEFAULT_REMINDER_LEADS,
) -> tuple[Reminder, ...]:
    """Reminders due now: one per deadline, for the latest lead time reached.

    A deadline with 1 working day left under leads (2, 0) gives the "2 days"
    reminder; on the day it gives the "0 days" one, with a different key.
    """
    today = london_date(now)
    reminders: list[Reminder] = []
    for deadline in open_deadlines(complaint):
        left = calendar.working_days_between(today, deadline.due_on)
        reached = [lead for lead in leads if 0 <= left <= lead]
        if not reached:
            continue
        lead = min(reached)
        key = (
            f"{deadline.reference}:{deadline.kind.value}:{deadline.stage}:"
            f"{deadline.subject_id}:{deadline.due_on.isoformat()}:{lead}"
        )
        reminders.append(Reminder(deadline, left, key))
    return tuple(reminders)


def breaches(
    complaint: Complaint, *, now: datetime, calendar: WorkingCalendar
) -> tuple[Breach, ...]:
    """Deadlines already missed; a deadline is met if done on its due date."""
    today = london_date(now)
    return tuple(
        Breach(deadline, calendar.working_days_between(deadline.due_on, today))
        for deadline in open_deadlines(complaint)
        if today > deadline.due_on
    )


def work_list(
    complaints: Iterable[Complaint], *, now: datetime, calendar: WorkingCalendar
) -> tuple[tuple[Reminder, ...], tuple[Breach, ...]]:
    """Reminders and breaches across many complaints, safety (priority) cases first."""
    reminders: list[Reminder] = []
    missed: list[Breach] = []
    for complaint in complaints:
        reminders.extend(due_reminders(complaint, now=now, calendar=calendar))
        missed.extend(breaches(complaint, now=now, calendar=calendar))
    reminders.sort(key=lambda r: (not r.deadline.priority, r.deadline.due_on))
    missed.sort(key=lambda b: (not b.deadline.priority, b.deadline.due_on))
    return tuple(reminders), tuple(missed)
