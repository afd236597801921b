"""Appending to a complaint's timeline: the one way every action changes state."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

from contact_hub.domain.complaints.model import (
    Complaint,
    ComplaintEvent,
    InvalidTransition,
    Status,
    Transition,
)


def as_utc(moment: datetime, name: str) -> datetime:
    """Normalise an aware datetime to UTC; naive datetimes are a programming error."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment.astimezone(UTC)


def check_when(complaint: Complaint | None, at: datetime, now: datetime) -> datetime:
    """Validate ``at`` for a new event and return it in UTC.

    Back-dating is allowed (work done by phone, on paper) but an event cannot
    be in the future, nor before the last thing already on the timeline, so the
    timeline stays in the order things happened.
    """
    at_utc = as_utc(at, "at")
    if at_utc > as_utc(now, "now"):
        raise InvalidTransition(f"{at_utc:%d %b %Y %H:%M} UTC is in the future")
    if complaint is not None and complaint.timeline and at_utc < complaint.timeline[-1].at:
        last = complaint.timeline[-1]
        raise InvalidTransition(
            f"{at_utc:%d %b %Y %H:%M} UTC is before the last recorded event "
            f"({last.kind} at {last.at:%d %b %Y %H:%M} UTC)"
        )
    return at_utc


def require_open(complaint: Complaint, action: str) -> None:
    """Refuse changes to a declined complaint, with a reason a handler understands."""
    if complaint.status is Status.DECLINED:
        raise InvalidTransition(f"cannot {action}: complaint {complaint.reference} was declined")


def require_text(value: str, what: str) -> str:
    """Non-blank free text, stripped."""
    if not value or not value.strip():
        raise InvalidTransition(f"{what} must be given")
    return value.strip()


def append_event(
    complaint: Complaint,
    *,
    kind: str,
    at: datetime,
    now: datetime,
    actor: str,
    details: dict[str, Any] | None = None,
    **changes: Any,
) -> Transition:
    """Apply ``changes`` and append one event; ``at`` must already be validated."""
    event = ComplaintEvent(
        kind=kind,
        at=at,
        recorded_at=as_utc(now, "now"),
        actor=require_text(actor, "the person recording this"),
        details=details or {},
    )
    updated = dataclasses.replace(complaint, timeline=(*complaint.timeline, event), **changes)
    return Transition(updated, (event,))
