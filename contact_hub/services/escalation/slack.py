"""Keeping an alert's Slack card in step with the alert: one post, thread replies, updates.

Each Slack action is a notification row queued in the escalation transaction; the Slack
job (`slack_job`) works an alert's queued rows in order, claiming them one by one. A
transient failure schedules a retry and stops there, so updates never overtake the post;
Slack being down never holds up SMS or voice paging, which go through the outbox.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from channels.base import ChannelRejected, ChannelUnavailable
from channels.slack import AlertCard, PostedMessage, SlackAlerts, StatusChange
from contact_hub import job_names
from contact_hub.clock import Clock
from contact_hub.domain.alerts import escalation as esc
from contact_hub.domain.alerts import messages as say
from contact_hub.queueing import SLACK_QUEUE, Dispatcher, JobRequest
from contact_hub.services.escalation.records import AlertLog, place
from contact_hub.storage import repository as repo
from contact_hub.storage.alerts import repository as alerts
from contact_hub.storage.db import transaction

logger = logging.getLogger(__name__)

SLACK_KINDS = ("slack_post", "slack_reply", "slack_update", "slack_reminder")
SLACK_RETRY_SECONDS = (5, 15, 60, 120, 300, 600)
MAX_SLACK_ATTEMPTS = len(SLACK_RETRY_SECONDS) + 1


@dataclass(frozen=True)
class SlackConfig:
    client: SlackAlerts
    channel: str


def slack_job(alert_id: int, suffix: str, at: datetime | None = None) -> JobRequest:
    """The job that works the alert's queued Slack actions (`suffix` keeps job ids apart)."""
    return JobRequest(
        func=job_names.POST_SLACK_ALERT,
        args=(alert_id,),
        job_id=f"slack-{alert_id}-{suffix}",
        queue=SLACK_QUEUE,  # its own worker: a hanging Slack never delays an SMS page
        at=at,
    )


class AlertSlack:
    """The alert's Slack card; does nothing when Slack is not configured."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        dispatcher: Dispatcher,
        clock: Clock,
        log: AlertLog,
        config: SlackConfig | None,
    ) -> None:
        self.sessions = sessions
        self.dispatcher = dispatcher
        self.clock = clock
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
        notification = self.log.notification(session, row.id, key, row.step_index, kind, now,
                                             note)
        return [slack_job(row.id, str(notification.id))]

    def sync(self, alert_id: int) -> None:
        """Work the alert's queued Slack actions in order (post, thread replies, updates)."""
        with self.sessions() as session:
            queued = [n.id for n in alerts.notifications_of(session, alert_id, SLACK_KINDS,
                                                            "queued")]
        for notification_id in queued:
            if not self._one(alert_id, notification_id):
                return  # a transient failure: a retry job is scheduled; keep the order

    def _one(self, alert_id: int, notification_id: int) -> bool:
        assert self.config is not None
        with transaction(self.sessions) as session:
            if not alerts.claim_notification(session, notification_id, self.clock()):
                return True
            row = alerts.get_alert(session, alert_id)
            notification = session.get(alerts.AlertNotification, notification_id)
            assert row is not None and notification is not None
            kind, posted = notification.kind, _posted(row)
            mention = notification.target_slack_user_id
            card = _card(session, row, mention)
            if kind != "slack_post" and posted is None:
                # Nothing to update yet: the post (still to come) shows the latest state.
                notification.status = "superseded"
                return True
            if kind == "slack_reminder" and row.state != "acknowledged":
                notification.status = "superseded"  # resolved since: nothing to remind
                return True
            reminder = (say.reminder_reply(str(row.acknowledged_by), row.ack_code,
                                           _minutes_since(row.acknowledged_at, self.clock()))
                        if kind == "slack_reminder" else None)
        try:
            if kind == "slack_post":
                result = self.config.client.post_alert(self.config.channel, card)
            elif kind == "slack_update":
                assert posted is not None
                result = self.config.client.update_alert(posted, card)
            elif reminder is not None:
                assert posted is not None
                result = self.config.client.post_reply(
                    posted, reminder, mention=mention)
            else:
                assert posted is not None
                result = self.config.client.post_reply(posted, _reply_text(card))
        except ChannelUnavailable as error:
            self._retry(alert_id, notification_id, error)
            return False
        except ChannelRejected as error:
            self._done(alert_id, notification_id, "failed", error=str(error))
            return True
        self._done(alert_id, notification_id, "sent",
                   posted=result if kind == "slack_post" else None)
        return True

    def _retry(self, alert_id: int, notification_id: int, error: ChannelUnavailable) -> None:
        now = self.clock()
        with transaction(self.sessions) as session:
            notification = session.get(alerts.AlertNotification, notification_id)
            assert notification is not None
            attempts = notification.attempts
            if attempts >= MAX_SLACK_ATTEMPTS:
                notification.status, notification.error = "failed", str(error)
                self.log.event(session, alert_id, "slack_failed", detail={"code": error.code})
                logger.error("slack gave up alert_id=%s code=%s", alert_id, error.code)
                return
            notification.status, notification.error = "queued", str(error)
            notification.updated_at = now
        delay = error.retry_after or SLACK_RETRY_SECONDS[attempts - 1]
        at = now + timedelta(seconds=delay)
        logger.warning("slack unavailable, retrying alert_id=%s in=%ss code=%s",
                       alert_id, delay, error.code)
        self.dispatcher.enqueue_all([slack_job(alert_id, f"{notification_id}-r{attempts}", at)])

    def _done(
        self, alert_id: int, notification_id: int, status: str, *, error: str | None = None,
        posted: PostedMessage | None = None,
    ) -> None:
        with transaction(self.sessions) as session:
            notification = session.get(alerts.AlertNotification, notification_id)
            assert notification is not None
            notification.status, notification.error = status, error
            notification.updated_at = self.clock()
            if posted is not None:
                row = alerts.lock_alert(session, alert_id)
                assert row is not None
                row.slack_channel, row.slack_ts = posted.channel, posted.ts
            if status == "failed":
                self.log.event(session, alert_id, "slack_failed",
                               detail={"kind": notification.kind})
        logger.info("slack %s alert_id=%s notification_id=%s", status, alert_id, notification_id)


def _card(session: Session, row: alerts.Alert, mention: str | None) -> AlertCard:
    contacts = alerts.contacts_of(session, row.id)
    first = contacts[0]
    customer = session.get(repo.Customer, first.customer_id)
    return AlertCard(
        alert_id=str(row.id), hazards=tuple(row.incident.get("hazards", [])),
        address=place(row), resident_words=first.text, channel=first.channel,
        received_at=first.received_at, ack_code=row.ack_code,
        customer=" ".join(filter(None, [customer.display_name if customer else None,
                                        first.sender])),
        vulnerabilities=tuple((first.decision or {}).get("vulnerabilities", ())),
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
