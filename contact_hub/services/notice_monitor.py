"""What the hazard and repair monitors share: every worker runs `check` on a timer; a
subclass's `scan` records each reminder or missed-deadline notice once (its own unique
key), and the notices not yet sent are queued in the outbox for Slack, which posts each at
most once and keeps its status."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from contact_hub.clock import Clock
from contact_hub.domain.working_days import WorkingCalendar
from contact_hub.services.outbox import Outbox, queue_pending_notices
from contact_hub.services.unit_of_work import UnitsOfWork

logger = logging.getLogger(__name__)


class NoticeMonitor:
    """Creates reminder and missed-deadline notices once each (`scan`), and queues them."""

    notice_model: Any  # the notice table (e.g. homes.HazardNotice)
    job_prefix: str  # the outbox key's prefix, e.g. "hazard-notice"
    notice_kind: str  # the outbox kind, e.g. "hazard_notice"
    noun: str  # for the log line: "hazard", "repair"

    def __init__(self, uow: UnitsOfWork, clock: Clock, calendar: WorkingCalendar,
                 outbox: Outbox, slack_channel: str | None) -> None:
        self.uow = uow
        self.clock = clock
        self.calendar = calendar
        self.outbox = outbox
        self.slack_channel = slack_channel  # None: Slack is not configured

    def check(self) -> int:
        """Record the reminders and missed deadlines due now; return how many are new."""
        now = self.clock()
        with self.uow.transaction() as uow:
            created = self.scan(uow.session, now)
            if self.slack_channel:  # new notices, and any made before the outbox sent them
                uow.enqueue_all(queue_pending_notices(
                    self.outbox, uow.session, self.notice_model, self.job_prefix,
                    self.notice_kind, self.slack_channel))
        if created:
            logger.info("%s notices created count=%s", self.noun, created)
        return created

    def scan(self, session: Session, now: datetime) -> int:
        """Record the notices due at `now` (each once); return how many are new."""
        raise NotImplementedError

    def record_once(self, session: Session, key: str,
                    fields: Callable[[], dict[str, Any]]) -> int:
        """Record the notice `key` with `fields()` unless it is recorded already (then
        `fields` is not called); return 1 if it is new, else 0."""
        model = self.notice_model
        if session.scalar(select(model.id).where(model.key == key)):
            return 0
        session.add(model(key=key, status="pending" if self.slack_channel else "not_configured",
                          created_at=self.clock(), **fields()))
        session.flush()
        return 1
