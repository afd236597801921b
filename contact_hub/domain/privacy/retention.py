"""Retention rules (UK GDPR storage limitation) and what anonymising a record removes.

Pure: the services decide which rows are due from these rules and a clock. A record is
due when its expiry date (the London date of its last activity, closure for cases, plus
the rule's years) is on or before today. Anonymising keeps what statistics need (channel,
category, dates, stage, outcome) and removes what identifies a person or what they said.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from contact_hub.domain.complaints.deadlines import add_years, london_date

REMOVED = "[removed]"

# Words in a complaint's document that are the resident's, or about them; enums, dates,
# ids, amounts and staff (handler) details are kept so reports still add up.
_COMPLAINT_FREE_TEXT = frozenset({
    "summary", "understanding", "reasons", "description", "explanation", "detail",
    "closed_reason", "late_acceptance_reason", "comment", "text", "note", "body", "reason",
    "action", "subject", "orders",  # an Ombudsman order may name the resident
})
_COMPLAINT_LISTS = frozenset({"outcomes_sought"})


@dataclass(frozen=True)
class RetentionPolicy:
    """How long each kind of record is kept (years), from RETENTION_* settings."""

    contact_years: int = 6
    complaint_years: int = 6
    bsa_complaint_years: int = 7
    hazard_years: int = 6
    tenancy_years: int = 6

    def contact_expires_on(self, last_activity: datetime) -> date:
        """A contact is kept this long after the last thing that happened on it."""
        return add_years(london_date(last_activity), self.contact_years)

    def complaint_expires_on(self, closed_at: datetime, *, bsa_relevant: bool) -> date:
        """A case is kept this long after it was closed (Building Safety Act cases longer)."""
        years = self.bsa_complaint_years if bsa_relevant else self.complaint_years
        return add_years(london_date(closed_at), years)

    def hazard_case_expires_on(self, closed_at: datetime, retain_until: date | None) -> date:
        """A hazard case is kept this long after it closed, and never before the date the
        case itself was given (the end of the sixth year, issue 18), whichever is later."""
        expires = add_years(london_date(closed_at), self.hazard_years)
        return max(expires, retain_until) if retain_until is not None else expires

    def member_expires_on(self, ended_on: date) -> date:
        """A household member's details are kept this long after they left the household
        (their tenancy ended, or the housing system stopped listing them)."""
        return add_years(ended_on, self.tenancy_years)

    def hazard_rule(self) -> str:
        return (f"{self.hazard_years} years after closure, and not before the case's own "
                "retain-until date (RETENTION_HAZARD_YEARS)")

    def tenancy_rule(self) -> str:
        return (f"{self.tenancy_years} years after the tenancy ended or the person left the "
                "household (RETENTION_TENANCY_YEARS)")

    def contact_rule(self) -> str:
        return f"{self.contact_years} years after the last activity (RETENTION_CONTACT_YEARS)"

    def complaint_rule(self, *, bsa_relevant: bool) -> str:
        if bsa_relevant:
            return (f"{self.bsa_complaint_years} years after closure, a Building Safety Act "
                    "relevant complaint (RETENTION_BSA_COMPLAINT_YEARS)")
        return f"{self.complaint_years} years after closure (RETENTION_COMPLAINT_YEARS)"

    def earliest_cutoff(self, now: datetime) -> datetime:
        """Nothing with activity after this can be due yet (a cheap filter for queries)."""
        years = min(self.contact_years, self.complaint_years, self.bsa_complaint_years)
        return _years_before(now, years)

    def contact_cutoff(self, now: datetime) -> datetime:
        return _years_before(now, self.contact_years)


def _years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def is_due(expires_on: date, now: datetime) -> bool:
    """Due on the expiry date itself (London time)."""
    return expires_on <= london_date(now)


def anonymise_complaint_document(document: dict[str, Any]) -> dict[str, Any]:
    """The case's document without the complainant's name, advocate or anyone's words.

    The shape stays loadable (strings stay strings, lists stay lists), so reports that
    read every case still work.
    """
    scrubbed: dict[str, Any] = copy.deepcopy(document)
    complainant = scrubbed.get("complainant")
    if isinstance(complainant, dict):
        complainant["name"] = REMOVED
        complainant["advocate"] = None
    for key, value in scrubbed.items():
        if key not in ("complainant", "reference", "channel"):
            scrubbed[key] = _scrub(key, value)
    return scrubbed


def _scrub(key: str, value: Any) -> Any:
    if key in _COMPLAINT_LISTS and isinstance(value, list):
        return []
    if isinstance(value, dict):
        if key == "details":  # timeline event details: free-form, keep only the shape
            return {k: _scrub_all(k, v) for k, v in value.items()}
        return {k: _scrub(k, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(key, item) for item in value]
    if isinstance(value, str) and key in _COMPLAINT_FREE_TEXT:
        return REMOVED
    return value


def _scrub_all(key: str, value: Any) -> Any:
    """Every string removed except dates and codes (a timeline's details are free-form)."""
    if isinstance(value, dict):
        return {k: _scrub_all(k, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_all(key, item) for item in value]
    if isinstance(value, str) and (key in _COMPLAINT_FREE_TEXT or not _looks_like_code(value)):
        return REMOVED
    return value


def _looks_like_code(value: str) -> bool:
    """ISO dates and snake_case codes (statuses, grounds, decisions) carry no one's words."""
    if not value or len(value) > 40:
        return False
    try:
        datetime.fromisoformat(value)
        return True
    except ValueError:
        pass
    return value.replace("_", "").replace("-", "").isalnum() and value == value.lower()
