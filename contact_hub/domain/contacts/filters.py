"""What the contact list can be narrowed by: built by the API, read by storage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContactFilters:
    """Filters for the contact list (all optional)."""

    channel: str | None = None
    category: str | None = None
    status: str | None = None
    customer_id: int | None = None
