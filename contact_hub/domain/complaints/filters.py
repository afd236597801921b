"""What the complaint list can be narrowed by: built by the API and the pages, read by
storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ComplaintFilters:
    """Filters for the complaint list (all optional)."""

    stage: int | None = None
    status: str | None = None
    handler_id: str | None = None
    due_before: date | None = None
    overdue_on: date | None = None  # overdue as at this London date
    not_overdue_on: date | None = None
