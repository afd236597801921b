"""How long a contact may wait in each queue, and how a queue stands against that. Pure.

The inbox shows each queue's oldest waiting contact against its target in words as well
as colour: "within target", "nearing target" (from three quarters of it), "over target".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from contact_hub.domain.contacts.types import ContactStatus

WAIT_TARGETS: dict[str, timedelta] = {
    "emergencies": timedelta(minutes=15),
    ContactStatus.NEEDS_ATTENTION: timedelta(minutes=30),
    "repairs": timedelta(hours=4),
    "anti_social_behaviour": timedelta(hours=4),
    "complaints": timedelta(hours=8),
    "tenancy": timedelta(hours=8),
    "income": timedelta(hours=8),
    "general": timedelta(hours=8),
}
DEFAULT_TARGET = timedelta(hours=8)
NEARING = 0.75

# Most urgent first on the inbox; the rest in the order the router names them.
FIRST_QUEUES = ("emergencies", ContactStatus.NEEDS_ATTENTION)

QUEUE_LABELS = {
    "emergencies": "Emergencies",
    ContactStatus.NEEDS_ATTENTION: "Needs attention",
    "repairs": "Repairs",
    "anti_social_behaviour": "Anti-social behaviour",
    "complaints": "Complaints",
    "tenancy": "Tenancy",
    "income": "Income",
    "general": "General",
}


@dataclass(frozen=True)
class WaitStanding:
    """A queue's oldest wait against its target: a state for styling and its words."""

    state: str  # "empty" | "within" | "nearing" | "over"
    words: str


DUE_SOON = timedelta(days=3)


def deadline_standing(due_on: date | None, today: date) -> WaitStanding:
    """A complaint deadline in words: overdue, due soon (within 3 days) or on track."""
    if due_on is None:
        return WaitStanding("empty", "No deadline running")
    if due_on < today:
        days = (today - due_on).days
        return WaitStanding("over", f"Overdue by {days} day{'s' if days != 1 else ''}")
    if due_on - today <= DUE_SOON:
        days = (due_on - today).days
        when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
        return WaitStanding("nearing", f"Due soon ({when})")
    return WaitStanding("within", "On track")


def target_for(queue: str) -> timedelta:
    return WAIT_TARGETS.get(queue, DEFAULT_TARGET)


def standing(queue: str, oldest_wait: timedelta | None) -> WaitStanding:
    """How `queue` stands given its oldest contact has waited `oldest_wait` (None: empty)."""
    if oldest_wait is None:
        return WaitStanding("empty", "Nothing waiting")
    target = target_for(queue)
    if oldest_wait > target:
        return WaitStanding("over", f"Over target ({duration_words(target)})")
    if oldest_wait >= target * NEARING:
        return WaitStanding("nearing", f"Nearing target ({duration_words(target)})")
    return WaitStanding("within", f"Within target ({duration_words(target)})")


def duration_words(span: timedelta) -> str:
    """A wait as people say it: "45 min", "3 h 20 min", "2 days 4 h"."""
    minutes = max(int(span.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} day{'s' if days != 1 else ''}" + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    return f"{minutes} min" if minutes else "under a minute"
