"""Signing staff in with Microsoft Entra ID, beside passwords.

`start` begins msal's auth-code flow (state, nonce, PKCE) and keeps it in Redis under a
random key for ten minutes; only that key goes in the person's session cookie, so the PKCE
verifier never reaches the browser and a flow is redeemed at most once. `finish` takes the
flow back (GETDEL), lets the adapter check everything with the authority, then decides
who the person is here:

- the account already linked to this Entra identity;
- else the account with the same email in our tenant, which is linked now;
- else, when ENTRA_CREATE_ACCOUNTS is on, a new account (no password);

and gives them the role the directory entitles them to (ENTRA_ROLE_MAP), every sign-in, so
a role changed or taken away in Entra takes effect at the next sign-in. Someone with no
mapped app role or group is refused; so is a disabled account. Every decision is written
to `staff_sign_ins`.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, Protocol

from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy.orm import Session

from channels.entra_sign_in import EntraSignInFailed

__all__ = ["EntraSignInFailed", "EntraStaffSignIn"]
from contact_hub.clock import Clock
from contact_hub.domain.access.entra import EntraIdentity, role_for
from contact_hub.services.access.staff_users import SignIn, StaffMember, record_sign_in
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.access import store as access_store
from contact_hub.storage.access.staff_models import StaffUser

logger = logging.getLogger(__name__)

FLOW_LIFETIME = timedelta(minutes=10)


def _unavailable() -> EntraSignInFailed:
    return EntraSignInFailed("Microsoft sign-in is not available just now. Try again, or sign "
                             "in with your password.", "unavailable", unavailable=True)


class Authority(Protocol):
    def begin(self, redirect_uri: str) -> dict[str, Any]: ...

    def finish(self, flow: dict[str, Any], response: dict[str, str]) -> EntraIdentity: ...


class EntraStaffSignIn:
    """Microsoft sign-in for the staff pages."""

    def __init__(
        self, uow: UnitsOfWork, redis: Redis, clock: Clock,
        authority: Authority, role_map: Mapping[str, str], create_accounts: bool,
    ) -> None:
        self.uow = uow
        self.redis = redis
        self.clock = clock
        self.authority = authority
        self.role_map = dict(role_map)
        self.create_accounts = create_accounts

    def start(self, redirect_uri: str, next_page: str | None) -> tuple[str, str]:
        """(the key to keep in the session, the URL to send the browser to)."""
        flow = self.authority.begin(redirect_uri)
        key = secrets.token_urlsafe(24)
        try:
            self.redis.set(self._redis_key(key), json.dumps({"flow": flow, "next": next_page}),
                           ex=int(FLOW_LIFETIME.total_seconds()))
        except RedisError as error:
            raise _unavailable() from error
        return key, str(flow["auth_uri"])

    def finish(self, key: str | None, response: dict[str, str]) -> tuple[SignIn, str | None]:
        """The outcome, and the page the person asked for before signing in."""
        try:
            kept = self.redis.getdel(self._redis_key(key)) if key else None
        except RedisError:
            return SignIn(None, _unavailable().message), None
        if kept is None:
            self._audit(None, "no sign-in was started in this browser")
            return SignIn(None, "This sign-in link is out of date or was not started here. "
                                "Try again."), None
        started = json.loads(kept)
        try:
            identity = self.authority.finish(started["flow"], response)
        except EntraSignInFailed as failure:
            self._audit(None, f"microsoft: {failure.code}")
            return SignIn(None, failure.message), None
        return self._admit(identity), started.get("next")

    def _admit(self, identity: EntraIdentity) -> SignIn:
        role = role_for(identity, self.role_map)
        if role is None:
            self._audit(identity, "no app role or group for Contact Hub")
            return SignIn(None, "Your Microsoft account is not set up for Contact Hub. Ask "
                                "your administrator to give you a Contact Hub role.")
        # Every way out keeps what it did: a refusal is recorded in the sign-in audit.
        with self.uow.transaction() as uow:
            session = uow.session
            user = access_store.staff_by_entra_id(session, identity.key)
            if user is None and identity.email:
                user = access_store.staff_by_email(session, identity.email)
                if user is not None and user.entra_id not in (None, identity.key):
                    # that email belongs to an account linked to another directory identity
                    return self._refuse(session, identity, "email linked to another account")
            outcome = "signed_in"
            if user is None:
                if not self.create_accounts or not identity.email:
                    return self._refuse(session, identity, "no account and none may be made")
                user = StaffUser(email=identity.email[:100], name=identity.name or identity.email,
                                 role=role, password_hash="", created_at=self.clock())
                session.add(user)
                outcome = "created"
            if user.disabled_at is not None:
                return self._refuse(session, identity, "account disabled")
            user.entra_id = identity.key
            user.role = role
            user.last_signed_in_at = self.clock()
            session.flush()
            record_sign_in(session, self.clock(), "entra", outcome, user, reason=None,
                           entra_id=identity.key)
            logger.info("staff signed in with entra user_id=%s outcome=%s", user.id, outcome)
            return SignIn(StaffMember(user.id, user.email, user.name, user.role))

    def _refuse(self, session: Session, identity: EntraIdentity, reason: str) -> SignIn:
        record_sign_in(session, self.clock(), "entra", "refused", None, reason=reason,
                       entra_id=identity.key, email=identity.email)
        logger.info("staff sign-in with entra refused: %s", reason)
        return SignIn(None, "Your Microsoft account cannot sign in to Contact Hub. Ask your "
                            "administrator.")

    def _audit(self, identity: EntraIdentity | None, reason: str) -> None:
        with self.uow.transaction() as uow:
            record_sign_in(uow.session, self.clock(), "entra", "refused", None, reason=reason,
                           entra_id=identity.key if identity else None,
                           email=identity.email if identity else None)

    @staticmethod
    def _redis_key(key: str | None) -> str:
        return f"signin:entra:flow:{key}"
