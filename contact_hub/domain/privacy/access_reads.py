"""What the access audit (who read which resident's record) can be searched by."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ReadFilters:
    """Filters for the access audit (all optional)."""

    actor: str | None = None
    record_type: str | None = None
    record_id: str | None = None
    since: datetime | None = None
