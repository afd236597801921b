"""Annual report benchmark: the 2026/27 report over generated complaints (default 50,000),
timed in its parts and end to end. The target is under 5 seconds to a rendered report.

    .venv/bin/python bench/reports.py [--complaints 50000] [--database-url URL] [--pure-only]
                                      [--compare-documents]

Each phase prints wall-clock and CPU seconds; on a shared machine the CPU figure is the
one that says what the report costs. Phases timed:
  facts     each case's report facts, as saving a case writes them (not counted);
  figures   the pure ``annual_report`` over those facts in memory: the baseline;
  json/csv/html/pdf   rendering that report (the HTML through the app's own template);
  from database   ``AnnualReports.annual`` reading every case's report facts from the database
                  (a new SQLite file by default; pass a PostgreSQL URL of a database you may
                  wipe) and computing the figures, then the PDF: what `contact-hub report
                  annual` does. Printed beside the figures-only baseline of the same run,
                  as a ratio (the machine is shared: the ratio is what compares across runs).
  --compare-documents   also the old way: every case rebuilt from its JSON document (slow).

The cases are a realistic mix: most answered at stage 1 (a tenth late, some extended), a
sixth escalated, some declined or withdrawn, remedies, categories, causes and lessons.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask, render_template
from sqlalchemy import create_engine, insert, select, text

import contact_hub.web
from contact_hub.bank_holidays import england_and_wales_calendar
from contact_hub.clock import FrozenClock
from contact_hub.domain import complaints as domain
from contact_hub.domain.complaints.serialisation import complaint_to_dict, index_fields
from contact_hub.domain.reports import learning
from contact_hub.domain.reports.annual import annual_report
from contact_hub.domain.reports.categories import DEFAULT_CATEGORIES, ComplaintVocabulary
from contact_hub.domain.reports.facts import facts_of, facts_to_columns
from contact_hub.domain.reports.independence import IndependenceRule
from contact_hub.domain.reports.layout import sections
from contact_hub.services.reports.annual import AnnualReports
from contact_hub.services.reports.pdf import render_pdf
from contact_hub.services.reports.text import report_csv
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.complaints import repository as crepo
from contact_hub.storage.complaints.models import ComplaintReportFacts, ComplaintRow
from contact_hub.storage.db import make_engine, make_session_factory, upgrade
from contact_hub.storage.models import Customer

YEAR = 2026
HOMES = 40_000
CALENDAR = england_and_wales_calendar(range(2024, 2030))
VOCABULARY = ComplaintVocabulary()
NOW = datetime(2027, 12, 1, 9, tzinfo=UTC)  # after every generated event
HANDLERS = [domain.Person(id=f"h{n}", name=f"Handler {n}", team=f"Team {n % 5}")
            for n in range(20)]
DEFINITION = domain.ComplaintDefinition("What went wrong", ("put it right",))
AREAS = ("property_services", "neighbourhoods", "customer_services", "income")


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _respond(c: domain.Complaint, when: datetime, chance: random.Random) -> domain.Complaint:
    decision = chance.choice(list(domain.Decision))
    remedies: tuple[domain.Remedy, ...] = ()
    if decision is not domain.Decision.NOT_UPHELD:
        remedies = (domain.Remedy(id=f"r{c.stage}", type=domain.RemedyType.FINANCIAL,
                                  description="payment", reason="time and trouble",
                                  amount_pence=chance.choice((2500, 5000, 15000))),)
    draft = domain.ResponseDraft(decision=decision, reasons="found", remedies=remedies,
                                 outstanding_actions=())
    return domain.respond(c, at=when, now=NOW, actor="h", draft=draft).complaint


def one_complaint(n: int, chance: random.Random) -> domain.Complaint:  # noqa: C901, PLR0912
    """A case received in the year and taken as far as its dice say."""
    received = date(YEAR, 4, 1) + timedelta(days=chance.randrange(350))
    c = domain.open_complaint(
        reference=f"CMP-{n:07d}", complainant=domain.Complainant(name=f"Resident {n}"),
        channel=chance.choice(("sms", "email", "phone", "web", "messenger")),
        received_at=_at(received, 9), now=NOW, actor="system", summary="Not happy",
        calendar=CALENDAR).complaint
    roll = chance.random()
    day = received
    if roll < 0.03:
        return domain.decline(c, exclusions=(domain.Exclusion(
            domain.ExclusionGround.ALREADY_CONSIDERED, "answered before"),),
            explanation="answered", at=_at(day, 11), now=NOW, actor="admin").complaint
    if roll < 0.05:
        return domain.withdraw(c, at=_at(day, 11), now=NOW, actor="h",
                               reason="sorted").complaint
    category, _ = DEFAULT_CATEGORIES[n % len(DEFAULT_CATEGORIES)]
    c = learning.classify(c, classification=domain.Classification(AREAS[n % 4], category),
                          triggers=(), subject_team=None, detail="", vocabulary=VOCABULARY,
                          rule=IndependenceRule(), at=_at(day, 10), now=NOW,
                          actor="h").complaint
    day = CALENDAR.add_working_days(received, chance.choice((1, 2, 3, 4, 6)))
    c = domain.acknowledge(c, at=_at(day, 10), now=NOW, actor="h", handler=HANDLERS[n % 20],
                           definition=DEFINITION, calendar=CALENDAR).complaint
    if chance.random() < 0.1:
        c = domain.extend(c, at=_at(day, 11), now=NOW, actor="h",
                          reason=chance.choice(("awaiting survey", "contractor report")),
                          new_due=CALENDAR.add_working_days(day, 20),
                          calendar=CALENDAR).complaint
    day = CALENDAR.add_working_days(day, chance.choice((5, 8, 10, 10, 12)))
    c = _respond(c, _at(day, 12), chance)
    if chance.random() < 0.4:
        c = learning.add_root_cause(c, cause=domain.RootCause(
            chance.choice(list(domain.RootCauseKind)), "found"), at=_at(day, 13), now=NOW,
            actor="h").complaint
        c = learning.record_lesson(c, lesson=domain.Lesson("L1", "Check before visiting"),
                                   at=_at(day, 14), now=NOW, actor="h").complaint
    if chance.random() < 0.17:
        day = day + timedelta(days=chance.randrange(1, 20))
        c = domain.request_escalation(c, at=_at(day, 9), now=NOW, actor="resident",
                                      calendar=CALENDAR).complaint
        day = CALENDAR.add_working_days(day, chance.choice((2, 4, 6)))
        c = domain.acknowledge(c, at=_at(day, 10), now=NOW, actor="h",
                               handler=HANDLERS[(n + 1) % 20], definition=DEFINITION,
                               calendar=CALENDAR).complaint
        day = CALENDAR.add_working_days(day, chance.choice((15, 20, 25)))
        c = _respond(c, _at(day, 12), chance)
    return c


def generate(count: int) -> list[domain.Complaint]:
    chance = random.Random(20)
    return [one_complaint(n, chance) for n in range(count)]


def timed(name: str, work: Callable[[], Any]) -> tuple[Any, float]:
    """Run ``work``; print wall-clock and CPU seconds (CPU is what the work costs when other
    processes share the machine); return the result and the CPU seconds."""
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    took, cpu_took = time.perf_counter() - start, time.process_time() - cpu
    print(f"{name:<30}{took:8.2f} s wall {cpu_took:8.2f} s cpu")
    return result, cpu_took


def render_html(report: dict[str, Any]) -> str:
    web = Path(contact_hub.web.__file__).parent
    app = Flask("bench", template_folder=str(web / "templates"),
                static_folder=str(web / "static"))
    with app.test_request_context():
        return render_template("reports/annual.html", report=report, sections=sections(report))


def store(url: str, complaints: list[domain.Complaint]) -> None:
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    upgrade(url)
    engine = make_engine(url)
    with engine.begin() as connection:
        customer = connection.execute(insert(Customer).values(
            created_at=NOW, vulnerabilities=[]).returning(Customer.id)).scalar_one()
        rows = []
        for c in complaints:
            fields = {k: v for k, v in index_fields(c).items() if k != "resident_id"}
            rows.append({**fields, "customer_id": customer, "document": complaint_to_dict(c),
                         "reply_channel": c.channel, "reply_to": "x", "version": 1,
                         "created_at": NOW, "updated_at": NOW})
        for start in range(0, len(rows), 5000):
            ids = connection.execute(
                insert(ComplaintRow).returning(ComplaintRow.id, sort_by_parameter_order=True),
                rows[start:start + 5000]).scalars().all()
            # what repository.write stores beside each case
            facts = [{**facts_to_columns(facts_of(c)), "complaint_id": complaint_id,
                      "building_id": None}
                     for c, complaint_id in zip(complaints[start:start + 5000], ids,
                                                strict=True)]
            connection.execute(insert(ComplaintReportFacts), facts)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=50_000)
    parser.add_argument("--database-url")
    parser.add_argument("--pure-only", action="store_true")
    parser.add_argument("--compare-documents", action="store_true")
    args = parser.parse_args()

    complaints, _ = timed(f"generate {args.complaints:,} cases", lambda: generate(args.complaints))
    facts, _ = timed("report facts of the cases", lambda: [facts_of(c) for c in complaints])
    report, figures = timed("figures (pure, from facts)", lambda: annual_report(
        facts, year=YEAR, homes=HOMES, calendar=CALENDAR, vocabulary=VOCABULARY,
        organisation="Bench Homes"))
    renders = 0.0
    renderers: dict[str, Callable[[], Any]] = {
        "json": lambda: json.dumps(report), "csv": lambda: report_csv(report),
        "html": lambda: render_html(report), "pdf": lambda: render_pdf(report)}
    for name, render in renderers.items():
        _, took = timed(f"render {name}", render)
        renders = max(renders, took)
    print(f"{'figures + slowest render':<30}{figures + renders:8.2f} s cpu")
    stage1 = report["volumes"]["stages"]["1"]
    print(f"(stage 1 requests {stage1['requests']:,}; CH02(1) "
          f"{next(m['value'] for m in report['tsm'] if m['code'] == 'CH02(1)')} %)")
    if args.pure_only:
        return
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.db"
        timed("store (not counted)", lambda: store(url, complaints))
        engine = make_engine(url)
        reports = AnnualReports(UnitsOfWork(make_session_factory(engine)), FrozenClock(NOW),
                                CALENDAR, HOMES, VOCABULARY, "Bench Homes")
        from_db, loaded = timed("from database: figures", lambda: reports.annual(YEAR))
        _, printed = timed("from database: pdf", lambda: render_pdf(from_db))
        print(f"{'end to end (database to PDF)':<30}{loaded + printed:8.2f} s cpu")
        print(f"{'from database / figures only':<30}{loaded / figures:8.2f} x  "
              f"(figures only {figures:.2f} s cpu, from database {loaded:.2f} s cpu)")
        for key in ("tsm", "volumes", "outcomes", "remedies", "categories", "improvements"):
            assert from_db[key] == report[key], f"the stored facts gave other {key}"
        if args.compare_documents:
            def from_documents() -> None:
                with reports.sessions() as session:
                    rows = session.scalars(select(ComplaintRow)).all()
                    cases = [crepo.to_domain(row) for row in rows]
                annual_report(cases, year=YEAR, homes=HOMES, calendar=CALENDAR,
                              vocabulary=VOCABULARY, organisation="Bench Homes")
            _, documents = timed("from documents (old way)", from_documents)
            print(f"{'documents / facts':<30}{documents / loaded:8.2f} x")
        engine.dispose()


if __name__ == "__main__":
    main()
