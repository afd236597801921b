"""Tables for privacy: legal holds and the audit of retention, exports and erasures.

`privacy_events` holds no personal data itself (ids, counts and reasons), so it can be
kept for as long as the landlord must show what it did with a person's data.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from contact_hub.storage.base import Base


class LegalHold(Base):
    """An admin's instruction that nothing about a person is erased or expired."""

    __tablename__ = "legal_holds"
    __table_args__ = (Index("ix_legal_holds_customer_released", "customer_id", "released_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    reason: Mapped[str] = mapped_column(String(1000))
    set_by: Mapped[str] = mapped_column(String(100))
    set_at: Mapped[datetime]
    released_at: Mapped[datetime | None]
    released_by: Mapped[str | None] = mapped_column(String(100))


class PrivacyEvent(Base):
    """Append-only audit: retention runs, subject access exports, erasures, holds."""

    __tablename__ = "privacy_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    # retention | export | erase | hold_set | hold_released
    action: Mapped[str] = mapped_column(String(20), index=True)
    # No foreign key: the audit outlives the record it talks about.
    customer_id: Mapped[int | None] = mapped_column(index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
