"""Complaint Handling Code timescales (2024) as pure functions of dates.

Receipt rule (our policy decision; the Code does not define "working day" or
"received", complaint-rules.md §1.10): the complaint is received on its
Europe/London calendar date *whatever the hour*, and that date is day 0 even
when it is a weekend, bank holiday or after office hours. A complaint emailed at
23:00 on Friday or on Saturday is due for acknowledgement by the following
Friday. Counting an out-of-hours receipt from the next working day instead would
push every deadline one working day later, so this is the strictest reading: a
landlord that meets it meets any other.

The stage 2 window ("within 30 days of receiving the stage 1 response") is in
calendar days, because the policy says "30 days" where it elsewhere says
"working days"; it runs from the London date the response was issued (day 0)
to the end of the 30th day after it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from contact_hub.domain.working_days import WorkingCalendar, london_date

__all__ = [
    "ACKNOWLEDGE_WITHIN_WORKING_DAYS",
    "ESCALATION_WINDOW_CALENDAR_DAYS",
    "EXTENSION_LIMIT_WORKING_DAYS",
    "RESPONSE_WITHIN_WORKING_DAYS",
    "acknowledge_by",
    "add_years",
    "escalation_window_ends",
    "latest_extended_due",
    "london_date",
    "out_of_time",
    "response_due_base",
    "time_limit_ends",
]

# Code 6.2 and 6.11: acknowledge, define and log within 5 working days.
ACKNOWLEDGE_WITHIN_WORKING_DAYS = 5
# Code 6.3 and 6.14: respond within 10 / 20 working days of acknowledgement.
RESPONSE_WITHIN_WORKING_DAYS = {1: 10, 2: 20}
# Code 6.4 and 6.15: one extension of no more than 10 / 20 working days.
EXTENSION_LIMIT_WORKING_DAYS = {1: 10, 2: 20}
ESCALATION_WINDOW_CALENDAR_DAYS = 30
TIME_LIMIT_YEARS = 1


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def acknowledge_by(requested_at: datetime, calendar: WorkingCalendar) -> date:
    """Last day to acknowledge a complaint (stage 1) or escalation request (stage 2)."""
    return calendar.add_working_days(london_date(requested_at), ACKNOWLEDGE_WITHIN_WORKING_DAYS)


def response_due_base(acknowledged_at: datetime, stage: int, calendar: WorkingCalendar) -> date:
    """Response deadline before any extension: the clock runs from acknowledgement."""
    days = RESPONSE_WITHIN_WORKING_DAYS[stage]
    return calendar.add_working_days(london_date(acknowledged_at), days)


def latest_extended_due(base_due: date, stage: int, calendar: WorkingCalendar) -> date:
    """The furthest an extension may move the response deadline at ``stage``."""
    return calendar.add_working_days(base_due, EXTENSION_LIMIT_WORKING_DAYS[stage])


def escalation_window_ends(stage1_responded_at: datetime) -> date:
    """Last calendar day on which the resident may ask for stage 2 as of right."""
    return london_date(stage1_responded_at) + timedelta(days=ESCALATION_WINDOW_CALENDAR_DAYS)


def time_limit_ends(issue_occurred_on: date) -> date:
    """Last day a complaint is within the 12-month limit (Code 2.3).

    ``issue_occurred_on`` is when the issue happened or, if later, when the
    resident became aware of it.
    """
    return add_years(issue_occurred_on, TIME_LIMIT_YEARS)


def out_of_time(issue_occurred_on: date | None, received_at: datetime) -> bool:
    """True if the complaint arrived more than 12 months after the issue.

    Unknown issue dates are never out of time: the exclusion needs evidence.
    """
    if issue_occurred_on is None:
        return False
    return london_date(received_at) > time_limit_ends(issue_occurred_on)
