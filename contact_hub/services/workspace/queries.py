"""What the staff pages show, read once per page into plain dataclasses.

The pages never touch database rows: they get these views, built from the same queries
and services as the API.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy.orm import Session, sessionmaker

from contact_hub.domain.contacts.adjustments import ADJUSTMENTS
from contact_hub.domain.workspace import dashboard as figures
from contact_hub.domain.workspace.dashboard import Figure, Series
from contact_hub.domain.workspace.queue_targets import (
    FIRST_QUEUES,
    QUEUE_LABELS,
    WaitStanding,
    deadline_standing,
    standing,
)
from contact_hub.services.contacts import queries
from contact_hub.services.escalation import records as alert_records
from contact_hub.services.escalation.oncall import OnCall
from contact_hub.services.workspace.agent_work import QueueSummary
from contact_hub.storage import repository as repo
from contact_hub.storage import workspace_repository as pages_repo
from contact_hub.storage.alerts import repository as alert_repo

logger = logging.getLogger(__name__)

LONDON = ZoneInfo("Europe/London")
TIMELINE_EVENTS = ("assigned", "released", "note", "resolved", "reclassified")
STAFF_ONLY_KINDS = ("work_order",)  # kept against a contact, but not sent to the resident


@dataclass(frozen=True)
class QueueLine:
    """One queue on the agents' inbox."""

    queue: str
    label: str
    waiting: int
    held: int
    oldest_wait: timedelta | None
    standing: WaitStanding


@dataclass(frozen=True)
class TimelineItem:
    """One thing in a resident's conversation: a message in or out, or an agent's step."""

    at: datetime
    kind: str  # "inbound" | "outbound" | "note" | "event"
    channel: str | None
    author: str
    text: str
    status: str | None = None
    contact_id: int | None = None
    reference: str | None = None
    current: bool = False  # the contact the page is about


@dataclass(frozen=True)
class ReasonLine:
    cue: str
    words: str


@dataclass(frozen=True)
class IdentityLine:
    kind: str
    value: str
    opted_out: bool
    sms_capable: bool


@dataclass(frozen=True)
class ResidentView:
    customer_id: int
    display_name: str | None
    preferred_channel: str | None
    vulnerabilities: tuple[str, ...]
    adjustments: tuple[tuple[str, str], ...]  # (code, meaning)
    identities: tuple[IdentityLine, ...]


@dataclass(frozen=True)
class MediaLine:
    """A photo or file the resident sent, as the media job left it."""

    attachment_id: int
    status: str  # pending | kept | refused | failed
    content_type: str | None  # from its content once kept
    filename: str | None
    problem: str | None

    @property
    def image(self) -> bool:
        return self.status == "kept" and (self.content_type or "").startswith("image/")


@dataclass(frozen=True)
class ContactPage:
    id: int
    reference: str
    channel: str
    status: str
    category: str | None
    priority: int | None
    queue: str | None
    subject: str | None
    text: str
    received_at: datetime
    assigned_to: str | None
    resolved_at: datetime | None
    resolved_by: str | None
    reasons: tuple[ReasonLine, ...]
    hazards: tuple[str, ...]
    safety_advice: tuple[str, ...]
    timeline: tuple[TimelineItem, ...]
    resident: ResidentView | None
    media: tuple[MediaLine, ...] = ()


def inbox_lines(summaries: Sequence[QueueSummary], now: datetime) -> list[QueueLine]:
    """Each queue with what waits in it and how its oldest contact stands against target."""
    lines = []
    first = {name: n for n, name in enumerate(FIRST_QUEUES)}
    for summary in sorted(summaries, key=lambda s: first.get(s.queue, len(first))):
        oldest = now - summary.oldest_received_at if summary.oldest_received_at else None
        lines.append(QueueLine(
            queue=summary.queue,
            label=QUEUE_LABELS.get(summary.queue, summary.queue.replace("_", " ").capitalize()),
            waiting=summary.open - summary.held,
            held=summary.held,
            oldest_wait=oldest,
            standing=standing(summary.queue, oldest),
        ))
    return lines


def contact_page(session: Session, contact_id: int) -> ContactPage | None:
    """The contact with the resident's whole conversation across channels."""
    detail = queries.contact_detail(session, contact_id)
    if detail is None:
        return None
    contact = detail.contact
    decision: dict[str, Any] = contact.decision or {}
    return ContactPage(
        id=contact.id, reference=contact.reference, channel=contact.channel,
        status=contact.status, category=contact.category, priority=contact.priority,
        queue=contact.queue, subject=contact.subject, text=contact.text,
        received_at=contact.received_at, assigned_to=contact.assigned_to,
        resolved_at=contact.resolved_at, resolved_by=contact.resolved_by,
        reasons=tuple(
            ReasonLine(str(r.get("cue", "")), str(r.get("words", "")))
            for r in decision.get("reasons", ())
        ),
        hazards=tuple(decision.get("hazards", ())),
        safety_advice=_safety_advice(detail, decision),
        timeline=_timeline(session, detail),
        resident=_resident(contact.customer),
        media=tuple(
            MediaLine(a.id, a.status, a.detected_type or a.content_type, a.filename, a.error)
            for a in contact.attachments
        ),
    )


def _safety_advice(detail: queries.ContactDetail, decision: dict[str, Any]) -> tuple[str, ...]:
    sent = [m.body for m in detail.outbound if m.kind == "safety_advice"]
    return tuple(sent) if sent else tuple(decision.get("safety_advice", ()))


def _timeline(session: Session, detail: queries.ContactDetail) -> tuple[TimelineItem, ...]:
    contacts = {c.id: c for c in (*detail.history, *detail.conversation_contacts)}
    contacts[detail.contact.id] = detail.contact
    ids = sorted(contacts)
    items = [
        TimelineItem(
            at=c.received_at, kind="inbound", channel=c.channel, author=c.sender,
            text=c.text, contact_id=c.id, reference=c.reference,
            current=c.id == detail.contact.id,
        )
        for c in contacts.values()
    ]
    items += [
        TimelineItem(
            at=m.created_at, kind="outbound", channel=m.channel,
            author="agent" if m.kind == "agent_reply" else "Contact Hub",
            text=m.body, status=_delivery(m), contact_id=m.contact_id,
        )
        for m in pages_repo.outbound_for_contacts(session, ids)
        if m.kind not in STAFF_ONLY_KINDS
    ]
    items += [
        TimelineItem(
            at=e.at, kind="note" if e.kind == "note" else "event", channel=None,
            author=e.actor, text=_event_words(e), contact_id=e.contact_id,
        )
        for e in pages_repo.events_for_contacts(session, ids, TIMELINE_EVENTS)
    ]
    return tuple(sorted(items, key=lambda item: item.at))


def _delivery(message: repo.OutboundMessage) -> str:
    if message.status in ("suppressed", "failed", "undelivered") and message.error_message:
        return f"{message.status}: {message.error_message}"
    return message.status


def _event_words(event: repo.ContactEvent) -> str:
    detail = event.detail or {}
    if event.kind == "note":
        return str(detail.get("text", ""))
    if event.kind == "assigned":
        return f"taken from the {detail.get('queue', '')} queue"
    if event.kind == "reclassified":
        return f"reclassified as {detail.get('to', detail.get('category', ''))}: " + str(
            detail.get("reason", "")
        )
    if event.kind == "resolved" and detail.get("note"):
        return f"resolved: {detail['note']}"
    return event.kind


def _resident(customer: repo.Customer | None) -> ResidentView | None:
    if customer is None:
        return None
    return ResidentView(
        customer_id=customer.id,
        display_name=customer.display_name,
        preferred_channel=customer.preferred_channel,
        vulnerabilities=tuple(customer.vulnerabilities or ()),
        adjustments=tuple(
            (code, ADJUSTMENTS.get(code, code)) for code in customer.reasonable_adjustments or ()
        ),
        identities=tuple(
            IdentityLine(i.kind, i.value, i.opted_out_at is not None, i.sms_capable)
            for i in customer.identities
        ),
    )


@dataclass(frozen=True)
class CaseLine:
    """One complaint case on the handlers' list."""

    reference: str
    stage: int
    status: str
    handler: str | None
    channel: str
    received_at: datetime
    next_due_on: date | None
    standing: WaitStanding


def case_lines(items: Sequence[dict[str, Any]], today: date) -> list[CaseLine]:
    """The complaint service's summaries as lines, each deadline in words."""
    lines = []
    for item in items:
        due = date.fromisoformat(item["next_due_on"]) if item["next_due_on"] else None
        lines.append(CaseLine(
            reference=item["reference"], stage=int(item["stage"]), status=item["status"],
            handler=item["handler_id"], channel=item["channel"],
            received_at=datetime.fromisoformat(item["received_at"]),
            next_due_on=due, standing=deadline_standing(due, today),
        ))
    return lines


@dataclass(frozen=True)
class PageLine:
    """One attempt to tell someone about an alert: how, who, when, and what happened."""

    kind: str  # sms | voice | slack_post | ...
    to: str | None
    tier: str | None
    at: datetime
    status: str
    error: str | None


@dataclass(frozen=True)
class AlertLine:
    """An open or acknowledged emergency on the on-call board."""

    id: int
    state: str
    hazards: tuple[str, ...]
    place: str
    words: str
    contact_id: int
    opened_at: datetime
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    step_index: int
    next_step_at: datetime | None
    pages: tuple[PageLine, ...]


@dataclass(frozen=True)
class RotaCell:
    tier: str
    holder: str | None  # None: nobody on call (a gap)
    covering: bool


@dataclass(frozen=True)
class RotaDay:
    day: date
    label: str  # "day (09:00)" | "night (21:00)"
    cells: tuple[RotaCell, ...]


def alert_lines(session: Session, limit: int = 100) -> list[AlertLine]:
    """Alerts not yet resolved, newest first, with every page sent for them."""
    rows = [
        *alert_repo.list_alerts(session, "open", limit, 0)[0],
        *alert_repo.list_alerts(session, "acknowledged", limit, 0)[0],
    ]
    first_words = pages_repo.contact_texts(session, [r.first_contact_id for r in rows])
    return [
        AlertLine(
            id=row.id, state=row.state, hazards=tuple(row.incident.get("hazards", ())),
            place=alert_records.place(row), words=first_words.get(row.first_contact_id, ""),
            contact_id=row.first_contact_id, opened_at=row.opened_at,
            acknowledged_by=row.acknowledged_by, acknowledged_at=row.acknowledged_at,
            step_index=row.step_index,
            next_step_at=row.next_step_at if row.state == "open" else None,
            pages=tuple(
                PageLine(n.kind, n.target_name, n.tier, n.created_at, n.status, n.error)
                for n in alert_repo.notifications_of(session, row.id)
            ),
        )
        for row in sorted(rows, key=lambda r: r.opened_at, reverse=True)
    ]


def rota_days(oncall: OnCall, start: date, days: int = 14) -> list[RotaDay]:
    """Who holds each tier at 09:00 and 21:00 (London) for the next `days` days."""
    lines = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        for hour, label in ((9, "day (09:00)"), (21, "night (21:00)")):
            moment = datetime.combine(day, time(hour), tzinfo=LONDON)
            now = oncall.at(moment)
            lines.append(RotaDay(day, label, tuple(
                RotaCell(s.tier, s.person.name if s.person else None,
                         s.source.value == "override")
                for s in now.shifts
            )))
    return lines


DASHBOARD_PERIODS = (30, 90)


# Contacts of the days before today hardly change (a rare reclassification), so their
# counts are kept this long in Redis; today's are always counted afresh.
PAST_DAYS_CACHE_SECONDS = 300


def dashboard_figures(
    session: Session, now: datetime, period_days: int, cache: Redis | None = None
) -> list[Figure]:
    """Every chart on the managers' dashboard over the last `period_days` days. With a
    `cache`, the contacts of the days before today are counted at most every
    PAST_DAYS_CACHE_SECONDS (the costliest query: a pass over the period's contacts)."""
    end = now.date()
    start = end - timedelta(days=period_days - 1)
    since = datetime.combine(start, time(0), tzinfo=UTC)
    months = figures.months_between(start, end)
    stages = [figures.StageDay(*row) for row in pages_repo.stage_timeliness_by_day(session, start)]
    counts = contacts_by_day(session, since, end, cache)
    return [
        figures.daily_counts("by-channel", f"Contacts per day by channel, last {period_days} "
                             "days", [(d, channel, n) for d, channel, _, n in counts],
                             start, end),
        figures.daily_counts("by-category", f"Contacts per day by category, last "
                             f"{period_days} days",
                             [(d, category, n) for d, _, category, n in counts], start, end),
        figures.weekly_acknowledgement(
            [(opened.date(), (acked - opened).total_seconds())
             for opened, acked in pages_repo.acknowledgement_waits(session, since)],
            start, end),
        figures.monthly_timeliness_counts(stages, months),
        figures.monthly_satisfaction(
            [(at.date(), score) for at, score in pages_repo.satisfaction_scores(session, since)],
            months),
    ]


def contacts_by_day(
    session: Session, since: datetime, today: date, cache: Redis | None
) -> list[tuple[date, str, str, int]]:
    """(UTC day, channel, category, contacts) from `since`: the days before `today` from
    the cache when it has them, today's always from the database. Without Redis (or with
    Redis down) every day is counted from the database."""
    if cache is None:
        return pages_repo.contacts_by_day(session, since)
    midnight = datetime.combine(today, time(0), tzinfo=UTC)
    key = f"dashboard:contacts-by-day:{since.date().isoformat()}:{today.isoformat()}"
    past: list[Any] | None = None
    try:
        cached = cache.get(key)
        past = json.loads(cached) if cached else None
    except RedisError:
        logger.warning("dashboard cache unavailable; counting every day afresh")
        return pages_repo.contacts_by_day(session, since)
    if past is None:
        past = [[d.isoformat(), channel, category, n] for d, channel, category, n
                in pages_repo.contacts_by_day(session, since, midnight)]
        try:
            cache.set(key, json.dumps(past), ex=PAST_DAYS_CACHE_SECONDS)
        except RedisError:
            logger.warning("dashboard cache unavailable; not kept")
    return [(date.fromisoformat(d), channel, category, int(n))
            for d, channel, category, n in past] + pages_repo.contacts_by_day(session, midnight)


def queue_figures(lines: Sequence[QueueLine]) -> list[Figure]:
    """Queue depth now, and each queue's oldest wait in minutes (two charts: two units)."""
    labels = tuple(line.label for line in lines)
    return [
        Figure(key="queues", kind="bar", unit="contacts", labels=labels,
               title="Contacts waiting in each queue now",
               series=(Series("waiting", tuple(float(line.waiting) for line in lines)),)),
        Figure(key="oldest-wait", kind="bar", unit="minutes", labels=labels,
               title="Longest wait in each queue now, in minutes",
               series=(Series("oldest wait (minutes)", tuple(
                   round(line.oldest_wait.total_seconds() / 60, 1) if line.oldest_wait else None
                   for line in lines)),)),
    ]


@dataclass(frozen=True)
class HeldLetter:
    """A letter to a complainant that a person must send: what, where and why."""

    kind: str
    channel: str
    recipient: str
    body: str
    reason: str
    created_at: datetime


def held_letters(session: Session, reference: str) -> list[HeldLetter]:
    return [
        HeldLetter(kind=row.kind.removeprefix("complaint_").replace("_", " "),
                   channel=row.channel, recipient=row.recipient, body=row.body,
                   reason=row.error_message or "", created_at=row.created_at)
        for row in pages_repo.held_letters(session, reference)
    ]


class WorkspaceQueries:
    """The staff pages' reads, each in its own read session."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def contact_page(self, contact_id: int) -> ContactPage | None:
        with self.sessions() as session:
            return contact_page(session, contact_id)

    def alert_lines(self, limit: int = 100) -> list[AlertLine]:
        """Open and acknowledged alerts, for the on-call board."""
        with self.sessions() as session:
            return alert_lines(session, limit)

    def held_letters(self, reference: str) -> list[HeldLetter]:
        """A complaint's letters held for a person to send."""
        with self.sessions() as session:
            return held_letters(session, reference)

    def dashboard_figures(
        self, now: datetime, period_days: int, cache: Redis | None = None
    ) -> list[Figure]:
        """The managers' dashboard charts (see `dashboard_figures`)."""
        with self.sessions() as session:
            return dashboard_figures(session, now, period_days, cache)
