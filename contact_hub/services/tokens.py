"""API bearer tokens: shown once on creation, stored only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy.orm import Session, sessionmaker

from contact_hub.clock import Clock
from contact_hub.storage import repository as repo
from contact_hub.storage.db import transaction

ROLES = ("agent", "admin")
PREFIX = "chub_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenService:
    """Creates and checks API tokens."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self.sessions = sessions
        self.clock = clock

    def create(self, role: str, name: str | None = None) -> str:
        """Store a new token for `role` and return it (the only time it is visible)."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        token = PREFIX + secrets.token_urlsafe(32)
        with transaction(self.sessions) as session:
            session.add(
                repo.ApiToken(
                    token_hash=token_hash(token), role=role, name=name, created_at=self.clock()
                )
            )
        return token

    def role_for(self, token: str) -> str | None:
        """The role of a valid, unrevoked token, else None."""
        identity = self.identify(token)
        return identity[0] if identity else None

    def identify(self, token: str) -> tuple[str, str] | None:
        """(role, actor) for a valid token; the actor names it in audit trails."""
        if not token.startswith(PREFIX):
            return None
        with self.sessions() as session:
            found = repo.token_by_hash(session, token_hash(token))
            if found is None:
                return None
            return found.role, found.name or f"token-{found.id}"
