"""The quarterly report to the governing body: built from the same records as the annual
report, and sent by a periodic job to the configured list once each quarter has ended.

``send_due`` runs on every worker's timer. Once a quarter has ended it queues one email per
address in ``QUARTERLY_REPORT_RECIPIENTS`` through the outbox, keyed by year, quarter and
address, so a second run or worker sends nothing more. The email carries the figures as
text and the link to the report with charts (HTML, or PDF with ``format=pdf``): the outbox
sends text, not attachments.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from contact_hub.clock import Clock
from contact_hub.domain.errors import Invalid
from contact_hub.domain.reports.quarterly import (
    Quarter,
    quarter_containing,
    quarterly_trends,
    summary_text,
)
from contact_hub.domain.working_days import CalendarNotCovered, london_date
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.services.reports.annual import AnnualReports
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage import repository as repo

logger = logging.getLogger(__name__)


class QuarterlyReports:
    """Trends by quarter for the governing body, and the email that takes them there."""

    def __init__(
        self,
        uow: UnitsOfWork,
        annual: AnnualReports,
        outbox: Outbox,
        clock: Clock,
        recipients: Sequence[str],
        public_base_url: str | None,
    ) -> None:
        self.uow = uow
        self.annual = annual
        self.outbox = outbox
        self.clock = clock
        self.recipients = tuple(recipients)
        self.public_base_url = public_base_url

    def trends(self, year: int, upto: int) -> dict[str, Any]:
        """Quarters 1 to ``upto`` of the TSM year starting 1 April ``year``."""
        if not 1 <= upto <= 4:
            raise Invalid("upto: a quarter from 1 to 4")
        complaints, surveys, _ = self.annual.load(year)
        try:
            return quarterly_trends(
                complaints, year=year, upto=upto, homes=self.annual.homes,
                calendar=self.annual.calendar, vocabulary=self.annual.vocabulary,
                surveys=surveys, organisation=self.annual.organisation)
        except CalendarNotCovered as error:
            raise Invalid(str(error)) from error

    def send_due(self) -> int:
        """Queue the last ended quarter's report to each recipient (once); how many new."""
        if not self.recipients or self.annual.homes <= 0:
            return 0
        today = london_date(self.clock())
        ended = quarter_containing(quarter_containing(today).start - timedelta(days=1))
        key = f"quarterly-report-{ended.year}-q{ended.number}"
        trends = None
        queued = 0
        with self.uow() as uow:
            session = uow.session
            for address in self.recipients:
                if repo.outbound_by_key(session, f"{key}-{address}") is not None:
                    continue  # sent already (the outbox would refuse it anyway)
                trends = trends or self.trends(ended.year, ended.number)
                _, job = self.outbox.queue(session, NewMessage(
                    key=f"{key}-{address}", kind="quarterly_report", channel="email",
                    recipient=address, body=self._body(trends, ended), priority="low",
                    suppressed_because=None if "email" in self.outbox.transports
                    else "no email transport here: send it by hand"))
                uow.enqueue(job)
                queued += job is not None
            uow.commit()
        if trends is not None:
            logger.info("quarterly report queued quarter=%s", key)
        return queued

    def _body(self, trends: dict[str, Any], quarter: Quarter) -> str:
        link = None
        if self.public_base_url:
            link = (f"{self.public_base_url.rstrip('/')}/api/v1/reports/quarterly?"
                    f"year={quarter.year}&upto={quarter.number}&format=pdf")
        return summary_text(trends, link)
