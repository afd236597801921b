"""A complaint's report facts: the few dates, codes and amounts the reports and the managers'
dashboard count, taken from the case once (when it is saved) instead of rebuilding every
case from its document at report time. Pure.

Every report figure is computed from these facts, whether they come from a case in memory
(``facts_of``) or from the ``complaint_report_facts`` table (``facts_from_columns``), so
the two paths cannot give different figures. Dates are London dates: every counting rule
(docs/reporting.md) asks which London day something happened on.

The flat columns are ``facts_to_columns``'s keys: one row per complaint, each stage's
dates side by side (``s1_*``, ``s2_*``) so SQL can aggregate them; the rarer lists
(remedies, root causes, lessons, improvements, exclusion grounds, the Ombudsman case) are
small JSON lists, empty lists stored as NULL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from contact_hub.domain.complaints.deadlines import london_date
from contact_hub.domain.complaints.model import (
    Complaint,
    Decision,
    Stage,
    StageRecord,
    Status,
)

STAGES = (1, 2)


@dataclass(frozen=True)
class StageFacts:
    """One stage's clock and answer."""

    stage: int
    requested_on: date
    acknowledge_by: date
    acknowledged_on: date | None = None
    response_due_base: date | None = None
    response_due: date | None = None  # after any extension
    responded_on: date | None = None
    decision: str | None = None  # a Decision value, once responded
    extended_on: date | None = None
    extension_reason: str | None = None


@dataclass(frozen=True)
class RemedyFact:
    stage: int
    type: str  # a RemedyType value
    amount_pence: int | None
    offered_on: date


@dataclass(frozen=True)
class LessonFact:
    text: str
    recorded_on: date


@dataclass(frozen=True)
class ImprovementFact:
    description: str
    owner: str
    agreed_on: date
    due_on: date
    done_at: datetime | None


@dataclass(frozen=True)
class OmbudsmanFact:
    referred_on: date
    determination: str | None
    determined_on: date | None
    orders: int
    orders_complied_on: date | None


@dataclass(frozen=True)
class ComplaintFacts:
    """What the reports count about one complaint."""

    reference: str
    channel: str
    received_at: datetime
    received_on: date
    status: str  # a Status value
    stage: int  # the stage it is at now
    stages: tuple[StageFacts, ...]
    handler_id: str | None = None
    priority: bool = False  # health and safety, safeguarding or a BSA relevant complaint
    bsa_relevant: bool = False
    safeguarding: bool = False
    declined_stage: int | None = None
    declined_on: date | None = None
    declined_grounds: tuple[str, ...] = ()
    withdrawn_on: date | None = None  # when withdrawn, if that is where it ended
    service_area: str | None = None
    category: str | None = None
    root_causes: tuple[str, ...] = ()  # RootCauseKind values
    independent: bool = False  # flagged for independent investigation
    independent_reasons: tuple[str, ...] = ()
    needs_independent_handler: bool = False
    remedies: tuple[RemedyFact, ...] = ()
    lessons: tuple[LessonFact, ...] = ()
    improvements: tuple[ImprovementFact, ...] = ()
    ombudsman: OmbudsmanFact | None = None

    def stage_record(self, stage: int) -> StageFacts | None:
        return next((s for s in self.stages if s.stage == stage), None)

    @property
    def upheld_at_any_stage(self) -> bool:
        return any(s.decision is not None and s.decision != Decision.NOT_UPHELD.value
                   for s in self.stages)

    @property
    def remedy_pence(self) -> int:
        return sum(r.amount_pence or 0 for r in self.remedies if r.type == "financial")


def _date(moment: datetime | None) -> date | None:
    return london_date(moment) if moment is not None else None


def _stage(record: StageRecord) -> StageFacts:
    extension = record.extension
    return StageFacts(
        stage=int(record.stage),
        requested_on=london_date(record.requested_at),
        acknowledge_by=record.acknowledge_by,
        acknowledged_on=_date(record.acknowledged_at),
        response_due_base=record.response_due_base,
        response_due=record.response_due,
        responded_on=_date(record.responded_at),
        decision=record.response.decision.value if record.response else None,
        extended_on=_date(extension.agreed_at) if extension else None,
        extension_reason=extension.reason if extension else None,
    )


def _remedies(complaint: Complaint) -> tuple[RemedyFact, ...]:
    """Each remedy with the stage and day it was offered: with a stage response, or when
    recorded on its own (at the stage the case was at then)."""
    found: list[RemedyFact] = []
    seen: set[str] = set()
    for record in complaint.stages:
        if record.response and record.responded_at:
            for remedy in record.response.remedies:
                found.append(RemedyFact(int(record.stage), remedy.type.value,
                                        remedy.amount_pence, london_date(record.responded_at)))
                seen.add(remedy.id)
    stage = Stage.ONE
    by_id = {r.id: r for r in complaint.remedies}
    for event in complaint.timeline:
        if event.kind == "escalation_requested":
            stage = Stage.TWO
        remedy_id = event.details.get("remedy_id")
        if event.kind == "remedy_recorded" and remedy_id in by_id and remedy_id not in seen:
            remedy = by_id[remedy_id]
            found.append(RemedyFact(int(stage), remedy.type.value, remedy.amount_pence,
                                    london_date(event.at)))
    return tuple(found)


def _recorded_on(complaint: Complaint, kind: str, key: str, value: str) -> date | None:
    return next((london_date(e.at) for e in complaint.timeline
                 if e.kind == kind and e.details.get(key) == value), None)


def facts_of(complaint: Complaint) -> ComplaintFacts:
    """The report facts of a case."""
    withdrawn = None
    if complaint.status is Status.WITHDRAWN:
        withdrawn = next((london_date(e.at) for e in reversed(complaint.timeline)
                          if e.kind == "withdrawn"), None)
    lessons = []
    for lesson in complaint.lessons:
        on = _recorded_on(complaint, "lesson_recorded", "lesson_id", lesson.id)
        if on is not None:
            lessons.append(LessonFact(lesson.text, on))
    improvements = []
    for improvement in complaint.improvements:
        on = _recorded_on(complaint, "improvement_agreed", "improvement_id", improvement.id)
        if on is not None:
            improvements.append(ImprovementFact(improvement.description, improvement.owner, on,
                                                improvement.due_on, improvement.done_at))
    declined, flag, ombudsman = (complaint.declined, complaint.independent_investigation,
                                 complaint.ombudsman)
    handler = complaint.current.handler
    return ComplaintFacts(
        reference=complaint.reference,
        channel=complaint.channel,
        received_at=complaint.received_at,
        received_on=london_date(complaint.received_at),
        status=complaint.status.value,
        stage=int(complaint.stage),
        stages=tuple(_stage(r) for r in complaint.stages),
        handler_id=handler.id if handler else None,
        priority=complaint.is_priority,
        bsa_relevant=complaint.is_bsa_relevant,
        safeguarding=complaint.concerns_safeguarding,
        declined_stage=int(declined.stage) if declined else None,
        declined_on=london_date(declined.declined_at) if declined else None,
        declined_grounds=tuple(e.ground.value for e in declined.exclusions) if declined else (),
        withdrawn_on=withdrawn,
        service_area=complaint.classification.service_area if complaint.classification
        else None,
        category=complaint.classification.category if complaint.classification else None,
        root_causes=tuple(cause.kind.value for cause in complaint.root_causes),
        independent=flag is not None,
        independent_reasons=tuple(r.value for r in flag.reasons) if flag else (),
        needs_independent_handler=complaint.needs_independent_handler,
        remedies=_remedies(complaint),
        lessons=tuple(lessons),
        improvements=tuple(improvements),
        ombudsman=OmbudsmanFact(
            ombudsman.referred_on,
            ombudsman.determination.value if ombudsman.determination else None,
            ombudsman.determined_on, len(ombudsman.orders), ombudsman.orders_complied_on,
        ) if ombudsman else None,
    )


def as_facts(items: Iterable[Complaint | ComplaintFacts]) -> list[ComplaintFacts]:
    """Facts for cases given either way (cases in memory, or facts read from the table)."""
    return [item if isinstance(item, ComplaintFacts) else facts_of(item) for item in items]


# --- the flat row ----------------------------------------------------------------------

STAGE_COLUMNS = ("requested_on", "acknowledge_by", "acknowledged_on", "response_due_base",
                 "response_due", "responded_on", "decision", "extended_on", "extension_reason")
SCALAR_COLUMNS = ("reference", "channel", "received_at", "received_on", "status", "stage",
                  "handler_id", "priority", "bsa_relevant", "safeguarding",
                  "declined_stage", "declined_on", "withdrawn_on", "service_area", "category",
                  "independent", "needs_independent_handler")
LIST_COLUMNS = ("declined_grounds", "root_causes", "independent_reasons", "remedies",
                "lessons", "improvements", "ombudsman")
COLUMNS = (*SCALAR_COLUMNS, *(f"s{n}_{name}" for n in STAGES for name in STAGE_COLUMNS),
           "remedy_pence", "upheld", *LIST_COLUMNS)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def facts_to_columns(facts: ComplaintFacts) -> dict[str, Any]:
    """The flat row for the facts table (native dates; JSON-able lists or None)."""
    row: dict[str, Any] = {name: getattr(facts, name) for name in SCALAR_COLUMNS}
    for n in STAGES:
        record = facts.stage_record(n)
        for name in STAGE_COLUMNS:
            row[f"s{n}_{name}"] = getattr(record, name) if record else None
    row["remedy_pence"] = facts.remedy_pence
    row["upheld"] = facts.upheld_at_any_stage
    lists: dict[str, Any] = {
        "declined_grounds": list(facts.declined_grounds),
        "root_causes": list(facts.root_causes),
        "independent_reasons": list(facts.independent_reasons),
        "remedies": [[r.stage, r.type, r.amount_pence, r.offered_on.isoformat()]
                     for r in facts.remedies],
        "lessons": [[lesson.text, lesson.recorded_on.isoformat()] for lesson in facts.lessons],
        "improvements": [[i.description, i.owner, i.agreed_on.isoformat(), i.due_on.isoformat(),
                          _iso(i.done_at)] for i in facts.improvements],
        "ombudsman": [facts.ombudsman.referred_on.isoformat(), facts.ombudsman.determination,
                      _iso(facts.ombudsman.determined_on), facts.ombudsman.orders,
                      _iso(facts.ombudsman.orders_complied_on)] if facts.ombudsman else [],
    }
    row.update({name: value or None for name, value in lists.items()})
    return row


def facts_from_columns(row: Mapping[Any, Any]) -> ComplaintFacts:
    """The facts a flat row holds (the inverse of ``facts_to_columns``). Date columns come
    as dates (the database driver reads them so); this runs once per case in a report."""
    stages = tuple(
        StageFacts(n, *(row[key] for key in _STAGE_KEYS[n]))
        for n in STAGES if row[_STAGE_KEYS[n][0]] is not None
    )
    ombudsman = row["ombudsman"]
    received_at = row["received_at"]
    return ComplaintFacts(
        **{name: row[name] for name in _PLAIN_SCALARS},
        received_at=received_at if received_at.tzinfo else received_at.replace(tzinfo=UTC),
        stages=stages,
        declined_grounds=tuple(row["declined_grounds"] or ()),
        root_causes=tuple(row["root_causes"] or ()),
        independent_reasons=tuple(row["independent_reasons"] or ()),
        remedies=tuple(RemedyFact(stage, kind, amount, date.fromisoformat(on))
                       for stage, kind, amount, on in row["remedies"] or ()),
        lessons=tuple(LessonFact(text, date.fromisoformat(on))
                      for text, on in row["lessons"] or ()),
        improvements=tuple(
            ImprovementFact(text, owner, date.fromisoformat(agreed), date.fromisoformat(due),
                            datetime.fromisoformat(done) if done else None)
            for text, owner, agreed, due, done in row["improvements"] or ()),
        ombudsman=OmbudsmanFact(date.fromisoformat(ombudsman[0]), ombudsman[1],
                                _day(ombudsman[2]), ombudsman[3], _day(ombudsman[4]))
        if ombudsman else None,
    )


_STAGE_KEYS = {n: tuple(f"s{n}_{name}" for name in STAGE_COLUMNS) for n in STAGES}
_PLAIN_SCALARS = tuple(name for name in SCALAR_COLUMNS if name != "received_at")
