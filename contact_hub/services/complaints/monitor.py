"""Keeping to time: reminders before each complaint deadline and alerts when one is missed.

A periodic task (every worker runs it on a timer) asks the pure monitor which
reminders and breaches are due *now*, records each once in ``complaint_notices``
(keyed on ``Reminder.key`` / the breach's deadline), and queues it in the outbox for the
complaints Slack channel: the outbox posts it at most once, retries it until Slack takes
it, and keeps the notice's status. Reminders name the handler; breaches alert the manager.
Flagged (vexatious) cases are included: a flag never hides a deadline.
"""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy.orm import Session

from contact_hub.clock import Clock
from contact_hub.domain import complaints as domain
from contact_hub.domain.complaints.messages import long_date
from contact_hub.domain.working_days import WorkingCalendar
from contact_hub.queueing import JobRequest
from contact_hub.services.outbox import NoticeDelivery, Outbox, queue_staff_notice
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.complaints import repository as crepo

logger = logging.getLogger(__name__)

DEADLINE_WORDS = {
    domain.DeadlineKind.ACKNOWLEDGEMENT: "acknowledgement",
    domain.DeadlineKind.RESPONSE: "response",
    domain.DeadlineKind.OUTSTANDING_ACTION: "outstanding action",
    domain.DeadlineKind.BEHAVIOUR_REVIEW: "review of the unreasonable-behaviour flag",
}


NOTICE_KIND = "complaint_notice"  # the outbox kind of a reminder or breach alert


def notice_delivery(clock: Clock) -> NoticeDelivery:
    """How the outbox keeps a complaint notice's status."""
    return NoticeDelivery(crepo.notice_by_outbound, clock)


class ComplaintMonitor:
    """Creates reminder and breach notices once each, and queues them in the outbox."""

    def __init__(
        self,
        uow: UnitsOfWork,
        clock: Clock,
        calendar: WorkingCalendar,
        outbox: Outbox,
        slack_channel: str | None,
    ) -> None:
        self.uow = uow
        self.clock = clock
        self.calendar = calendar
        self.outbox = outbox
        self.slack_channel = slack_channel  # None: Slack is not configured

    def check(self) -> int:
        """Record the reminders and breaches due now; return how many are new."""
        now = self.clock()
        created = 0
        with self.uow() as uow:
            session = uow.session
            for row in crepo.complaints_with_deadlines(session):
                complaint = crepo.to_domain(row)
                for reminder in domain.due_reminders(complaint, now=now, calendar=self.calendar):
                    text = _reminder_text(complaint, reminder)
                    created += self._notice(session, row, "reminder", reminder.key,
                                            reminder.deadline, text)
                for breach in domain.breaches(complaint, now=now, calendar=self.calendar):
                    key = "breach:" + _deadline_key(breach.deadline)
                    text = _breach_text(complaint, breach)
                    created += self._notice(session, row, "breach", key, breach.deadline, text)
            if self.slack_channel:  # new notices, and any made before the outbox sent them
                for notice in crepo.notices_outside_outbox(session):
                    uow.enqueue_all(self._queue(session, notice))
            uow.commit()
        if created:
            logger.info("complaint notices created count=%s", created)
        return created

    def _notice(
        self,
        session: Session,
        row: crepo.ComplaintRow,
        kind: str,
        key: str,
        deadline: domain.Deadline,
        text: str,
    ) -> int:
        if crepo.notice_exists(session, key):
            return 0
        session.add(
            crepo.ComplaintNotice(
                key=key,
                complaint_id=row.id,
                kind=kind,
                deadline_kind=deadline.kind.value,
                due_on=deadline.due_on,
                text=text,
                status="pending" if self.slack_channel else "not_configured",
                created_at=self.clock(),
            )
        )
        session.flush()
        return 1

    def _queue(self, session: Session, notice: crepo.ComplaintNotice) -> list[JobRequest]:
        assert self.slack_channel is not None
        return queue_staff_notice(self.outbox, session, notice, "complaint-notice", NOTICE_KIND,
                                  self.slack_channel)

    def send(self, notice_id: int) -> None:
        """Send one notice now through the outbox (at most once: only its claimant posts)."""
        with self.uow() as uow:
            notice = crepo.get_notice(uow.session, notice_id)
            outbound_id = notice.outbound_id if notice is not None else None
        if outbound_id is not None:
            self.outbox.send(outbound_id)


def _deadline_key(deadline: domain.Deadline) -> str:
    return (
        f"{deadline.reference}:{deadline.kind.value}:{deadline.stage}:"
        f"{deadline.subject_id}:{deadline.due_on.isoformat()}"
    )


def _who(complaint: domain.Complaint) -> str:
    return complaint.handler.name if complaint.handler else "no handler assigned"


def _what(deadline: domain.Deadline) -> str:
    words = DEADLINE_WORDS[deadline.kind]
    if deadline.kind is domain.DeadlineKind.OUTSTANDING_ACTION:
        words += f" {deadline.subject_id}"
    return f"stage {deadline.stage} {words}"


def _flags(complaint: domain.Complaint) -> str:
    marks = []
    if complaint.is_priority:
        marks.append("PRIORITY (safety)")
    if complaint.unreasonable_behaviour is not None:
        marks.append("flagged: unreasonable behaviour")
    return f" [{', '.join(marks)}]" if marks else ""


def _reminder_text(complaint: domain.Complaint, reminder: domain.Reminder) -> str:
    due: date = reminder.deadline.due_on
    left = reminder.working_days_left
    when = "today" if left == 0 else f"in {left} working day{'s' if left != 1 else ''}"
    return (
        f"Reminder for {_who(complaint)}: complaint {complaint.reference}{_flags(complaint)} "
        f"{_what(reminder.deadline)} is due {when} ({long_date(due)})."
    )


def _breach_text(complaint: domain.Complaint, breach: domain.Breach) -> str:
    days = breach.working_days_overdue
    return (
        f"Deadline missed: complaint {complaint.reference}{_flags(complaint)} "
        f"{_what(breach.deadline)} was due {long_date(breach.deadline.due_on)} and is "
        f"{days} working day{'s' if days != 1 else ''} overdue. Handler: {_who(complaint)}."
    )
