"""Retention over the homes register and hazard cases: which are due, which must be kept.

Hazard cases (Awaab's Law): a closed case is kept RETENTION_HAZARD_YEARS after closure
(default 6, the period hazard records are kept for: issue 18), and never before the
retain-until date the case was given; an open case is never due. Its contacts go with it.

Household members (imported from the housing management system): kept while they are in
a current tenancy; once the tenancy has ended (its end date) or the housing system stopped
listing them, kept RETENTION_TENANCY_YEARS (default 6, the Limitation Act period used for
tenancy files) and then anonymised. Neither the customer policies nor the access policy
state a period for household records; the default is configuration for the landlord to
confirm (docs/privacy.md).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy.orm import Session

from contact_hub.domain.complaints.deadlines import london_date
from contact_hub.domain.privacy.retention import RetentionPolicy, is_due
from contact_hub.storage.homes.models import HazardCase, HouseholdMember, Tenancy
from contact_hub.storage.privacy import repository as prepo

# (kind, id, label, due, why): how a finding is noted in the retention plan.
Note = Callable[[str, int, str, bool, str], None]


def hazard_keep_reason(case: HazardCase, policy: RetentionPolicy, now: datetime) -> str | None:
    """Why a hazard case must be kept now (None: it may be anonymised)."""
    if case.status != "closed" or case.closed_at is None:
        return f"hazard case {case.reference} is open: its Awaab's Law clocks still run"
    expires = policy.hazard_case_expires_on(case.closed_at, case.retain_until)
    if not is_due(expires, now):
        return (f"hazard case {case.reference} closed {case.closed_at.date().isoformat()}, "
                f"kept until {expires.isoformat()}: " + policy.hazard_rule())
    return None


def hazard_cases_due(
    session: Session, policy: RetentionPolicy, now: datetime, on_hold: set[int], note: Note,
    limit: int, page: int,
) -> list[HazardCase]:
    """Closed hazard cases past their rule, except those of people on legal hold."""
    due: list[HazardCase] = []
    before, after = _years_before(now, policy.hazard_years), 0
    while len(due) < limit:
        rows = prepo.closed_hazard_cases_before(session, before, page, after)
        for case in rows:
            held = hazard_keep_reason(case, policy, now)
            if held is None and case.customer_id in on_hold:
                held = f"legal hold on customer {case.customer_id}"
            if held is not None:  # past the years, but its own date or a hold keeps it
                note("hazard_case", case.id, case.reference, False, held)
                continue
            assert case.closed_at is not None
            note("hazard_case", case.id, case.reference, True,
                 f"closed {case.closed_at.date().isoformat()}: " + policy.hazard_rule())
            due.append(case)
        if len(rows) < page:
            break
        after = rows[-1].id
    return due


def left_on(member: HouseholdMember, tenancy: Tenancy) -> date | None:
    """When the person left the household: the tenancy's end, else when the housing system
    stopped listing them; None while they are still in a current tenancy."""
    if tenancy.end_date is not None:
        return tenancy.end_date
    if not member.current:
        return london_date(member.updated_at)
    return None


def member_keep_reason(
    member: HouseholdMember, tenancy: Tenancy, policy: RetentionPolicy, now: datetime
) -> str | None:
    """Why a household member's details must be kept now (None: they may be anonymised)."""
    left = left_on(member, tenancy)
    if left is None:
        return (f"a member of current tenancy {tenancy.reference}: the housing system's "
                "record, kept while the tenancy runs (change it there)")
    expires = policy.member_expires_on(left)
    if not is_due(expires, now):
        return (f"left tenancy {tenancy.reference} on {left.isoformat()}, kept until "
                f"{expires.isoformat()}: " + policy.tenancy_rule())
    return None


def household_members_due(
    session: Session, policy: RetentionPolicy, now: datetime, note: Note, limit: int,
    page: int,
) -> list[HouseholdMember]:
    """Former household members past the tenancy rule."""
    due: list[HouseholdMember] = []
    after = 0
    while len(due) < limit:
        rows = prepo.former_household_members(session, page, after)
        for member, tenancy in rows:
            if member_keep_reason(member, tenancy, policy, now) is None:
                note("household_member", member.id, f"#{member.id} of {tenancy.reference}",
                     True, f"left on {left_on(member, tenancy)}: " + policy.tenancy_rule())
                due.append(member)
        if len(rows) < page:
            break
        after = rows[-1][0].id
    return due


def _years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)
