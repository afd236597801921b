"""Keeping repair service standards: a reminder before a repair's target falls due and an
alert to a manager when it is missed, on the hazard and complaint monitors' shape.

Every worker runs `check` on a timer: open repairs due within a week are asked of the pure
rules; each reminder or missed target is recorded once (unique key: repair, due time,
kind) and queued in the outbox for Slack (`queue_staff_notice`), which posts it at most
once and keeps the notice's status.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from contact_hub.clock import Clock
from contact_hub.domain import repairs as rules
from contact_hub.domain.working_days import LONDON
from contact_hub.services.homes.matching import place_by_id
from contact_hub.services.notice_monitor import NoticeMonitor
from contact_hub.services.outbox import NoticeDelivery, notice_finder
from contact_hub.storage.homes import models as homes

logger = logging.getLogger(__name__)

LOOK_AHEAD = timedelta(days=7)  # a working day before the target, over a long weekend
NOTICE_KIND = "repair_notice"  # the outbox kind of a reminder or missed-target alert


def notice_delivery(clock: Clock) -> NoticeDelivery:
    """How the outbox keeps a repair notice's status."""
    return NoticeDelivery(notice_finder(homes.RepairNotice), clock)


class RepairMonitor(NoticeMonitor):
    """Creates reminder and missed-target notices once each, and queues them in the outbox."""

    notice_model = homes.RepairNotice
    job_prefix = "repair-notice"
    notice_kind = NOTICE_KIND
    noun = "repair"

    def scan(self, session: Session, now: datetime) -> int:
        created = 0
        repairs = session.scalars(select(homes.RepairRequest).where(
            homes.RepairRequest.status == "open",
            homes.RepairRequest.due_at <= now + LOOK_AHEAD)).all()
        for repair in repairs:
            target = rules.Target.from_code(repair.target)
            if rules.overdue(repair.due_at, repair.completed_at, now):
                created += self._notice(session, repair, "breach")
            elif target.remind(repair.due_at, now, self.calendar):
                created += self._notice(session, repair, "reminder")
        return created

    def _notice(self, session: Session, repair: homes.RepairRequest, kind: str) -> int:
        key = f"{repair.reference}:{repair.due_at.isoformat()}:{kind}"
        return self.record_once(session, key, lambda: {
            "repair_id": repair.id, "kind": kind, "due_at": repair.due_at,
            "text": notice_text(session, repair, kind)})


def notice_text(session: Session, repair: homes.RepairRequest, kind: str) -> str:
    """What staff read: the repair, the home (or that it is unknown), the target and when."""
    place = place_by_id(session, repair.property_id)
    where = place.address if place else "address not known: call the resident"
    target = rules.Target.from_code(repair.target).words
    due = repair.due_at.astimezone(LONDON).strftime("%H:%M on %a %d %b %Y")
    what = f"{repair.priority} repair {repair.reference} ({where}; target {target})"
    if kind == "reminder":
        return f"Reminder: {what} is due by {due}."
    return (f"Repair target MISSED: {what} was due by {due} and is not recorded as done. "
            f"Manager: arrange the repair now and tell the resident when it will be done.")
