"""API bearer tokens: shown once on creation, stored only as a SHA-256 hash; listed
without their secret, revoked, and optionally expiring.

A token has one of the roles people have (`domain.access.roles`: agent, handler, manager,
admin) and may do exactly what a signed-in person of that role may.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from contact_hub.clock import Clock
from contact_hub.domain.access.roles import ROLES
from contact_hub.domain.errors import Invalid, NotFound
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.access import store as access_store

PREFIX = "chub_"
MAX_EXPIRY_DAYS = 3650


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class TokenIdentity:
    """Who holds a valid token: its id, role, and the name audit trails show."""

    token_id: int
    role: str
    actor: str


@dataclass(frozen=True)
class TokenInfo:
    """A token as listed: everything but its secret (which is never stored)."""

    id: int
    role: str
    name: str | None
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    state: str  # active | expired | revoked


class TokenService:
    """Creates, checks, lists and revokes API tokens."""

    def __init__(self, uow: UnitsOfWork, clock: Clock) -> None:
        self.uow = uow
        self.clock = clock

    def create(
        self, role: str, name: str | None = None, expires_in_days: int | None = None
    ) -> str:
        """Store a new token for `role` and return it (the only time it is visible)."""
        return self.issue(role, name, expires_in_days)[0]

    def issue(
        self, role: str, name: str | None = None, expires_in_days: int | None = None
    ) -> tuple[str, TokenInfo]:
        """A new token and its listing; the token itself is shown only now."""
        if role not in ROLES:
            raise Invalid(f"role: must be one of {', '.join(ROLES)}")
        if expires_in_days is not None and not 1 <= expires_in_days <= MAX_EXPIRY_DAYS:
            raise Invalid(f"expires_in_days: must be from 1 to {MAX_EXPIRY_DAYS}")
        now = self.clock()
        expires_at = now + timedelta(days=expires_in_days) if expires_in_days else None
        token = PREFIX + secrets.token_urlsafe(32)
        with self.uow.transaction() as uow:
            row = access_store.ApiToken(token_hash=token_hash(token), role=role, name=name,
                                        created_at=now, expires_at=expires_at)
            uow.session.add(row)
            uow.flush()
            return token, self._info(row)

    def role_for(self, token: str) -> str | None:
        """The role of a valid, unrevoked, unexpired token, else None."""
        identity = self.lookup(token)
        return identity.role if identity else None

    def identify(self, token: str) -> tuple[str, str] | None:
        """(role, actor) for a valid token; the actor names it in audit trails."""
        identity = self.lookup(token)
        return (identity.role, identity.actor) if identity else None

    def lookup(self, token: str) -> TokenIdentity | None:
        """The holder of a valid token (not revoked, not expired), else None."""
        if not token.startswith(PREFIX):
            return None
        with self.uow() as uow:
            found = access_store.active_token(uow.session, token_hash(token), self.clock())
            if found is None:
                return None
            return TokenIdentity(found.id, found.role, found.name or f"token-{found.id}")

    def list(self) -> list[TokenInfo]:
        """Every token ever made, oldest first, without secrets."""
        with self.uow() as uow:
            return [self._info(row) for row in access_store.all_tokens(uow.session)]

    def revoke(self, token_id: int) -> TokenInfo:
        """Revoke a token at once (revoking twice keeps the first time)."""
        with self.uow.transaction() as uow:
            row = access_store.get_token(uow.session, token_id)
            if row is None:
                raise NotFound(f"no token {token_id}")
            row.revoked_at = row.revoked_at or self.clock()
            return self._info(row)

    def _info(self, row: access_store.ApiToken) -> TokenInfo:
        if row.revoked_at is not None:
            state = "revoked"
        elif row.expires_at is not None and row.expires_at <= self.clock():
            state = "expired"
        else:
            state = "active"
        return TokenInfo(row.id, row.role, row.name, row.created_at, row.expires_at,
                         row.revoked_at, state)
