"""Parsing complaint API bodies and queries into domain values (400 on malformed input).

Structure and types are checked here; the rules about content (a definition must
name outcomes, a response needs its checklist, dates in order) are the domain's,
and come back as 409 with the domain's reason. Each ``ACTIONS`` entry parses one
action's body and makes one service call.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from contact_hub.domain import complaints as domain
from contact_hub.domain.complaints.filters import ComplaintFilters
from contact_hub.domain.errors import Invalid
from contact_hub.services.complaints import (
    ComplaintService,
    ComplaintView,
    NewComplaint,
    ResidentDetails,
    SafetyUpdate,
)
from contact_hub.web import params

E = TypeVar("E", bound=Enum)
CHANNELS = (
    "sms", "whatsapp", "voice", "email", "messenger", "instagram", "web",
    "phone", "letter", "in_person",
)
STATUSES = tuple(s.value for s in domain.Status)


# --- field readers ----------------------------------------------------------------------


def text(data: Mapping[str, Any], name: str, *, required: bool = False) -> str | None:
    value = data.get(name)
    if value is None:
        if required:
            raise Invalid(f"{name}: required")
        return None
    if not isinstance(value, str):
        raise Invalid(f"{name}: must be a string")
    if required and not value.strip():
        raise Invalid(f"{name}: required")
    return value


def required_text(data: Mapping[str, Any], name: str) -> str:
    value = text(data, name, required=True)
    assert value is not None
    return value


def flag(data: Mapping[str, Any], name: str) -> bool:
    value = data.get(name, False)
    if not isinstance(value, bool):
        raise Invalid(f"{name}: must be true or false")
    return value


def moment(data: Mapping[str, Any], name: str) -> datetime | None:
    """An ISO 8601 date-time with a timezone (``...Z`` or ``+01:00``)."""
    raw = text(data, name)
    if raw is None:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise Invalid(f"{name}: must be an ISO 8601 date-time") from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise Invalid(f"{name}: must include a timezone, e.g. 2026-11-23T09:30:00Z")
    return value


def day(data: Mapping[str, Any], name: str, *, required: bool = False) -> date | None:
    raw = text(data, name, required=required)
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise Invalid(f"{name}: must be a date, YYYY-MM-DD") from None


def required_day(data: Mapping[str, Any], name: str) -> date:
    value = day(data, name, required=True)
    assert value is not None
    return value


def choice(data: Mapping[str, Any], name: str, kind: type[E], default: E | None = None) -> E:
    raw = data.get(name)
    if raw is None and default is not None:
        return default
    try:
        return kind(raw)
    except ValueError:
        options = ", ".join(str(m.value) for m in kind)
        raise Invalid(f"{name}: must be one of {options}") from None


def objects(data: Mapping[str, Any], name: str) -> list[dict[str, Any]] | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise Invalid(f"{name}: must be a list of objects")
    return value


def strings(data: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid(f"{name}: must be a list of strings")
    return tuple(value)


def nested(data: Mapping[str, Any], name: str, *, required: bool = False) -> dict[str, Any] | None:
    value = data.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, dict):
        raise Invalid(f"{name}: must be an object")
    return value


def person(data: Mapping[str, Any]) -> domain.Person:
    """A handler: id, name and (for the independent-investigation rule) team."""
    return domain.Person(
        id=required_text(data, "id"), name=required_text(data, "name"), team=text(data, "team")
    )


def _concerns(data: Mapping[str, Any]) -> tuple[domain.BuildingSafetyConcern, ...]:
    raw = strings(data, "building_safety_concerns")
    return tuple(choice({"c": c}, "c", domain.BuildingSafetyConcern) for c in raw)


# --- bodies -----------------------------------------------------------------------------


def new_complaint(data: dict[str, Any]) -> NewComplaint:
    """``POST /complaints``: the resident, the channel, what they said."""
    resident = nested(data, "resident", required=True)
    assert resident is not None
    channel = required_text(data, "channel")
    if channel not in CHANNELS:
        raise Invalid(f"channel: must be one of {', '.join(CHANNELS)}")
    preferred = text(resident, "preferred_channel")
    if preferred is not None and preferred not in CHANNELS:
        raise Invalid(f"resident.preferred_channel: must be one of {', '.join(CHANNELS)}")
    return NewComplaint(
        resident=ResidentDetails(
            name=required_text(resident, "name"),
            phone=text(resident, "phone"),
            email=text(resident, "email"),
            address=text(resident, "address"),
            kind=choice(resident, "kind", domain.ComplainantKind, domain.ComplainantKind.RESIDENT),
            advocate=_advocate(nested(resident, "advocate")),
            preferred_channel=preferred,
        ),
        channel=channel,
        text=required_text(data, "text"),
        received_at=moment(data, "received_at"),
        issue_occurred_on=day(data, "issue_occurred_on"),
        concerns_health_and_safety=flag(data, "health_and_safety"),
        concerns_safeguarding=flag(data, "safeguarding"),
        building_id=text(data, "building_id"),
        building_safety_concerns=_concerns(data),
        related_references=strings(data, "related_references"),
    )


def _advocate(data: dict[str, Any] | None) -> domain.Advocate | None:
    if data is None:
        return None
    return domain.Advocate(
        name=required_text(data, "name"),
        relationship=required_text(data, "relationship"),
        authorised_on=required_day(data, "authorised_on"),
    )


def remedy(data: Mapping[str, Any]) -> domain.Remedy:
    amount = data.get("amount_pence")
    if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int)):
        raise Invalid("amount_pence: must be a whole number of pence")
    return domain.Remedy(
        id=text(data, "id") or secrets.token_hex(4),
        type=choice(data, "type", domain.RemedyType),
        description=text(data, "description") or "",
        reason=text(data, "reason") or "",
        amount_pence=amount,
        reimburses_loss=flag(data, "reimburses_loss"),
        offset_against_debt=flag(data, "offset_against_debt"),
        resident_consented_to_offset=flag(data, "resident_consented_to_offset"),
    )


def outstanding_action(data: Mapping[str, Any]) -> domain.OutstandingAction:
    return domain.OutstandingAction(
        id=text(data, "id") or secrets.token_hex(4),
        description=text(data, "description") or "",
        owner=text(data, "owner") or "",
        due_on=required_day(data, "due_on"),
    )


def draft(data: Mapping[str, Any]) -> domain.ResponseDraft:
    """A response draft; anything left out is reported by the checklist (409)."""
    decision = choice(data, "decision", domain.Decision) if "decision" in data else None
    remedies = objects(data, "remedies")
    actions = objects(data, "outstanding_actions")
    return domain.ResponseDraft(
        decision=decision,
        reasons=text(data, "reasons") or "",
        remedies=None if remedies is None else tuple(remedy(r) for r in remedies),
        outstanding_actions=None
        if actions is None
        else tuple(outstanding_action(a) for a in actions),
    )


def exclusions(data: Mapping[str, Any]) -> tuple[domain.Exclusion, ...]:
    grounds = objects(data, "grounds")
    if grounds is None:
        raise Invalid("grounds: required, a list of {ground, detail}")
    return tuple(
        domain.Exclusion(
            ground=choice(g, "ground", domain.ExclusionGround), detail=text(g, "detail") or ""
        )
        for g in grounds
    )


def safety(data: Mapping[str, Any]) -> SafetyUpdate:
    return SafetyUpdate(
        concerns_health_and_safety=flag(data, "health_and_safety"),
        concerns_safeguarding=flag(data, "safeguarding"),
        building_id=text(data, "building_id"),
        building_safety_concerns=_concerns(data),
    )


def score(data: Mapping[str, Any]) -> int:
    value = data.get("score")
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid("score: required, a whole number from 1 to 5")
    return value


# --- actions: parse, then one service call --------------------------------------------

Action = Callable[[ComplaintService, str, str, dict[str, Any]], ComplaintView]


def _acknowledge(s: ComplaintService, ref: str, actor: str, b: dict[str, Any]) -> ComplaintView:
    handler = nested(b, "handler", required=True)
    assert handler is not None
    return s.acknowledge(
        ref,
        actor=actor,
        at=moment(b, "at"),
        handler=person(handler),
        definition=domain.ComplaintDefinition(
            understanding=text(b, "understanding") or "",
            outcomes_sought=strings(b, "outcomes_sought"),
        ),
        late_acceptance_reason=text(b, "late_acceptance_reason"),
    )


ACTIONS: dict[str, Action] = {
    "acknowledge": _acknowledge,
    "extend": lambda s, ref, actor, b: s.extend(
        ref, actor=actor, at=moment(b, "at"), reason=text(b, "reason") or "",
        new_due=required_day(b, "new_due"),
    ),
    "respond": lambda s, ref, actor, b: s.respond(
        ref, actor=actor, at=moment(b, "at"), draft=draft(b)
    ),
    "escalate": lambda s, ref, actor, b: s.escalate(ref, actor=actor, at=moment(b, "at")),
    "decline": lambda s, ref, actor, b: s.decline(
        ref, actor=actor, at=moment(b, "at"), exclusions=exclusions(b),
        explanation=text(b, "explanation") or "",
    ),
    "close": lambda s, ref, actor, b: s.close(
        ref, actor=actor, at=moment(b, "at"), reason=text(b, "reason") or ""
    ),
    "remedies": lambda s, ref, actor, b: s.record_remedy(
        ref, actor=actor, at=moment(b, "at"), remedy=remedy(b)
    ),
    "flag": lambda s, ref, actor, b: s.flag_unreasonable_behaviour(
        ref, actor=actor, at=moment(b, "at"), reason=text(b, "reason") or "",
        review_on=required_day(b, "review_on"),
    ),
    "review-flag": lambda s, ref, actor, b: s.review_unreasonable_behaviour(
        ref, actor=actor, at=moment(b, "at"), outcome=text(b, "outcome") or "",
        next_review_on=day(b, "next_review_on"),
    ),
    "safety": lambda s, ref, actor, b: s.update_safety(
        ref, actor=actor, at=moment(b, "at"), update=safety(b)
    ),
    "satisfaction": lambda s, ref, actor, b: s.record_satisfaction(
        ref, score=score(b), comment=text(b, "comment"), at=moment(b, "at")
    ),
}
# Refusing to consider a complaint shuts the resident out of the procedure: an admin decides.
ADMIN_ACTIONS = frozenset({"decline"})


# --- queries ----------------------------------------------------------------------------


def filters(args: Mapping[str, str]) -> tuple[ComplaintFilters, bool | None]:
    """``GET /complaints`` filters: stage, status, handler, due_before, overdue."""
    stage = args.get("stage") or None
    if stage is not None and stage not in ("1", "2"):
        raise Invalid("stage: must be 1 or 2")
    status = params.choice(args, "status", STATUSES)
    overdue_raw = (args.get("overdue") or "").lower()
    if overdue_raw not in ("", "true", "false"):
        raise Invalid("overdue: must be true or false")
    overdue = None if not overdue_raw else overdue_raw == "true"
    return (
        ComplaintFilters(
            stage=int(stage) if stage else None,
            status=status,
            handler_id=args.get("handler") or None,
            due_before=day(args, "due_before"),
        ),
        overdue,
    )


def period(args: Mapping[str, str]) -> tuple[date, date]:
    """``from`` and ``to`` London dates, both included."""
    return required_day(args, "from"), required_day(args, "to")
