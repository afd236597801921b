"""The privacy audit: one append-only row per retention run, export, erasure or hold."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from contact_hub.storage.privacy import repository as prepo


def record(
    session: Session, now: datetime, actor: str, action: str, customer_id: int | None,
    detail: dict[str, Any],
) -> None:
    """Append an audit row (ids, counts and reasons only: no personal data)."""
    session.add(prepo.PrivacyEvent(
        at=now, actor=actor[:100], action=action, customer_id=customer_id, detail=detail,
    ))
