"""Keeping Graph's change-notification subscription on the shared inbox alive.

Subscriptions on messages expire within days (the documented maximum has been 4,230
minutes; newer pages say more, so we ask for less than the older figure). A periodic
task creates the subscription when there is none and renews it well before it expires;
if Graph has forgotten it (404 on renewal) a new one is created. Notifications missed
meanwhile are found by the catch-up poll (services.email_intake).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from channels.base import ChannelRejected
from contact_hub.clock import Clock
from contact_hub.services.email.intake import GraphMailbox
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.email import store as email_store

logger = logging.getLogger(__name__)

LIFETIME = timedelta(minutes=4200)  # under the 4,230-minute maximum for messages
RENEW_BEFORE = timedelta(hours=24)


class EmailSubscription:
    """Creates and renews the inbox subscription; state lives in the database."""

    def __init__(
        self,
        uow: UnitsOfWork,
        graph: GraphMailbox,
        notification_url: str,
        client_state: str,
        clock: Clock,
    ) -> None:
        self.uow = uow
        self.graph = graph
        self.notification_url = notification_url
        self._client_state = client_state
        self.clock = clock

    def keep_alive(self) -> str:
        """Create or renew the subscription if it is missing or due; say what was done."""
        now = self.clock()
        with self.uow.transaction() as uow:
            state = email_store.mailbox_state(uow.session, self.graph.mailbox)
            current, expires = state.subscription_id, state.subscription_expires_at
        if current and expires is not None and expires - now > RENEW_BEFORE:
            return "current"
        if current and expires is not None and expires > now:
            try:
                answer = self._renew(current, now + LIFETIME)
                return self._save(answer, now, "renewed")
            except ChannelRejected:
                logger.warning("graph subscription gone; creating a new one")
        return self._save(self._create(now + LIFETIME), now, "created")

    def _renew(self, subscription_id: str, until: datetime) -> dict[str, Any]:
        api = self.graph.api
        response = api.request(
            "PATCH",
            f"{api.api}/subscriptions/{quote(subscription_id, safe='')}",
            json={"expirationDateTime": _stamp(until)},
        )
        return {"id": subscription_id, "expirationDateTime": _stamp(until), **response.json()}

    def _create(self, until: datetime) -> dict[str, Any]:
        api = self.graph.api
        body = {
            "changeType": "created",
            "notificationUrl": self.notification_url,
            "resource": f"users/{self.graph.mailbox}/mailFolders('inbox')/messages",
            "expirationDateTime": _stamp(until),
            "clientState": self._client_state,
        }
        # Not idempotent: a timeout may leave a subscription we do not know of, whose
        # duplicate notifications the unique message rows absorb.
        response = api.request("POST", f"{api.api}/subscriptions", json=body, idempotent=False)
        answer: dict[str, Any] = response.json()
        return {"expirationDateTime": _stamp(until), **answer}

    def _save(self, answer: dict[str, Any], now: datetime, done: str) -> str:
        expires = _parse(answer.get("expirationDateTime")) or now + LIFETIME
        with self.uow.transaction() as uow:
            state = email_store.mailbox_state(uow.session, self.graph.mailbox)
            state.subscription_id = str(answer["id"])[:200]
            state.subscription_expires_at = expires
        logger.info("graph subscription %s subscription_id=%s", done, answer["id"])
        return done


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.0000000Z")


def _parse(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
