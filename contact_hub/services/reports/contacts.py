"""Contact KPIs from the stored contacts, replies, call endings and alerts; the figures are
``domain.reports.contact_kpis``'s."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from contact_hub.clock import Clock
from contact_hub.domain.errors import Invalid
from contact_hub.domain.reports.contact_kpis import (
    REPEAT_WINDOW,
    AlertFacts,
    ContactFacts,
    contact_kpis,
)
from contact_hub.domain.working_days import end_of_london_day, london_date
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.reports import repository as rrepo

# Resolutions in the period may be of contacts received up to this long before it.
LOOK_BACK = timedelta(days=31)
MAX_DAYS = 400
RATE_DAYS = 30  # the window /metrics reports its rates over


class ContactKpis:
    """Contacts by channel, category and hour; resolution, response and acknowledgement."""

    def __init__(
        self, uow: UnitsOfWork, clock: Clock, targets: Mapping[str, int]
    ) -> None:
        self.uow = uow
        self.clock = clock
        self.targets = dict(targets)

    def kpis(self, start: date, end: date) -> dict[str, Any]:
        """The KPIs for the London dates ``start`` to ``end`` (both included)."""
        if end < start:
            raise Invalid("to: the period ends before it starts")
        if (end - start).days > MAX_DAYS:
            raise Invalid(f"to: at most {MAX_DAYS} days at a time")
        after = end_of_london_day(start - timedelta(days=1))
        until = end_of_london_day(end)
        with self.uow() as uow:
            session = uow.session
            rows = rrepo.contact_facts_rows(session, after - LOOK_BACK, until + REPEAT_WINDOW)
            endings = rrepo.call_endings(session, after, until)
            ivr_calls = rrepo.ivr_call_endings(session, after, until)
            alerts = rrepo.alert_times(session, after, until)
        contacts = [ContactFacts(*row) for row in rows]
        return contact_kpis(
            contacts, start=start, end=end, targets=self.targets, call_endings=endings,
            ivr_calls=ivr_calls,
            alerts=[AlertFacts(opened, acknowledged) for opened, acknowledged in alerts],
        )

    def recent_rates(self) -> dict[str, Any]:
        """The last 30 days' KPIs (to today), for the Prometheus rates."""
        today = london_date(self.clock())
        return self.kpis(today - timedelta(days=RATE_DAYS - 1), today)
