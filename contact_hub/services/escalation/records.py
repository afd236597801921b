"""The alert row and the pure domain `Alert`: translating between them, and the alert's log.

The row (contact_hub/storage/alerts/models.py) holds JSON and column values; the domain
(contact_hub/domain/alerts/model.py) holds typed values and no database. Escalation and the Slack
card both read alerts through `to_domain`/`place` and write their trail through `AlertLog`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from contact_hub.clock import Clock
from contact_hub.domain.alerts import escalation as esc
from contact_hub.domain.alerts import model as alert_rules
from contact_hub.domain.alerts.messages import Caller, place_words
from contact_hub.domain.alerts.model import Actor, AlertState, Incident, StateChange, Via
from contact_hub.storage import repository as repo
from contact_hub.storage.alerts import repository as alerts
from contact_hub.storage.homes.models import HouseholdMember


def to_domain(row: alerts.Alert) -> alert_rules.Alert:
    """The pure domain alert for `row` (without its contacts: the rules don't need them)."""
    return alert_rules.Alert(
        id=str(row.id), ack_code=row.ack_code, opened_at=row.opened_at,
        policy_snapshot=row.policy_snapshot, incident=incident_from_json(row.incident),
        contact_ids=(), last_contact_at=row.last_contact_at, state=AlertState(row.state),
        step_index=row.step_index, next_step_due=row.next_step_at,
        escalation_token=row.escalation_token,
        acknowledged=_change(row.acknowledged_by, row.acknowledged_at, row.acknowledged_via),
        resolved=_change(row.resolved_by, row.resolved_at, row.resolved_via),
    )


def _change(by: str | None, at: datetime | None, via: str | None) -> StateChange | None:
    """Who acted, when and how, as the row keeps it (the name only)."""
    if by is None or at is None:
        return None
    return StateChange(Actor(by), at, Via(via or "api"))


def store(row: alerts.Alert, alert: alert_rules.Alert) -> None:
    """Write the domain alert's state, step and token to `row`; the first ack/resolve sticks."""
    row.state = alert.state.value
    row.step_index = alert.step_index
    row.next_step_at = alert.next_step_due
    row.escalation_token = alert.escalation_token
    if alert.acknowledged and row.acknowledged_at is None:
        row.acknowledged_at = alert.acknowledged.at
        row.acknowledged_by = alert.acknowledged.by.name
        row.acknowledged_via = alert.acknowledged.via.value
    if alert.resolved and row.resolved_at is None:
        row.resolved_at = alert.resolved.at
        row.resolved_by = alert.resolved.by.name
        row.resolved_via = alert.resolved.via.value


def incident_from_json(data: dict[str, Any]) -> Incident:
    """The incident stored in the row's `incident` column."""
    return Incident(frozenset(data.get("hazards", ())), data.get("uprn"), data.get("block"),
                    data.get("address"), data.get("customer"))


def incident_json(incident: Incident) -> dict[str, Any]:
    """The `incident` column value for `incident` (hazards sorted, so it compares stably)."""
    return {"hazards": sorted(incident.hazards), "uprn": incident.uprn, "block": incident.block,
            "address": incident.address, "customer": incident.customer}


def place(row: alerts.Alert) -> str:
    """Where the emergency is, as pages and the Slack card say it."""
    incident = row.incident
    return place_words(incident.get("address"), incident.get("customer"))


PHONE_CHANNELS = frozenset({"sms", "voice", "whatsapp"})
# The router's and the record's vulnerability codes (routing.types.VULNERABILITIES) in words.
VULNERABILITY_WORDS = {
    "elderly": "elderly", "child": "child in the home", "disability": "disability",
    "medical_equipment": "medical equipment", "pregnancy": "pregnant", "alone": "lives alone",
}


def caller_of(session: Session, alert_id: int) -> Caller | None:
    """Who first reported the alert, as a page tells it: their words, a number to call
    them back on (the one they used, else one on their record) and vulnerabilities from
    their record, their household's entry in the register and what the router read."""
    return caller_from(session, alerts.contacts_of(session, alert_id))


def caller_from(session: Session, reports: Sequence[repo.Contact]) -> Caller | None:
    """`caller_of` for an alert whose reports (contacts, oldest first) are already read."""
    if not reports:
        return None
    first = reports[0]
    customer = session.get(repo.Customer, first.customer_id) if first.customer_id else None
    member = (session.get(HouseholdMember, first.household_member_id)
              if first.household_member_id else None)
    codes = [*(customer.vulnerabilities if customer else []),
             *(first.decision or {}).get("vulnerabilities", [])]
    found = [str(v) for v in (member.vulnerabilities if member else [])]
    found += [VULNERABILITY_WORDS.get(str(c), str(c).replace("_", " ")) for c in codes]
    return Caller(words=first.text, callback=_callback(first, customer, member),
                  vulnerabilities=tuple(dict.fromkeys(v for v in found if v)))


def _callback(contact: Any, customer: Any, member: HouseholdMember | None) -> str | None:
    if contact.channel in PHONE_CHANNELS and contact.sender.startswith("+"):
        return str(contact.sender)
    phones = [i.value for i in (customer.identities if customer else []) if i.kind == "phone"]
    phones += [str(p) for p in (member.phones if member else [])]
    return phones[0] if phones else None


def actor_detail(by: Actor) -> dict[str, Any]:
    """The audit detail for who acknowledged or resolved: only the identifiers we have."""
    return {k: v for k, v in {"slack_user_id": by.slack_user_id, "phone": by.phone}.items() if v}


class AlertLog:
    """Adds the alert's audit events and its notification (page and Slack) rows."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    def event(
        self, session: Session, alert_id: int, kind: str, *, actor: str = "system",
        via: str | None = None, detail: dict[str, Any] | None = None,
    ) -> None:
        """Record that `kind` happened to the alert, now."""
        session.add(alerts.AlertEvent(alert_id=alert_id, at=self.clock(), kind=kind,
                                      actor=actor, via=via, detail=detail or {}))

    def notification(
        self, session: Session, alert_id: int, key: str, step: int, kind: str, now: datetime,
        note: esc.Notification | None = None, outbound_id: int | None = None,
        status: str = "queued",
    ) -> alerts.AlertNotification:
        """Add (and flush, for its id) one page or Slack action of the alert."""
        target = note.target if note else None
        row = alerts.AlertNotification(
            key=key, alert_id=alert_id, step_index=step, kind=kind,
            tier=note.tier if note else None, target_name=target.name if target else None,
            target_mobile=target.mobile if target else None,
            target_slack_user_id=target.slack_user_id if target else None,
            outbound_id=outbound_id, status=status, attempts=0, created_at=now, updated_at=now)
        session.add(row)
        session.flush()
        return row
