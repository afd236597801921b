"""Staff who sign in to the workspace pages (API tokens stay for integrations)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from contact_hub.storage.base import Base


class StaffUser(Base):
    """A person with a role; only an argon2 hash of the password is stored."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(100), unique=True)  # lower-cased
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))  # "" for Entra-only accounts
    # "<tenant id>:<object id>" of the Entra ID account that signs in as this person
    entra_id: Mapped[str | None] = mapped_column(String(80), unique=True, index=True)
    created_at: Mapped[datetime]
    last_signed_in_at: Mapped[datetime | None]
    disabled_at: Mapped[datetime | None]
