"""Read-side queries for emergency alerts: the list, one alert with its contacts, timeline
and pages, and the figures /metrics shows. Each opens its own read session and returns
frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from contact_hub.services.contacts.queries import Page
from contact_hub.storage.alerts import repository as alerts


@dataclass(frozen=True)
class AlertSummary:
    id: int
    state: str  # open | acknowledged | resolved
    ack_code: str
    incident: dict[str, Any]  # hazards and the place keys (uprn, block, address, customer)
    opened_at: datetime
    step_index: int
    next_step_at: datetime | None
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    acknowledged_via: str | None
    resolved_by: str | None
    resolved_at: datetime | None
    resolved_via: str | None


@dataclass(frozen=True)
class AlertContact:
    id: int
    reference: str
    channel: str
    received_at: datetime
    property_reference: str | None


@dataclass(frozen=True)
class AlertEventRecord:
    at: datetime
    kind: str
    actor: str
    via: str | None
    detail: Any


@dataclass(frozen=True)
class PageRecord:
    """One page, reminder or card sent for an alert."""

    kind: str
    step_index: int
    tier: str | None
    target_name: str | None
    status: str
    outbound_id: int | None


@dataclass(frozen=True)
class AlertRecord:
    summary: AlertSummary
    contacts: tuple[AlertContact, ...]
    events: tuple[AlertEventRecord, ...]
    notifications: tuple[PageRecord, ...]


@dataclass(frozen=True)
class AlertFigures:
    """Alerts by state, and each acknowledged alert's seconds from opening to acknowledgement."""

    states: dict[str, int]
    seconds_to_acknowledge: tuple[float, ...]


class AlertQueries:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def alerts(self, state: str | None, limit: int, offset: int) -> Page:
        """A page of AlertSummary, newest first."""
        with self.sessions() as session:
            rows, total = alerts.list_alerts(session, state, limit, offset)
            return Page([summary_of(row) for row in rows], total, limit, offset)

    def alert(self, alert_id: int) -> AlertRecord | None:
        with self.sessions() as session:
            row = alerts.get_alert(session, alert_id)
            if row is None:
                return None
            return AlertRecord(
                summary=summary_of(row),
                contacts=tuple(
                    AlertContact(c.id, c.reference, c.channel, c.received_at,
                                 c.home.reference if c.home else None)
                    for c in alerts.contacts_of(session, alert_id)),
                events=tuple(AlertEventRecord(e.at, e.kind, e.actor, e.via, e.detail)
                             for e in alerts.events_of(session, alert_id)),
                notifications=tuple(
                    PageRecord(n.kind, n.step_index, n.tier, n.target_name, n.status,
                               n.outbound_id)
                    for n in alerts.notifications_of(session, alert_id)),
            )

    def figures(self) -> AlertFigures:
        with self.sessions() as session:
            return AlertFigures(alerts.state_counts(session),
                                tuple(alerts.time_to_acknowledge(session)))


def summary_of(row: alerts.Alert) -> AlertSummary:
    return AlertSummary(
        id=row.id, state=row.state, ack_code=row.ack_code, incident=row.incident,
        opened_at=row.opened_at, step_index=row.step_index, next_step_at=row.next_step_at,
        acknowledged_by=row.acknowledged_by, acknowledged_at=row.acknowledged_at,
        acknowledged_via=row.acknowledged_via, resolved_by=row.resolved_by,
        resolved_at=row.resolved_at, resolved_via=row.resolved_via,
    )
