"""Keeping Awaab's Law clocks: reminders before each falls due and an alert to managers
when one is missed, on the complaint monitor's shape.

Every worker runs `check` on a timer: it asks the pure rules which reminders and missed
clocks are due now for open cases whose next clock is near, records each notice once
(unique key: case, clock, due time, kind), and queues one job per pending notice. The job
claims its notice (pending -> sending, one UPDATE: a second job finds nothing to claim)
and posts it to Slack, so a notice is posted at most once however often either runs.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from channels.base import ChannelRejected, ChannelUnavailable
from contact_hub import job_names
from contact_hub.clock import Clock
from contact_hub.domain import hazards as rules
from contact_hub.domain.alerts.messages import hazard_words
from contact_hub.domain.working_days import LONDON, WorkingCalendar
from contact_hub.queueing import SLACK_QUEUE, Dispatcher, JobRequest
from contact_hub.services.complaints.monitor import SlackPoster
from contact_hub.services.homes.matching import place_by_id
from contact_hub.storage.db import transaction
from contact_hub.storage.homes import models as homes

logger = logging.getLogger(__name__)

LOOK_AHEAD = timedelta(days=7)  # 2 working days before a clock, over a long weekend


def notice_job(notice_id: int) -> JobRequest:
    return JobRequest(func=job_names.SEND_HAZARD_NOTICE, args=(notice_id,),
                      job_id=f"hazard-notice-{notice_id}", queue=SLACK_QUEUE,
                      retry=(10, 60, 300))


class HazardMonitor:
    """Creates reminder and missed-clock notices once each, and posts them."""

    def __init__(self, sessions: sessionmaker[Session], dispatcher: Dispatcher, clock: Clock,
                 calendar: WorkingCalendar, slack: SlackPoster | None,
                 slack_channel: str | None) -> None:
        self.sessions = sessions
        self.dispatcher = dispatcher
        self.clock = clock
        self.calendar = calendar
        self.slack = slack if slack_channel else None
        self.slack_channel = slack_channel

    def check(self) -> int:
        """Record the reminders and missed clocks due now; return how many are new."""
        now = self.clock()
        created = 0
        with transaction(self.sessions) as session:
            cases = session.scalars(select(homes.HazardCase).where(
                homes.HazardCase.status == "open",
                homes.HazardCase.next_due_at <= now + LOOK_AHEAD)).all()
            for case in cases:
                kind = rules.HazardKind(case.kind)
                deadlines = rules.from_json(case.deadlines)
                for clock in rules.reminders_due(kind, deadlines, now, self.calendar):
                    created += self._notice(session, case, "reminder", clock)
                for clock in rules.overdue(deadlines, now):
                    created += self._notice(session, case, "breach", clock)
            pending = session.scalars(select(homes.HazardNotice.id).where(
                homes.HazardNotice.status == "pending").limit(200)).all()
        self.dispatcher.enqueue_all([notice_job(n) for n in pending])
        if created:
            logger.info("hazard notices created count=%s", created)
        return created

    def _notice(self, session: Session, case: homes.HazardCase, kind: str,
                clock: rules.Deadline) -> int:
        key = f"{case.reference}:{clock.name}:{clock.due.isoformat()}:{kind}"
        if session.scalar(select(homes.HazardNotice.id).where(homes.HazardNotice.key == key)):
            return 0
        session.add(homes.HazardNotice(
            key=key, case_id=case.id, kind=kind, deadline=clock.name, due_at=clock.due,
            text=notice_text(session, case, kind, clock),
            status="pending" if self.slack else "not_configured", created_at=self.clock()))
        session.flush()
        return 1

    def send(self, notice_id: int) -> None:
        """Post one notice, at most once: only the job that claims it posts.

        Raises:
            ChannelUnavailable: Slack is down or rate limiting; RQ retries the job.
        """
        with transaction(self.sessions) as session:
            claimed = session.execute(
                update(homes.HazardNotice)
                .where(homes.HazardNotice.id == notice_id, homes.HazardNotice.status == "pending")
                .values(status="sending"))
            if getattr(claimed, "rowcount", 0) != 1:
                return
            notice = session.get(homes.HazardNotice, notice_id)
            assert notice is not None
            text = notice.text
        if self.slack is None or self.slack_channel is None:
            self._finish(notice_id, "not_configured", None)
            return
        try:
            self.slack.post(self.slack_channel, text)
        except ChannelRejected as error:
            self._finish(notice_id, "failed", str(error))
        except ChannelUnavailable as error:
            self._finish(notice_id, "pending", str(error))
            raise
        else:
            self._finish(notice_id, "sent", None)

    def _finish(self, notice_id: int, status: str, error: str | None) -> None:
        with transaction(self.sessions) as session:
            notice = session.get(homes.HazardNotice, notice_id)
            assert notice is not None
            notice.status, notice.error = status, error[:500] if error else None
            if status == "sent":
                notice.sent_at = self.clock()
        logger.info("hazard notice %s notice_id=%s", status, notice_id)


def notice_text(session: Session, case: homes.HazardCase, kind: str,
                clock: rules.Deadline) -> str:
    """What staff read: the case, the home (or that it is unknown), the clock and its time."""
    place = place_by_id(session, case.property_id)
    where = place.address if place else "address not known: call the resident"
    what = f"{case.kind} hazard: {hazard_words([case.hazard])}, {where}"
    due = clock.due.astimezone(LONDON).strftime("%H:%M on %a %d %b %Y")
    job = rules.WORDS.get(clock.name, clock.name)
    if kind == "reminder":
        return f"Reminder: Awaab's Law case {case.reference} ({what}): {job} due by {due}."
    return (f"Awaab's Law clock MISSED: case {case.reference} ({what}): {job} was due by "
            f"{due} and is not recorded as done. Manager: act now; if the home cannot be "
            f"made safe in time, offer suitable alternative accommodation and record it.")
