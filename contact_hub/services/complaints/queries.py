"""Reading complaint cases: one case, a page of summaries, the TSM report.

The building register that safety concerns refer to is kept here too.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from contact_hub.domain.complaints.reports import complaints_report
from contact_hub.domain.errors import Conflict, Invalid, NotFound
from contact_hub.domain.working_days import CalendarNotCovered, end_of_london_day
from contact_hub.domain.working_days import london_date as to_london_date
from contact_hub.services.complaints.store import ComplaintStore, ComplaintView
from contact_hub.storage.complaints import repository as crepo


class ComplaintQueries(ComplaintStore):
    """Shows, lists and reports cases; keeps the building register."""

    def get(self, reference: str) -> ComplaintView:
        """One case with its stages, timeline, survey answer and staff notices."""
        with self.uow() as uow:
            row = crepo.complaint_by_reference(uow.session, reference)
            if row is None:
                raise NotFound(f"no complaint {reference}")
            return self._view(uow.session, row, crepo.to_domain(row))

    def search(
        self, filters: crepo.ComplaintFilters, overdue: bool | None, limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        """A page of case summaries, earliest next deadline first."""
        today = to_london_date(self.clock())
        if overdue is True:
            filters = _replace_filters(filters, overdue_on=today)
        elif overdue is False:
            filters = _replace_filters(filters, not_overdue_on=today)
        with self.uow() as uow:
            rows, total = crepo.list_complaints(uow.session, filters, limit, offset)
            return [_summary(row, today) for row in rows], total

    def report(self, start: date, end: date) -> dict[str, Any]:
        """TSM CH01/CH02 and Code timeliness for a period of London dates."""
        if self.homes <= 0:
            raise Conflict("COMPLAINTS_HOMES is not set: the TSM rates are per 1,000 homes")
        if end < start:
            raise Invalid("to: the period ends before it starts")
        with self.uow() as uow:
            complaints = crepo.report_facts_received_by(uow.session, end_of_london_day(end))
        try:
            return complaints_report(
                complaints,
                period_start=start,
                period_end=end,
                homes=self.homes,
                calendar=self.calendar,
            )
        except CalendarNotCovered as error:
            raise Invalid(str(error)) from error

    def register_building(self, building_id: str, name: str, higher_risk: bool) -> None:
        """Add or update a building in the register (higher-risk under the BSA or not)."""
        with self.uow() as uow:
            building = crepo.get_building(uow.session, building_id)
            if building is None:
                uow.session.add(crepo.Building(id=building_id, name=name,
                                               higher_risk=higher_risk))
            else:
                building.name, building.higher_risk = name, higher_risk
            uow.commit()


def _replace_filters(filters: crepo.ComplaintFilters, **changes: Any) -> crepo.ComplaintFilters:
    values = {**filters.__dict__, **changes}
    return crepo.ComplaintFilters(**values)


def _summary(row: crepo.ComplaintRow, today: date) -> dict[str, Any]:
    return {
        "reference": row.reference,
        "stage": row.stage,
        "status": row.status,
        "handler_id": row.handler_id,
        "channel": row.channel,
        "received_at": row.received_at.isoformat(),
        "acknowledge_by": row.acknowledge_by.isoformat(),
        "response_due": row.response_due.isoformat() if row.response_due else None,
        "next_due_on": row.next_due_on.isoformat() if row.next_due_on else None,
        "overdue": bool(row.next_due_on and row.next_due_on < today),
        "priority": row.priority,
        "bsa_relevant": row.bsa_relevant,
        "unreasonable_behaviour_flagged": row.unreasonable_behaviour_flagged,
    }
