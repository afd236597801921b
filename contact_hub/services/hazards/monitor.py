"""Keeping Awaab's Law clocks: reminders before each falls due and an alert to managers
when one is missed, on the complaint monitor's shape.

Every worker runs `check` on a timer: it asks the pure rules which reminders and missed
clocks are due now for open cases whose next clock is near, records each notice once
(unique key: case, clock, due time, kind), and queues it in the outbox for Slack. The
outbox posts it at most once however often either runs, retries it until Slack takes
it, and keeps the notice's status.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from contact_hub.clock import Clock
from contact_hub.domain import hazards as rules
from contact_hub.domain.alerts.messages import hazard_words
from contact_hub.domain.working_days import LONDON
from contact_hub.services.homes.matching import place_by_id
from contact_hub.services.notice_monitor import NoticeMonitor
from contact_hub.services.outbox import NoticeDelivery, notice_finder
from contact_hub.storage.homes import models as homes

logger = logging.getLogger(__name__)

LOOK_AHEAD = timedelta(days=7)  # 2 working days before a clock, over a long weekend


NOTICE_KIND = "hazard_notice"  # the outbox kind of a reminder or missed-clock alert


def notice_delivery(clock: Clock) -> NoticeDelivery:
    """How the outbox keeps a hazard notice's status."""
    return NoticeDelivery(notice_finder(homes.HazardNotice), clock)


class HazardMonitor(NoticeMonitor):
    """Creates reminder and missed-clock notices once each, and queues them in the outbox."""

    notice_model = homes.HazardNotice
    job_prefix = "hazard-notice"
    notice_kind = NOTICE_KIND
    noun = "hazard"

    def scan(self, session: Session, now: datetime) -> int:
        created = 0
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
        return created

    def _notice(self, session: Session, case: homes.HazardCase, kind: str,
                clock: rules.Deadline) -> int:
        key = f"{case.reference}:{clock.name}:{clock.due.isoformat()}:{kind}"
        return self.record_once(session, key, lambda: {
            "case_id": case.id, "kind": kind, "deadline": clock.name, "due_at": clock.due,
            "text": notice_text(session, case, kind, clock)})

    def send(self, notice_id: int) -> None:
        """Send one notice now through the outbox (at most once: only its claimant posts)."""
        with self.uow() as uow:
            notice = uow.session.get(homes.HazardNotice, notice_id)
            outbound_id = notice.outbound_id if notice is not None else None
        if outbound_id is not None:
            self.outbox.send(outbound_id)


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
