"""Keeping an alert's Slack card in step with the alert: one post, thread replies, updates.

Each Slack action is a notification row and an outbox row (channel `slack`, on the Slack
queue), queued in the escalation transaction. The alert's card actions share a sequence
key, so the outbox sends them in order and stops at a transient failure: updates never
overtake the post. The outbox claims, retries (after Slack's Retry-After) and gives up;
`AlertCards` is what it asks of the alert: the card as the alert is now, and what to keep
when an action is done (the card's ts, `slack_failed`). Slack being down never holds up
SMS or voice paging, which are on other queues.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from channels.slack import (
    CARD_ACTION,
    AlertCard,
    CardAction,
    PostedMessage,
    StatusChange,
    parse_posted_id,
)
from contact_hub.clock import Clock
from contact_hub.domain.alerts import escalation as esc
from contact_hub.domain.alerts import messages as say
from contact_hub.queueing import SLACK_QUEUE, JobRequest
from contact_hub.services.escalation.records import AlertLog, caller_from, place
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.storage import repository as repo
from contact_hub.storage.alerts import repository as alerts

logger = logging.getLogger(__name__)

SLACK_KINDS = ("slack_post", "slack_reply", "slack_update", "slack_reminder")
MAX_SLACK_ATTEMPTS = 7  # the first try and six retries (5 s up to 10 min apart)


@dataclass(frozen=True)
class SlackConfig:
    """Where alert cards go (SLACK_EMERGENCY_CHANNEL); the client is the outbox's transport."""

    channel: str


def card_sequence(alert_id: int) -> str:
    """The outbox sequence of one alert's card actions."""
    return f"alert-{alert_id}-slack"


class AlertSlack:
    """Queues the alert's card actions; does nothing when Slack is not configured."""

    def __init__(self, outbox: Outbox, log: AlertLog, config: SlackConfig | None) -> None:
        self.outbox = outbox
        self.log = log
        self.config = config

    def queue(
        self, session: Session, row: alerts.Alert, kind: str, suffix: str, now: datetime,
        note: esc.Notification | None = None,
    ) -> list[JobRequest]:
        """Queue a post, reply or update of the card (once per `kind` and `suffix`)."""
        if self.config is None:
            return []
        key = f"alert-{row.id}-{kind}-{suffix}"
        if alerts.notification_by_outbound_key(session, key) is not None:
            return []
        outbound_id, job = self.outbox.queue(session, _card_message(
            key, kind, row.id, self.config.channel))
        self.log.notification(session, row.id, key, row.step_index, kind, now, note,
                              outbound_id)
        return [job] if job else []

    def adopt(self, session: Session, notification: alerts.AlertNotification) -> list[JobRequest]:
        """Hand a Slack action queued before the outbox carried Slack to the outbox."""
        if self.config is None:
            notification.status = "failed"
            notification.error = "Slack is not configured"
            return []
        outbound_id, job = self.outbox.queue(session, _card_message(
            notification.key, notification.kind, notification.alert_id, self.config.channel))
        notification.outbound_id = outbound_id
        return [job] if job else []

    def sync(self, alert_id: int) -> None:
        """Send the alert's queued card actions in order (for Slack jobs queued before
        the outbox carried Slack)."""
        with self.outbox.uow() as uow:
            queued = repo.queued_in_sequence(uow.session, card_sequence(alert_id))
        if queued:
            self.outbox.send(queued[0])


class AlertCards:
    """The outbox's delivery of card actions: the card as the alert is now, read when the
    action is sent, and the alert's record of what happened to it."""

    max_attempts: int | None = MAX_SLACK_ATTEMPTS

    def __init__(self, clock: Clock, log: AlertLog) -> None:
        self.clock = clock
        self.log = log

    def prepare(self, session: Session, outbound: repo.OutboundMessage) -> dict[str, Any] | None:
        """The card action; None when there is nothing to do any more."""
        notification = alerts.notification_by_outbound_key(session, outbound.idempotency_key)
        assert notification is not None
        row = alerts.get_alert(session, notification.alert_id)
        assert row is not None
        kind, posted = notification.kind, _posted(row)
        mention = notification.target_slack_user_id
        if kind != "slack_post" and posted is None:
            return None  # nothing to update yet: the post (still to come) shows the latest
        if kind == "slack_reminder" and row.state != "acknowledged":
            return None  # resolved since: nothing to remind
        card = _card(session, row, mention)
        if kind == "slack_post":
            return {CARD_ACTION: CardAction(card)}
        if kind == "slack_update":
            return {CARD_ACTION: CardAction(card, posted)}
        if kind == "slack_reminder":
            reminder = say.reminder_reply(str(row.acknowledged_by), row.ack_code,
                                          _minutes_since(row.acknowledged_at, self.clock()))
            return {CARD_ACTION: CardAction(card, posted, reminder, mention)}
        return {CARD_ACTION: CardAction(card, posted, _reply_text(card))}

    def finished(self, session: Session, outbound: repo.OutboundMessage) -> None:
        """Keep the notification row's status, the posted card's place, and `slack_failed`."""
        notification = alerts.notification_by_outbound_key(session, outbound.idempotency_key)
        if notification is None:
            return
        notification.status = outbound.status  # queued, sent, failed, superseded ...
        notification.error = outbound.error_message if outbound.status != "sent" else None
        notification.attempts, notification.updated_at = outbound.attempts, self.clock()
        posted = parse_posted_id(outbound.provider_message_id)
        if outbound.kind == "slack_post" and outbound.status == "sent" and posted is not None:
            row = alerts.lock_alert(session, notification.alert_id)
            assert row is not None
            row.slack_channel, row.slack_ts = posted.channel, posted.ts
        if outbound.status == "failed":
            self.log.event(session, notification.alert_id, "slack_failed",
                           detail={"kind": outbound.kind, "code": outbound.error_code})
            logger.error("slack gave up alert_id=%s code=%s", notification.alert_id,
                         outbound.error_code)


def _card_message(key: str, kind: str, alert_id: int, channel: str) -> NewMessage:
    """The outbox row of one card action (the card itself is read when it is sent)."""
    return NewMessage(key=key, kind=kind, channel="slack", recipient=channel,
                      body=f"alert {alert_id}: {kind.replace('_', ' ')}", priority=SLACK_QUEUE,
                      sequence=card_sequence(alert_id))


def _card(session: Session, row: alerts.Alert, mention: str | None) -> AlertCard:
    contacts = alerts.contacts_of(session, row.id)
    first = contacts[0]
    customer = session.get(repo.Customer, first.customer_id)
    caller = caller_from(session, contacts)
    return AlertCard(
        alert_id=str(row.id), hazards=tuple(row.incident.get("hazards", [])),
        address=place(row), resident_words=first.text, channel=first.channel,
        received_at=first.received_at, ack_code=row.ack_code,
        customer=" ".join(filter(None, [customer.display_name if customer else None,
                                        first.sender])),
        vulnerabilities=caller.vulnerabilities if caller else (),
        callback=caller.callback if caller else None,
        paging_slack_user_id=mention, reports=len(contacts),
        acknowledged=_change(row.acknowledged_by, row.acknowledged_at, row.acknowledged_via),
        resolved=_change(row.resolved_by, row.resolved_at, row.resolved_via),
    )


def _posted(row: alerts.Alert) -> PostedMessage | None:
    if row.slack_channel and row.slack_ts:
        return PostedMessage(row.slack_channel, row.slack_ts)
    return None


def _change(by: str | None, at: datetime | None, via: str | None) -> StatusChange | None:
    if by is None or at is None:
        return None
    return StatusChange(by_name=by, at=at, via=via or "api")


def _minutes_since(at: datetime | None, now: datetime) -> int:
    return int((now - at).total_seconds() // 60) if at is not None else 0


def _reply_text(card: AlertCard) -> str:
    return f"Still unacknowledged: paging the next on-call. Reply ACK {card.ack_code}."
