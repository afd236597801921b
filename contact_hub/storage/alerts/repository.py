"""Queries for alerts. The step job's row lock lives here (`lock_alert`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from contact_hub.storage.alerts.models import Alert, AlertContact, AlertEvent, AlertNotification
from contact_hub.storage.models import Contact

__all__ = [
    "Alert", "AlertContact", "AlertEvent", "AlertNotification", "alerts_to_join",
    "claim_notification", "contacts_of", "events_of", "get_alert", "list_alerts",
    "lock_alert", "notification_by_outbound_key", "notifications_of", "open_ack_codes",
    "open_alert_by_code", "overdue_alerts", "stale_slack_alerts", "state_counts",
    "time_to_acknowledge",
]


def get_alert(session: Session, alert_id: int) -> Alert | None:
    return session.get(Alert, alert_id)


def lock_alert(session: Session, alert_id: int) -> Alert | None:
    """The alert, locked until commit (SELECT ... FOR UPDATE on PostgreSQL).

    SQLite ignores FOR UPDATE; there its single writer plus the fencing token suffice.
    `populate_existing` makes a session that already loaded the row read it again.
    """
    return session.execute(
        select(Alert).where(Alert.id == alert_id).with_for_update().execution_options(
            populate_existing=True)
    ).scalar_one_or_none()


def alerts_to_join(session: Session, since: datetime) -> Sequence[Alert]:
    """Unresolved alerts with a report since `since`: candidates for grouping."""
    return session.scalars(
        select(Alert).where(Alert.state != "resolved", Alert.last_contact_at >= since)
        .order_by(Alert.id)
    ).all()


def alert_for_contact(session: Session, contact_id: int) -> Alert | None:
    """The alert a contact opened or joined, if any (the latest, should it be in two)."""
    return session.scalars(
        select(Alert).join(AlertContact, AlertContact.alert_id == Alert.id)
        .where(AlertContact.contact_id == contact_id).order_by(Alert.id.desc()).limit(1)
    ).first()


def open_ack_codes(session: Session) -> set[str]:
    return set(session.scalars(select(Alert.ack_code).where(Alert.state != "resolved")))


def open_alert_by_code(session: Session, code: str) -> Alert | None:
    """The newest unresolved alert with this acknowledgement code."""
    return session.scalars(
        select(Alert).where(Alert.ack_code == code, Alert.state != "resolved")
        .order_by(Alert.id.desc()).limit(1)
    ).first()


def overdue_alerts(session: Session, before: datetime, limit: int = 200) -> Sequence[Alert]:
    """Open alerts whose next step was due before `before`, locked; rows being worked
    on by a step job are skipped (PostgreSQL SKIP LOCKED) rather than waited for."""
    return session.scalars(
        select(Alert).where(Alert.state == "open", Alert.next_step_at < before)
        .order_by(Alert.next_step_at).limit(limit).with_for_update(skip_locked=True)
    ).all()


def acknowledged_unresolved(
    session: Session, acknowledged_before: datetime, limit: int = 200
) -> Sequence[Alert]:
    """Acknowledged alerts not yet resolved, acknowledged by `acknowledged_before`,
    locked (rows another worker holds are skipped, not waited for)."""
    return session.scalars(
        select(Alert).where(Alert.state == "acknowledged",
                            Alert.acknowledged_at <= acknowledged_before)
        .order_by(Alert.acknowledged_at).limit(limit).with_for_update(skip_locked=True)
    ).all()


def stale_slack_alerts(session: Session, before: datetime) -> Sequence[int]:
    """Alerts with a Slack action still queued since before `before` (a lost job)."""
    return session.scalars(
        select(AlertNotification.alert_id).distinct().where(
            AlertNotification.kind.like("slack%"), AlertNotification.status == "queued",
            AlertNotification.updated_at < before)
    ).all()


def contacts_of(session: Session, alert_id: int) -> Sequence[Contact]:
    return session.scalars(
        select(Contact).join(AlertContact, AlertContact.contact_id == Contact.id)
        .where(AlertContact.alert_id == alert_id).order_by(Contact.id)
    ).all()


def events_of(session: Session, alert_id: int) -> Sequence[AlertEvent]:
    return session.scalars(
        select(AlertEvent).where(AlertEvent.alert_id == alert_id).order_by(AlertEvent.id)
    ).all()


def notifications_of(
    session: Session, alert_id: int, kinds: tuple[str, ...] | None = None,
    status: str | None = None,
) -> Sequence[AlertNotification]:
    query = select(AlertNotification).where(AlertNotification.alert_id == alert_id)
    if kinds:
        query = query.where(AlertNotification.kind.in_(kinds))
    if status:
        query = query.where(AlertNotification.status == status)
    return session.scalars(query.order_by(AlertNotification.id)).all()


def notification_by_outbound_key(session: Session, key: str) -> AlertNotification | None:
    return session.scalars(
        select(AlertNotification).where(AlertNotification.key == key)
    ).first()


def claim_notification(session: Session, notification_id: int, now: datetime) -> bool:
    """queued -> sending; False if another job got there first."""
    result = session.execute(
        update(AlertNotification)
        .where(AlertNotification.id == notification_id, AlertNotification.status == "queued")
        .values(status="sending", attempts=AlertNotification.attempts + 1, updated_at=now)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def list_alerts(
    session: Session, state: str | None, limit: int, offset: int
) -> tuple[Sequence[Alert], int]:
    query = select(Alert)
    if state:
        query = query.where(Alert.state == state)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Alert.id.desc()).limit(limit).offset(offset)).all()
    return rows, int(total)


def time_to_acknowledge(session: Session) -> list[float]:
    """Seconds from opening to acknowledgement, for every acknowledged alert."""
    rows = session.execute(
        select(Alert.opened_at, Alert.acknowledged_at).where(Alert.acknowledged_at.is_not(None))
    ).all()
    return [(acked - opened).total_seconds() for opened, acked in rows if acked is not None]


def state_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(Alert.state, func.count()).group_by(Alert.state)).all()
    return {state: int(n) for state, n in rows}
