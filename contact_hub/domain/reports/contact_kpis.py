"""Contact-centre KPIs over a period, pure: contacts by channel, category and hour, first-
contact resolution, time to first response by channel against targets, missed emergency
calls, and emergencies' time to acknowledge.

Definitions (docs/reporting.md, "Contact KPIs"):

- a contact counts in the period its receipt falls in (London dates, both ends included);
- **first-contact resolution**: of contacts resolved in the period from a known customer,
  the share after which that customer did not get in touch again within the repeat
  window (default 7 days) on any channel;
- **first response**: the first reply a person sent to the contact (an agent's reply), not
  the automatic acknowledgement or safety advice; measured from receipt, against the
  channel's target;
- **missed calls**: emergency calls through the IVR that ended busy, failed, unanswered or
  cancelled;
- **abandoned calls**: calls to the IVR that ended (Twilio's status callback) before the
  caller got anywhere: no key pressed or word said at the menu and no message left. The
  share is of all IVR calls that ended in the period;
- **time to acknowledge**: from an emergency alert opening to a person acknowledging it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from contact_hub.domain.working_days import LONDON, london_date
from contact_hub.domain.workspace.dashboard import percentile

MISSED_CALL_STATUSES = frozenset({"busy", "failed", "no-answer", "canceled"})
REPEAT_WINDOW = timedelta(days=7)
DEFAULT_FIRST_RESPONSE_MINUTES: dict[str, int] = {
    "sms": 60, "whatsapp": 60, "messenger": 60, "instagram": 60,
    "voice": 240, "email": 1440, "web": 1440,
}


@dataclass(frozen=True)
class ContactFacts:
    """What the KPIs need of one contact."""

    channel: str
    category: str | None
    received_at: datetime
    customer_id: int | None = None
    first_reply_at: datetime | None = None
    resolved_at: datetime | None = None


@dataclass(frozen=True)
class AlertFacts:
    """An emergency alert's opening and acknowledgement."""

    opened_at: datetime
    acknowledged_at: datetime | None


def parse_targets(value: str) -> dict[str, int]:
    """``sms=60,email=1440`` (minutes) over the defaults; ValueError names the bad part."""
    targets = dict(DEFAULT_FIRST_RESPONSE_MINUTES)
    for part in (p.strip() for p in value.split(",") if p.strip()):
        channel, _, minutes = part.partition("=")
        if not channel.strip() or not minutes.strip().isdigit() or int(minutes) <= 0:
            raise ValueError(f"FIRST_RESPONSE_TARGETS: {part!r} is not channel=minutes")
        targets[channel.strip()] = int(minutes)
    return targets


def contact_kpis(
    contacts: Sequence[ContactFacts],
    *,
    start: date,
    end: date,
    targets: Mapping[str, int] = DEFAULT_FIRST_RESPONSE_MINUTES,
    call_endings: Iterable[tuple[datetime, str]] = (),
    ivr_calls: Iterable[tuple[datetime, str, bool]] = (),
    alerts: Iterable[AlertFacts] = (),
    repeat_window: timedelta = REPEAT_WINDOW,
) -> dict[str, Any]:
    """The KPIs for the London dates ``start`` to ``end``, as JSON-able data.

    ``call_endings``: (when, status) of emergency calls' ends; ``ivr_calls``: (ended at,
    final status, whether the caller got anywhere) of every IVR call that ended."""
    if end < start:
        raise ValueError("the period ends before it starts")

    def inside(moment: datetime | None) -> bool:
        return moment is not None and start <= london_date(moment) <= end

    received = [c for c in contacts if inside(c.received_at)]
    hours = Counter(c.received_at.astimezone(LONDON).hour for c in received)
    return {
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "contacts": len(received),
        "by_channel": dict(sorted(Counter(c.channel for c in received).items())),
        "by_category": dict(sorted(Counter(c.category or "unrouted" for c in received).items())),
        "by_hour": {str(h): hours.get(h, 0) for h in range(24)},
        "first_contact_resolution": _first_contact_resolution(contacts, inside, repeat_window),
        "first_response": _first_response(received, targets),
        "calls": _calls([status for at, status in call_endings if inside(at)],
                        [(status, progressed) for at, status, progressed in ivr_calls
                         if inside(at)]),
        "emergencies": _emergencies([a for a in alerts if inside(a.opened_at)]),
    }


def _first_contact_resolution(
    contacts: Sequence[ContactFacts], inside: Any, window: timedelta
) -> dict[str, Any]:
    by_customer: dict[int, list[datetime]] = defaultdict(list)
    for c in contacts:
        if c.customer_id is not None:
            by_customer[c.customer_id].append(c.received_at)
    resolved = [c for c in contacts
                if c.customer_id is not None and c.resolved_at and inside(c.resolved_at)]
    first_time = 0
    for c in resolved:
        assert c.resolved_at is not None and c.customer_id is not None
        again = any(c.received_at < at <= c.resolved_at + window
                    for at in by_customer[c.customer_id])
        first_time += not again
    return {"resolved": len(resolved), "not_repeated": first_time,
            "ratio": round(first_time / len(resolved), 4) if resolved else None,
            "repeat_window_days": window.days}


def _first_response(received: list[ContactFacts], targets: Mapping[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for channel in sorted({c.channel for c in received}):
        waits = [(c.first_reply_at - c.received_at).total_seconds() / 60
                 for c in received if c.channel == channel and c.first_reply_at]
        target = targets.get(channel)
        within = sum(1 for w in waits if target is not None and w <= target)
        out[channel] = {
            "contacts": sum(1 for c in received if c.channel == channel),
            "replied": len(waits),
            "target_minutes": target,
            "within_target": within if target is not None else None,
            "within_target_ratio": round(within / len(waits), 4)
            if waits and target is not None else None,
            "median_minutes": round(percentile(waits, 0.5), 1) if waits else None,
            "p90_minutes": round(percentile(waits, 0.9), 1) if waits else None,
        }
    return out


def _calls(statuses: list[str], ivr_calls: list[tuple[str, bool]]) -> dict[str, Any]:
    missed = sum(1 for s in statuses if s in MISSED_CALL_STATUSES)
    abandoned = [status for status, progressed in ivr_calls if not progressed]
    return {"emergency_calls_ended": len(statuses), "missed": missed,
            "missed_by_status": dict(sorted(Counter(
                s for s in statuses if s in MISSED_CALL_STATUSES).items())),
            "ivr_calls_ended": len(ivr_calls),
            "abandoned_in_menu": len(abandoned),
            "abandoned_ratio": round(len(abandoned) / len(ivr_calls), 4) if ivr_calls else None,
            "abandoned_by_status": dict(sorted(Counter(abandoned).items()))}


def _emergencies(alerts: list[AlertFacts]) -> dict[str, Any]:
    seconds = [(a.acknowledged_at - a.opened_at).total_seconds()
               for a in alerts if a.acknowledged_at]
    return {
        "alerts": len(alerts),
        "acknowledged": len(seconds),
        "median_seconds_to_acknowledge": round(percentile(seconds, 0.5), 1) if seconds else None,
        "p90_seconds_to_acknowledge": round(percentile(seconds, 0.9), 1) if seconds else None,
        "max_seconds_to_acknowledge": round(max(seconds), 1) if seconds else None,
    }
