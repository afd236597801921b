"""Queries for API tokens and the access audit (the only SQL for either)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from contact_hub.domain.privacy.access_reads import ReadFilters
from contact_hub.storage.access.models import AccessRead, StaffSignIn
from contact_hub.storage.access.staff_models import StaffUser
from contact_hub.storage.models import ApiToken

__all__ = ["AccessRead", "ApiToken", "ReadFilters", "StaffSignIn", "StaffUser"]


def active_token(session: Session, token_hash: str, now: datetime) -> ApiToken | None:
    """The token with this hash unless it is revoked or expired."""
    return session.scalar(
        select(ApiToken).where(
            ApiToken.token_hash == token_hash,
            ApiToken.revoked_at.is_(None),
            or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > now),
        )
    )


def all_tokens(session: Session) -> Sequence[ApiToken]:
    return session.scalars(select(ApiToken).order_by(ApiToken.id)).all()


def get_token(session: Session, token_id: int) -> ApiToken | None:
    return session.get(ApiToken, token_id)


def search_reads(
    session: Session, filters: ReadFilters, limit: int, offset: int
) -> tuple[Sequence[AccessRead], int]:
    """Reads matching every given filter, newest first, and how many match in all."""
    conditions = []
    if filters.actor is not None:
        conditions.append(AccessRead.actor == filters.actor)
    if filters.record_type is not None:
        conditions.append(AccessRead.record_type == filters.record_type)
    if filters.record_id is not None:
        conditions.append(AccessRead.record_id == filters.record_id)
    if filters.since is not None:
        conditions.append(AccessRead.at >= filters.since)
    total = session.scalar(select(func.count()).select_from(AccessRead).where(*conditions)) or 0
    rows = session.scalars(
        select(AccessRead).where(*conditions)
        .order_by(AccessRead.at.desc(), AccessRead.id.desc()).limit(limit).offset(offset)
    ).all()
    return rows, total


def staff_by_entra_id(session: Session, entra_id: str) -> StaffUser | None:
    return session.scalars(select(StaffUser).where(StaffUser.entra_id == entra_id)).first()


def staff_by_email(session: Session, email: str) -> StaffUser | None:
    return session.scalars(select(StaffUser).where(StaffUser.email == email)).first()


def sign_ins(session: Session, limit: int = 100) -> Sequence[StaffSignIn]:
    """The latest sign-in decisions, newest first."""
    return session.scalars(
        select(StaffSignIn).order_by(StaffSignIn.at.desc(), StaffSignIn.id.desc()).limit(limit)
    ).all()
