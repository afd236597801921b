"""The annual complaints performance and service improvement report (Code 8.1), pure.

Give it every complaint received up to the end of the reporting year, the survey answers,
the number of homes, the working calendar, the configured vocabulary and the landlord's
own commentary; it returns JSON-able data. The TSM figures (CH01, CH02, acknowledgement
and average days) come from ``complaints.reports.complaints_report`` unchanged; this module
adds what the Code and the MRC guidance ask for beside them. Counting rules are in
docs/reporting.md; in short, each thing counts in the year it happened in:

- a request (stage 1 complaint, stage 2 escalation) in the year its request was received;
- a response, decline, withdrawal or extension in the year it was made;
- a remedy in the year it was offered (with its response, or when recorded on its own);
- categories, root causes and independent-investigation flags for the complaints
  received (stage 1) in the year; lessons and improvements by the date they were
  recorded, with each improvement's status as at the last day of the year (or today,
  for the year still running).

The reporting year is the TSM year: ``year=2026`` is 1 April 2026 to 31 March 2027.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from contact_hub.domain.complaints.deadlines import london_date
from contact_hub.domain.complaints.model import (
    Complaint,
    Decision,
    ExclusionGround,
    IndependenceTrigger,
    OmbudsmanDetermination,
    RemedyType,
    RootCauseKind,
    Stage,
    Status,
)
from contact_hub.domain.complaints.reports import Period, complaints_report
from contact_hub.domain.reports.categories import ComplaintVocabulary
from contact_hub.domain.reports.facts import ComplaintFacts, as_facts
from contact_hub.domain.reports.self_assessment import self_assessment
from contact_hub.domain.working_days import WorkingCalendar

TITLE = "Annual complaints performance and service improvement report"
UNCLASSIFIED = "unclassified"
# 1 very satisfied .. 5 very dissatisfied (the complaint survey's scale).
SATISFIED_SCORES = (1, 2)


@dataclass(frozen=True)
class SurveyAnswer:
    """One answer to the satisfaction question (1 very satisfied .. 5 very dissatisfied)."""

    subject: str  # "complaint" (how we handled it) or "contact" (after a resolved contact)
    score: int
    answered_at: datetime
    channel: str | None = None


@dataclass(frozen=True)
class Commentary:
    """What the landlord writes into the report: the governing body's response (Code 8.2)
    and its own commentary on each self-assessment provision."""

    governing_body_response: str | None = None
    responded_by: str | None = None  # the Member Responsible for Complaints
    responded_on: date | None = None
    provisions: dict[str, str] = field(default_factory=dict)


def reporting_year(year: int) -> Period:
    """The TSM reporting year that starts on 1 April ``year``."""
    return Period(date(year, 4, 1), date(year + 1, 3, 31))


def annual_report(
    complaints: Iterable[Complaint | ComplaintFacts],
    *,
    year: int,
    homes: int,
    calendar: WorkingCalendar,
    vocabulary: ComplaintVocabulary,
    surveys: Sequence[SurveyAnswer] = (),
    commentary: Commentary = Commentary(),
    organisation: str = "",
    as_of: date | None = None,
) -> dict[str, Any]:
    """The whole report for the reporting year starting 1 April ``year``.

    The complaints may be cases or their report facts (``domain.reports.facts``, as read
    from the facts table): the figures are computed from the facts either way.
    ``as_of`` (today) matters only for a year still running: an improvement's status is
    given as at the earlier of that day and the year's last day.
    """
    period = reporting_year(year)
    status_on = min(period.end, as_of) if as_of else period.end
    items = as_facts(complaints)
    tsm = complaints_report(
        items, period_start=period.start, period_end=period.end, homes=homes, calendar=calendar
    )
    measures = {m["code"]: m for m in tsm["measures"]}
    received = [c for c in items if c.received_on in period]
    report: dict[str, Any] = {
        "title": TITLE,
        "organisation": organisation,
        "year": year,
        "period": tsm["period"],
        "as_of": status_on.isoformat(),
        "homes": homes,
        "tsm": tsm["measures"],
        "volumes": _volumes(items, period, measures),
        "outcomes": _outcomes(items, period),
        "extensions": _extensions(items, period),
        "declined": _declined(items, period),
        "remedies": _remedies(items, period),
        "categories": _categories(received, vocabulary),
        "root_causes": _root_causes(received),
        "independent_investigations": _independent(received),
        "lessons": (lessons := _lessons(items, period, vocabulary)),
        "lesson_themes": lesson_themes(lessons),
        "improvements": _improvements(items, period, status_on),
        "ombudsman": _ombudsman(items, period),
        "satisfaction": _satisfaction(surveys, period),
        "governing_body_response": {
            "text": commentary.governing_body_response,
            "responded_by": commentary.responded_by,
            "responded_on": commentary.responded_on.isoformat()
            if commentary.responded_on else None,
            "completed": bool(commentary.governing_body_response),
        },
    }
    report["self_assessment"] = self_assessment(report, commentary.provisions)
    return report


def _in(moment: datetime | None, period: Period) -> bool:
    return moment is not None and london_date(moment) in period


def _volumes(
    items: list[ComplaintFacts], period: Period, measures: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    stages: dict[str, Any] = {}
    for stage in Stage:
        records = [(c, c.stage_record(int(stage))) for c in items]
        requests = [c for c, r in records if r is not None and r.requested_on in period]
        declined = sum(1 for c in requests if c.declined_stage == int(stage))
        withdrawn = sum(
            1 for c in items
            if c.status == Status.WITHDRAWN.value and c.stage == int(stage)
            and c.withdrawn_on in period
        )
        ch01 = measures[f"CH01({int(stage)})"]
        stages[str(int(stage))] = {
            "requests": len(requests),
            "accepted": ch01["numerator"],
            "declined": declined,
            "withdrawn": withdrawn,
            "per_1000_homes": ch01["value"],
        }
    by_channel = Counter(c.channel for c in items if c.received_on in period)
    return {"stages": stages, "by_channel": dict(sorted(by_channel.items()))}


def _outcomes(items: list[ComplaintFacts], period: Period) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for stage in Stage:
        counts = Counter(
            record.decision
            for c in items
            for record in c.stages
            if record.stage == int(stage) and record.decision and record.responded_on in period
        )
        total = sum(counts.values())
        result[str(int(stage))] = {
            "responses": total,
            **{d.value: counts.get(d.value, 0) for d in Decision},
            "upheld_or_partly_percent": _percent(
                counts.get(Decision.UPHELD.value, 0) + counts.get(Decision.PARTLY_UPHELD.value, 0),
                total,
            ),
        }
    return result


def _extensions(items: list[ComplaintFacts], period: Period) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for stage in Stage:
        reasons: Counter[str] = Counter()
        for c in items:
            record = c.stage_record(int(stage))
            if record and record.extension_reason is not None and record.extended_on in period:
                reasons[" ".join(record.extension_reason.split()).capitalize()] += 1
        result[str(int(stage))] = {
            "count": sum(reasons.values()),
            "reasons": [{"reason": r, "count": n} for r, n in _ranked(reasons)],
        }
    return result


def _declined(items: list[ComplaintFacts], period: Period) -> dict[str, Any]:
    grounds: dict[str, Counter[str]] = {"1": Counter(), "2": Counter()}
    total = 0
    for c in items:
        if c.declined_on in period:
            total += 1
            for ground in c.declined_grounds:
                grounds[str(c.declined_stage)][ground] += 1
    return {
        "total": total,
        "grounds": {
            stage: {g.value: counts.get(g.value, 0) for g in ExclusionGround}
            for stage, counts in grounds.items()
        },
    }


def _remedies(items: list[ComplaintFacts], period: Period) -> dict[str, Any]:
    types: Counter[str] = Counter()
    pence_by_stage = {"1": 0, "2": 0}
    payments = 0
    for c in items:
        for remedy in c.remedies:
            if remedy.offered_on not in period:
                continue
            types[remedy.type] += 1
            if remedy.type == RemedyType.FINANCIAL.value and remedy.amount_pence:
                payments += 1
                pence_by_stage[str(remedy.stage)] += remedy.amount_pence
    total = sum(pence_by_stage.values())
    return {
        "by_type": {t.value: types.get(t.value, 0) for t in RemedyType},
        "financial_payments": payments,
        "compensation_pence": {"total": total, "by_stage": pence_by_stage},
        "compensation_pounds": f"{total / 100:,.2f}",
    }


def _categories(received: list[ComplaintFacts], vocabulary: ComplaintVocabulary) -> dict[str, Any]:
    def rows(key: Any, labels: Any) -> list[dict[str, Any]]:
        groups: dict[str, list[ComplaintFacts]] = {}
        for c in received:
            groups.setdefault(key(c), []).append(c)
        out = []
        for code in (*labels.codes, UNCLASSIFIED):
            members = groups.get(code, [])
            if not members and code not in labels:
                continue
            upheld = sum(1 for c in members if c.upheld_at_any_stage)
            out.append({"code": code, "label": labels.label(code) if code in labels
                        else "Not yet classified", "complaints": len(members),
                        "upheld_or_partly": upheld})
        for code in sorted(set(groups) - set(labels.codes) - {UNCLASSIFIED}):
            members = groups[code]  # a code since removed from the configuration
            out.append({"code": code, "label": code, "complaints": len(members),
                        "upheld_or_partly": sum(1 for c in members if c.upheld_at_any_stage)})
        return out

    return {
        "complaints": len(received),
        "by_category": rows(lambda c: c.category or UNCLASSIFIED, vocabulary.categories),
        "by_service_area": rows(lambda c: c.service_area or UNCLASSIFIED,
                                vocabulary.service_areas),
    }


def _root_causes(received: list[ComplaintFacts]) -> dict[str, Any]:
    counts = Counter(kind for c in received for kind in c.root_causes)
    with_cause = sum(1 for c in received if c.root_causes)
    return {
        "complaints_with_a_cause": with_cause,
        "by_kind": {k.value: counts.get(k.value, 0) for k in RootCauseKind},
    }


def _independent(received: list[ComplaintFacts]) -> dict[str, Any]:
    flagged = [c for c in received if c.independent]
    reasons = Counter(r for c in flagged for r in c.independent_reasons)
    return {
        "flagged": len(flagged),
        "by_reason": {t.value: reasons.get(t.value, 0) for t in IndependenceTrigger},
        "awaiting_independent_handler": sum(1 for c in flagged if c.needs_independent_handler),
    }


def _lessons(
    items: list[ComplaintFacts], period: Period, vocabulary: ComplaintVocabulary
) -> list[dict[str, Any]]:
    out = []
    for c in items:
        for lesson in c.lessons:
            if lesson.recorded_on in period:
                out.append({
                    "complaint": c.reference,
                    "category": vocabulary.categories.label(c.category)
                    if c.category is not None else None,
                    "lesson": lesson.text,
                    "recorded_on": lesson.recorded_on.isoformat(),
                })
    return sorted(out, key=lambda row: (row["recorded_on"], row["complaint"]))


def lesson_themes(lessons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lessons with the same words (case and spacing aside) grouped, most often first: what
    the board reads, where thousands of cases may teach the same thing."""
    themes: dict[str, dict[str, Any]] = {}
    for row in lessons:
        key = " ".join(row["lesson"].lower().split())
        theme = themes.setdefault(key, {"lesson": row["lesson"], "times": 0,
                                        "categories": set(), "complaints": []})
        theme["times"] += 1
        if row["category"]:
            theme["categories"].add(row["category"])
        if len(theme["complaints"]) < 3:
            theme["complaints"].append(row["complaint"])
    ranked = sorted(themes.values(), key=lambda t: (-t["times"], t["lesson"]))
    return [{**t, "categories": sorted(t["categories"])} for t in ranked]


def improvement_status(due_on: date, done_at: datetime | None, on: date) -> str:
    """``done``, ``overdue`` or ``open`` as at the end of ``on``."""
    if done_at is not None and london_date(done_at) <= on:
        return "done"
    return "overdue" if due_on < on else "open"


def _improvements(items: list[ComplaintFacts], period: Period, status_on: date) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for c in items:
        for improvement in c.improvements:
            agreed = improvement.agreed_on
            if agreed > status_on:
                continue
            status = improvement_status(improvement.due_on, improvement.done_at, status_on)
            done_before = (
                improvement.done_at is not None and london_date(improvement.done_at) < period.start
            )
            if agreed < period.start and done_before:
                continue  # finished in an earlier year: reported there
            rows.append({
                "complaint": c.reference,
                "improvement": improvement.description,
                "owner": improvement.owner,
                "agreed_on": agreed.isoformat(),
                "due_on": improvement.due_on.isoformat(),
                "done_on": london_date(improvement.done_at).isoformat()
                if improvement.done_at and status == "done" else None,
                "status": status,
            })
    rows.sort(key=lambda row: (row["agreed_on"], row["complaint"]))
    counts = Counter(row["status"] for row in rows)
    return {
        "agreed_in_year": sum(1 for r in rows if r["agreed_on"] >= period.start.isoformat()),
        "done": counts.get("done", 0),
        "open": counts.get("open", 0),
        "overdue": counts.get("overdue", 0),
        "items": rows,
    }


def _ombudsman(items: list[ComplaintFacts], period: Period) -> dict[str, Any]:
    cases = [c.ombudsman for c in items if c.ombudsman is not None]
    determined = [o for o in cases if o.determined_on in period]
    determinations = Counter(o.determination for o in determined if o.determination)
    ordered = [o for o in determined if o.orders]
    return {
        "referrals": sum(1 for o in cases if o.referred_on in period),
        "determinations": {d.value: determinations.get(d.value, 0)
                           for d in OmbudsmanDetermination},
        "maladministration_findings": sum(
            determinations.get(d.value, 0) for d in (
                OmbudsmanDetermination.SEVERE_MALADMINISTRATION,
                OmbudsmanDetermination.MALADMINISTRATION,
                OmbudsmanDetermination.SERVICE_FAILURE,
            )
        ),
        "orders_made": sum(o.orders for o in ordered),
        "cases_with_orders": len(ordered),
        "cases_with_orders_complied": sum(
            1 for o in ordered if o.orders_complied_on and o.orders_complied_on <= period.end
        ),
    }


def _satisfaction(surveys: Sequence[SurveyAnswer], period: Period) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for subject in ("complaint", "contact"):
        scores = [s.score for s in surveys if s.subject == subject and _in(s.answered_at, period)]
        satisfied = sum(1 for s in scores if s in SATISFIED_SCORES)
        result[subject] = {
            "answers": len(scores),
            "satisfied": satisfied,
            "satisfied_percent": _percent(satisfied, len(scores)),
            "average_score": round(sum(scores) / len(scores), 2) if scores else None,
            "by_score": {str(n): scores.count(n) for n in range(1, 6)},
        }
    return result


def _percent(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator * 100, 1) if denominator else None


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
