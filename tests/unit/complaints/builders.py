"""Shared test data: a calendar, people and a complaint walked through its stages."""

from datetime import UTC, datetime

from contact_hub.bank_holidays import england_and_wales_calendar
from contact_hub.domain.complaints import (
    Complainant,
    Complaint,
    ComplaintDefinition,
    Decision,
    Person,
    ResponseDraft,
    acknowledge,
    open_complaint,
    respond,
)

CALENDAR = england_and_wales_calendar(range(2025, 2029))
HANDLER_1 = Person(id="h-amy", name="Amy Patel")
HANDLER_2 = Person(id="h-ben", name="Ben Okafor")
RESIDENT = Complainant(name="Mrs Jean Smith", resident_id="R-1001")
DEFINITION = ComplaintDefinition(
    understanding="The kitchen leak reported in October has not been repaired after three visits.",
    outcomes_sought=("Repair the leak", "Compensation for the damaged flooring"),
)
FAR_FUTURE = datetime(2030, 1, 1, tzinfo=UTC)


def utc(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A UTC instant (London is on UTC in winter, BST in summer)."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def received(at: datetime, **kwargs: object) -> Complaint:
    """A new stage 1 complaint received at ``at``."""
    arguments: dict[str, object] = {
        "reference": "CMP-0001",
        "complainant": RESIDENT,
        "channel": "email",
        "summary": "Third visit and the leak is still not fixed. I am fed up.",
        **kwargs,
    }
    return open_complaint(
        received_at=at,
        now=FAR_FUTURE,
        actor="system",
        calendar=CALENDAR,
        **arguments,  # type: ignore[arg-type]
    ).complaint


def acknowledged(complaint: Complaint, at: datetime, handler: Person = HANDLER_1) -> Complaint:
    """Acknowledge the current stage."""
    return acknowledge(
        complaint,
        at=at,
        now=FAR_FUTURE,
        actor=handler.id,
        handler=handler,
        definition=DEFINITION,
        calendar=CALENDAR,
    ).complaint


def full_draft() -> ResponseDraft:
    """A response that passes the checklist."""
    return ResponseDraft(
        decision=Decision.UPHELD,
        reasons="Our contractor missed two appointments and the repair was not completed.",
        remedies=(),
        outstanding_actions=(),
    )


def responded(complaint: Complaint, at: datetime) -> Complaint:
    """Issue a complete response for the current stage."""
    return respond(complaint, at=at, now=FAR_FUTURE, actor="h-amy", draft=full_draft()).complaint
