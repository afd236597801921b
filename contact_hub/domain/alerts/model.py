"""Alerts: their state, who acknowledged or resolved them, incident grouping and the
short codes on-call staff text back to acknowledge. Pure: no I/O, the caller passes the time.

Transitions return a new `Alert`; nothing is mutated. Choosing and scheduling escalation
steps is `contact_hub.domain.alerts.escalation`'s job.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

# --- alert state -------------------------------------------------------------------


class AlertState(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class Via(StrEnum):
    """How someone acknowledged or resolved an alert."""

    SLACK = "slack"
    SMS = "sms"
    VOICE = "voice"
    API = "api"
    WEB = "web"  # the on-call board in the workspace


@dataclass(frozen=True)
class Actor:
    """Who acted: a name, plus the Slack user id or phone number they acted from."""

    name: str
    slack_user_id: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class StateChange:
    by: Actor
    at: datetime
    via: Via


@dataclass(frozen=True)
class Incident:
    """What and where, for grouping reports of one incident: hazards plus place keys.

    `uprn` (the property's Unique Property Reference Number), `block` (the landlord's
    block or estate id) and `address` (compared case- and punctuation-insensitively)
    are each optional; any one in common means the same place. Until we hold address
    data, `customer` (the resident's id) stands in for the place: the same resident
    reporting the same hazard again joins their open alert.
    """

    hazards: frozenset[str]
    uprn: str | None = None
    block: str | None = None
    address: str | None = None
    customer: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "hazards", frozenset(h.strip().lower() for h in self.hazards))


@dataclass(frozen=True)
class Alert:
    """An emergency being escalated. Transitions return a new Alert; nothing is mutated.

    `escalation_token` is the fencing token: the id of the one step job allowed to run.
    Acknowledging or resolving clears it, so every queued job becomes a no-op.
    """

    id: str
    ack_code: str
    opened_at: datetime
    policy_snapshot: Mapping[str, Any]
    incident: Incident
    contact_ids: tuple[str, ...]
    last_contact_at: datetime
    state: AlertState = AlertState.OPEN
    step_index: int = 0
    next_step_due: datetime | None = None
    escalation_token: str | None = None
    acknowledged: StateChange | None = None
    resolved: StateChange | None = None

    @property
    def is_paging(self) -> bool:
        return self.state is AlertState.OPEN


def acknowledge(alert: Alert, by: Actor, at: datetime, via: Via) -> Alert:
    """Stop paging. Only an open alert can be acknowledged; the first acknowledgement stands."""
    if alert.state is not AlertState.OPEN:
        return alert
    return replace(alert, state=AlertState.ACKNOWLEDGED, acknowledged=StateChange(by, at, via),
                   escalation_token=None, next_step_due=None)


def resolve(alert: Alert, by: Actor, at: datetime, via: Via) -> Alert:
    """Close the alert (from open or acknowledged); resolving twice changes nothing."""
    if alert.state is AlertState.RESOLVED:
        return alert
    return replace(alert, state=AlertState.RESOLVED, resolved=StateChange(by, at, via),
                   escalation_token=None, next_step_due=None)


def reminder_due(alert: Alert, now: datetime, every: timedelta) -> int:
    """How many reminders an acknowledged, unresolved alert should have had by `now`: one
    each `every` after the acknowledgement (0: none yet, or reminders are off). The caller
    sends one when this passes the count already sent, so a late run never sends a burst.
    """
    if alert.state is not AlertState.ACKNOWLEDGED or alert.acknowledged is None:
        return 0
    if every <= timedelta(0) or now < alert.acknowledged.at:
        return 0
    return (now - alert.acknowledged.at) // every


# --- incident grouping ---------------------------------------------------------------

GROUPING_WINDOW = timedelta(hours=2)


def matches_open_alert(
    alert: Alert, incident: Incident, at: datetime, window: timedelta = GROUPING_WINDOW
) -> bool:
    """Whether a new emergency report belongs to `alert` rather than paging again.

    Same place (UPRN, block or address), a hazard in common, within `window` of the
    alert's latest report, and the alert not resolved. A report with no hazard or no
    place never matches: a second page is cheap, a missed emergency is not.
    """
    if alert.state is AlertState.RESOLVED or abs(at - alert.last_contact_at) > window:
        return False
    return bool(alert.incident.hazards & incident.hazards) and _same_place(alert.incident, incident)


def find_open_alert(
    alerts: Iterable[Alert], incident: Incident, at: datetime, window: timedelta = GROUPING_WINDOW
) -> Alert | None:
    """The most recently opened alert this report joins, if any."""
    matching = [a for a in alerts if matches_open_alert(a, incident, at, window)]
    return max(matching, key=lambda a: a.opened_at, default=None)


def join(alert: Alert, contact_id: str, incident: Incident, at: datetime) -> Alert:
    """Add a report to the alert, widening its place and hazards; joining twice is a no-op."""
    if contact_id in alert.contact_ids:
        return alert
    old = alert.incident
    merged = Incident(old.hazards | incident.hazards, old.uprn or incident.uprn,
                      old.block or incident.block, old.address or incident.address,
                      old.customer or incident.customer)
    return replace(alert, contact_ids=(*alert.contact_ids, contact_id), incident=merged,
                   last_contact_at=max(alert.last_contact_at, at))


def _same_place(a: Incident, b: Incident) -> bool:
    pairs = ((a.uprn, b.uprn), (a.block, b.block),
             (_address_key(a.address), _address_key(b.address)), (a.customer, b.customer))
    return any(x is not None and x == y for x, y in pairs)


def _address_key(address: str | None) -> str | None:
    if address is None:
        return None
    key = " ".join(re.sub(r"[^a-z0-9]+", " ", address.lower()).split())
    return key or None


# --- acknowledgement codes -----------------------------------------------------------

ACK_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L to misread
ACK_CODE_LENGTH = 4
_CODE = f"([{ACK_CODE_ALPHABET}]{{{ACK_CODE_LENGTH}}})"
_ACK_THEN_CODE = re.compile(rf"ACK(?:NOWLEDGED?)?[\s:.,#-]*{_CODE}(?:[\s.!,].*)?", re.DOTALL)
_BARE_CODE = re.compile(rf"{_CODE}[.!]*")
_RESOLVE_THEN_CODE = re.compile(
    rf"(?:RESOLVED?|DONE|FIXED|SAFE)[\s:.,#-]*{_CODE}(?:[\s.!,].*)?", re.DOTALL)


def new_ack_code(
    in_use: Collection[str], *, randbelow: Callable[[int], int] = secrets.randbelow
) -> str:
    """A short code for SMS acknowledgement, unique among `in_use` (open alerts' codes)."""
    while True:
        code = "".join(
            ACK_CODE_ALPHABET[randbelow(len(ACK_CODE_ALPHABET))] for _ in range(ACK_CODE_LENGTH)
        )
        if code not in in_use:
            return code


def parse_ack_reply(text: str) -> str | None:
    """The acknowledgement code in an SMS reply ("ACK K7Q2", "ack k7q2", "K7Q2"), or None.

    Words may follow the code only after an explicit ACK ("ACK K7Q2 on my way"); a bare
    code must stand alone, so ordinary chat is not taken for an acknowledgement.
    """
    cleaned = text.strip().upper()
    match = _ACK_THEN_CODE.fullmatch(cleaned) or _BARE_CODE.fullmatch(cleaned)
    return match.group(1) if match else None


def parse_resolve_reply(text: str) -> str | None:
    """The code in an SMS that resolves an alert ("RESOLVED K7Q2", "done k7q2 all safe"),
    or None. The word must come first: a bare code only ever acknowledges."""
    match = _RESOLVE_THEN_CODE.fullmatch(text.strip().upper())
    return match.group(1) if match else None
