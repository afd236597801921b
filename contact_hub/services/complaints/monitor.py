"""Keeping to time: reminders before each complaint deadline and alerts when one is missed.

A periodic task (every worker runs it on a timer) asks the pure monitor which
reminders and breaches are due *now*, records each once in ``complaint_notices``
(keyed on ``Reminder.key`` / the breach's deadline), and a job posts it to the
complaints Slack channel. Reminders name the handler; breaches alert the manager.
Flagged (vexatious) cases are included: a flag never hides a deadline.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from channels.base import ChannelRejected, ChannelUnavailable
from contact_hub import job_names
from contact_hub.clock import Clock
from contact_hub.domain import complaints as domain
from contact_hub.domain.complaints.messages import long_date
from contact_hub.domain.working_days import WorkingCalendar
from contact_hub.queueing import SLACK_QUEUE, Dispatcher, JobRequest
from contact_hub.storage.complaints import repository as crepo
from contact_hub.storage.db import transaction

logger = logging.getLogger(__name__)

DEADLINE_WORDS = {
    domain.DeadlineKind.ACKNOWLEDGEMENT: "acknowledgement",
    domain.DeadlineKind.RESPONSE: "response",
    domain.DeadlineKind.OUTSTANDING_ACTION: "outstanding action",
    domain.DeadlineKind.BEHAVIOUR_REVIEW: "review of the unreasonable-behaviour flag",
}


class SlackPoster(Protocol):
    """What the monitor needs from Slack (``channels.slack.SlackAlerts``)."""

    def post(self, channel: str, text: str) -> str: ...


def notice_job(notice_id: int) -> JobRequest:
    return JobRequest(
        func=job_names.SEND_COMPLAINT_NOTICE,
        args=(notice_id,),
        job_id=f"complaint-notice-{notice_id}",
        queue=SLACK_QUEUE,
        retry=(10, 60, 300),
    )


class ComplaintMonitor:
    """Creates reminder and breach notices once each, and sends them."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        dispatcher: Dispatcher,
        clock: Clock,
        calendar: WorkingCalendar,
        slack: SlackPoster | None,
        slack_channel: str | None,
    ) -> None:
        self.sessions = sessions
        self.dispatcher = dispatcher
        self.clock = clock
        self.calendar = calendar
        self.slack = slack if slack_channel else None
        self.slack_channel = slack_channel

    def check(self) -> int:
        """Record the reminders and breaches due now; return how many are new."""
        now = self.clock()
        jobs: list[JobRequest] = []
        created = 0
        with transaction(self.sessions) as session:
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
            jobs = [notice_job(n.id) for n in crepo.pending_notices(session)]
        self.dispatcher.enqueue_all(jobs)
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
                status="pending" if self.slack else "not_configured",
                created_at=self.clock(),
            )
        )
        session.flush()
        return 1

    def send(self, notice_id: int) -> None:
        """Post one notice to Slack, at most once: only the claimant posts.

        Raises:
            ChannelUnavailable: Slack is down or rate limiting; RQ retries the job.
        """
        with transaction(self.sessions) as session:
            if not crepo.claim_notice(session, notice_id):
                return
            notice = crepo.get_notice(session, notice_id)
            assert notice is not None
            text = notice.text
        if self.slack is None or self.slack_channel is None:
            self._finish(notice_id, "not_configured", None, None)
            return
        try:
            ts = self.slack.post(self.slack_channel, text)
        except ChannelRejected as error:
            self._finish(notice_id, "failed", None, str(error))
        except ChannelUnavailable as error:
            self._finish(notice_id, "pending", None, str(error))
            raise
        else:
            self._finish(notice_id, "sent", ts, None)

    def _finish(self, notice_id: int, status: str, ts: str | None, error: str | None) -> None:
        with transaction(self.sessions) as session:
            notice = crepo.get_notice(session, notice_id)
            assert notice is not None
            notice.status, notice.slack_ts = status, ts
            notice.error = error[:500] if error else None
            if status == "sent":
                notice.sent_at = self.clock()
        logger.info("complaint notice %s notice_id=%s", status, notice_id)


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
