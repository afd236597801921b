"""The annual complaints performance and service improvement report from the stored
records, and the parts the landlord writes into it (governing body response, commentary).

Reads every complaint received up to the end of the year once, then hands them to the
pure ``domain.reports.annual``; nothing here computes a figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from contact_hub.clock import Clock
from contact_hub.domain.errors import Conflict, Invalid
from contact_hub.domain.reports.annual import (
    Commentary,
    SurveyAnswer,
    annual_report,
    reporting_year,
)
from contact_hub.domain.reports.categories import ComplaintVocabulary
from contact_hub.domain.reports.facts import ComplaintFacts
from contact_hub.domain.reports.self_assessment import PROVISION_CODES
from contact_hub.domain.working_days import (
    CalendarNotCovered,
    WorkingCalendar,
    end_of_london_day,
    london_date,
)
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.complaints import repository as crepo
from contact_hub.storage.reports import repository as rrepo

FIRST_YEAR = 2024  # the Code became statutory on 1 April 2024
MAX_TEXT = 20_000


@dataclass(frozen=True)
class GoverningBodyResponseInput:
    """What the Member Responsible for Complaints writes for the governing body."""

    text: str
    responded_by: str
    responded_on: date


class AnnualReports:
    """Builds the annual report and keeps the landlord's written parts of it."""

    def __init__(
        self,
        uow: UnitsOfWork,
        clock: Clock,
        calendar: WorkingCalendar,
        homes: int,
        vocabulary: ComplaintVocabulary,
        organisation: str,
    ) -> None:
        self.uow = uow
        self.clock = clock
        self.calendar = calendar
        self.homes = homes
        self.vocabulary = vocabulary
        self.organisation = organisation

    def check_year(self, year: int) -> None:
        """A reporting year from 2024/25 to the current one (400 otherwise)."""
        latest = self.clock().year
        if not FIRST_YEAR <= year <= latest:
            raise Invalid(f"year: from {FIRST_YEAR} (2024/25) to {latest}")

    def annual(self, year: int) -> dict[str, Any]:
        """The report for the TSM year starting 1 April ``year``, as JSON-able data."""
        complaints, surveys, commentary = self.load(year)
        try:
            return annual_report(
                complaints, year=year, homes=self.homes, calendar=self.calendar,
                vocabulary=self.vocabulary, surveys=surveys, commentary=commentary,
                organisation=self.organisation, as_of=london_date(self.clock()),
            )
        except CalendarNotCovered as error:
            raise Invalid(str(error)) from error

    def load(self, year: int) -> tuple[list[ComplaintFacts], list[SurveyAnswer], Commentary]:
        """The report facts of every complaint received by the year's end (from the facts
        table: no case document is decoded), the year's survey answers and the landlord's
        commentary (the inputs of the annual and quarterly reports)."""
        self.check_year(year)
        if self.homes <= 0:
            raise Conflict("COMPLAINTS_HOMES is not set: the TSM rates are per 1,000 homes")
        period = reporting_year(year)
        # Answers after the last instant of 31 March, up to the last instant of the next one.
        after = end_of_london_day(period.start - timedelta(days=1))
        end = end_of_london_day(period.end)
        with self.uow() as uow:
            session = uow.session
            complaints = crepo.report_facts_received_by(session, end)
            surveys = [SurveyAnswer("complaint", score, at, channel) for score, at, channel
                       in rrepo.complaint_survey_answers(session, after, end)]
            surveys += [SurveyAnswer("contact", score, at, channel) for score, at, channel
                        in rrepo.contact_survey_answers(session, after, end)]
            return complaints, surveys, _commentary(session, year)

    def rebuild_facts(self, batch: int = 500) -> tuple[int, int]:
        """Rewrite every case's report facts from its document, a batch per transaction;
        (cases checked, facts written or changed). Safe to run again: unchanged facts are
        left alone, so a second run changes nothing."""
        checked = changed = 0
        last = 0
        while True:
            with self.uow.transaction() as uow:
                ids = crepo.complaint_ids(uow.session, last, batch)
                if not ids:
                    return checked, changed
                for row in crepo.complaints_by_ids(uow.session, ids):
                    changed += crepo.refresh_facts(row)
                checked += len(ids)
                last = ids[-1]

    def respond_for_governing_body(
        self, year: int, response: GoverningBodyResponseInput, actor: str
    ) -> None:
        """Record (or replace) the governing body's response to the year's report."""
        self.check_year(year)
        text = _text(response.text, "text")
        by = _text(response.responded_by, "responded_by")[:200]
        if response.responded_on > self.clock().date():
            raise Invalid("responded_on: cannot be in the future")
        with self.uow.transaction() as uow:
            row = rrepo.governing_body_response(uow.session, year)
            if row is None:
                row = rrepo.GoverningBodyResponse(year=year)
                uow.session.add(row)
            row.text, row.responded_by, row.responded_on = text, by, response.responded_on
            row.updated_by, row.updated_at = actor, self.clock()

    def comment_on_provision(self, year: int, provision: str, text: str, actor: str) -> None:
        """Record the landlord's commentary on one self-assessment provision."""
        self.check_year(year)
        if provision not in PROVISION_CODES:
            raise Invalid(f"provision: one of {', '.join(PROVISION_CODES)}")
        words = _text(text, "commentary")
        with self.uow.transaction() as uow:
            row = rrepo.provision_commentary(uow.session, year).get(provision)
            if row is None:
                row = rrepo.SelfAssessmentCommentary(year=year, provision=provision)
                uow.session.add(row)
            row.text, row.updated_by, row.updated_at = words, actor, self.clock()


def _commentary(session: Session, year: int) -> Commentary:
    response = rrepo.governing_body_response(session, year)
    provisions = {code: row.text for code, row in rrepo.provision_commentary(session, year).items()}
    if response is None:
        return Commentary(provisions=provisions)
    return Commentary(response.text, response.responded_by, response.responded_on, provisions)


def _text(value: str, name: str) -> str:
    if not value or not value.strip():
        raise Invalid(f"{name}: required")
    if len(value) > MAX_TEXT:
        raise Invalid(f"{name}: at most {MAX_TEXT} characters")
    return value.strip()
