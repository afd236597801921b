"""Alerts and the on-call rota as JSON (on-call mobiles in full to managers and admins)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from contact_hub.domain.alerts.rota import OnCallNow, Responder
from contact_hub.domain.privacy.redact import mask_phone
from contact_hub.services.escalation.queries import AlertRecord, AlertSummary


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _change(by: str | None, at: datetime | None, via: str | None) -> dict[str, Any] | None:
    return {"by": by, "at": _iso(at), "via": via} if at else None


def alert_summary(row: AlertSummary) -> dict[str, Any]:
    return {
        "id": row.id,
        "state": row.state,
        "ack_code": row.ack_code,
        "hazards": row.incident.get("hazards", []),
        "opened_at": _iso(row.opened_at),
        "step_index": row.step_index,
        "next_step_at": _iso(row.next_step_at),
        "acknowledged": _change(row.acknowledged_by, row.acknowledged_at, row.acknowledged_via),
        "resolved": _change(row.resolved_by, row.resolved_at, row.resolved_via),
        "place": _place(row.incident),
    }


def _place(incident: dict[str, Any]) -> dict[str, Any] | None:
    """Where the reports come from, when the register knew (None: the address is unknown)."""
    place = {key: incident.get(key) for key in ("uprn", "block", "address")}
    return place if any(place.values()) else None


def alert_detail(alert: AlertRecord) -> dict[str, Any]:
    return {
        **alert_summary(alert.summary),
        "incident": alert.summary.incident,
        "contacts": [{"id": c.id, "reference": c.reference, "channel": c.channel,
                      "received_at": _iso(c.received_at),
                      "property": c.property_reference} for c in alert.contacts],
        "timeline": [{"at": _iso(e.at), "kind": e.kind, "actor": e.actor, "via": e.via,
                      "detail": e.detail} for e in alert.events],
        "notifications": [{"kind": n.kind, "step": n.step_index, "tier": n.tier,
                           "to": n.target_name, "status": n.status,
                           "outbound_id": n.outbound_id} for n in alert.notifications],
    }


def responder(person: Responder, mobile: bool = False) -> dict[str, Any]:
    return {"tier": person.tier, "name": person.name,
            "mobile": person.mobile if mobile else mask_phone(person.mobile),
            "slack_user_id": person.slack_user_id, "covering_for": person.covering_for,
            "fallback": person.is_fallback}


def on_call(now: OnCallNow, mobiles: bool = False) -> dict[str, Any]:
    """The rota at a moment; on-call mobiles in full only when `mobiles` (managers and
    admins), masked otherwise."""
    return {
        "at": now.at.isoformat(),
        "tiers": [{"tier": s.tier, "source": s.source.value,
                   "person": s.person.name if s.person else None,
                   "paged": responder(now.responder_for(s.tier), mobiles)}
                  for s in now.shifts],
        "page_order": [responder(r, mobiles) for r in now.page_order()],
        "fallback_configured": bool(now.fallback_number),
    }
