"""Who read which resident's record, and when: the access audit data-protection audits
ask for (a row per read of a customer record, contact or complaint case by a person)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from contact_hub.storage.base import Base


class AccessRead(Base):
    """One read of one record by one person (an API token's holder, a signed-in user)."""

    __tablename__ = "access_audit"
    __table_args__ = (
        Index("ix_access_audit_record", "record_type", "record_id"),
        Index("ix_access_audit_actor_at", "actor", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    token_id: Mapped[int | None] = mapped_column(Integer)  # the API token used, if any
    via: Mapped[str] = mapped_column(String(20))  # api | web
    record_type: Mapped[str] = mapped_column(String(30))  # customer | contact | complaint
    record_id: Mapped[str] = mapped_column(String(64))


class StaffSignIn(Base):
    """One sign-in attempt to the staff pages that reached a decision: who, how, and what
    came of it (an account made, signed in, or refused and why). No passwords or tokens."""

    __tablename__ = "staff_sign_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    method: Mapped[str] = mapped_column(String(20))  # password | entra
    outcome: Mapped[str] = mapped_column(String(20))  # signed_in | created | refused
    staff_user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    email: Mapped[str | None] = mapped_column(String(100))
    entra_id: Mapped[str | None] = mapped_column(String(80))
    role: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(200))
