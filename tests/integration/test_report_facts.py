"""Report facts (issue 20): the narrow row each complaint keeps for the reports and the
dashboard equals what its case says, on SQLite and PostgreSQL, written with the case, back-filled
by the migration and rebuilt by `contact-hub report rebuild-facts`; the annual report read
from the facts equals the hand-checked report computed from the cases themselves."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alembic import command
from sqlalchemy import delete, insert, select, update

from contact_hub.cli import main
from contact_hub.clock import FrozenClock
from contact_hub.domain.complaints.model import Status
from contact_hub.domain.complaints.serialisation import complaint_to_dict, index_fields
from contact_hub.domain.reports.annual import annual_report
from contact_hub.domain.reports.facts import facts_of
from contact_hub.domain.reports.quarterly import quarterly_trends
from contact_hub.domain.working_days import london_date
from contact_hub.domain.workspace import dashboard as figures
from contact_hub.services.reports.annual import AnnualReports
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.complaints import repository as crepo
from contact_hub.storage.db import (
    alembic_config,
    make_engine,
    make_session_factory,
    transaction,
    upgrade,
)
from contact_hub.storage.models import Customer
from tests.unit.reports.seeded_year import CALENDAR, HOMES, VOCABULARY, seeded_year
from tests.workspace_helpers import signed_in

NOW = datetime(2027, 6, 1, 9, tzinfo=UTC)  # after every seeded event
END = datetime(2027, 4, 1, tzinfo=UTC)


@pytest.fixture
def sessions(container: Any) -> Any:  # the container empties the database first
    return container.sessions


def _customer(session: Any) -> int:
    customer = Customer(created_at=NOW, vulnerabilities=[])
    session.add(customer)
    session.flush()
    return customer.id


def _store(sessions: Any) -> list[Any]:
    """The seeded year saved the way the service saves a case (repository.write)."""
    cases = seeded_year()
    with transaction(sessions) as session:
        customer = _customer(session)
        for case in cases:
            row = crepo.ComplaintRow(customer_id=customer, reply_channel=case.channel,
                                     reply_to="x", building_id="B-7", created_at=NOW)
            crepo.write(row, case, NOW)
            session.add(row)
    return cases


def _read(sessions: Any) -> list[Any]:
    with sessions() as session:
        return crepo.report_facts_received_by(session, END)


def _reports(sessions: Any) -> AnnualReports:
    return AnnualReports(UnitsOfWork(sessions), FrozenClock(NOW), CALENDAR, HOMES, VOCABULARY,
                         "Example Homes")


def test_facts_written_with_each_case_equal_the_case_and_give_the_same_report(sessions):
    cases = _store(sessions)
    stored = _read(sessions)
    in_year = [c for c in cases if c.received_at <= END]
    assert stored == [facts_of(c) for c in in_year]
    # The annual report from the database equals the hand-checked one from the cases (whose
    # every figure tests/unit/reports/test_annual.py checks).
    from_cases = annual_report(cases, year=2026, homes=HOMES, calendar=CALENDAR,
                               vocabulary=VOCABULARY, as_of=NOW.date())
    from_database = _reports(sessions).annual(2026)
    for key in ("tsm", "volumes", "outcomes", "extensions", "declined", "remedies",
                "categories", "root_causes", "independent_investigations", "lessons",
                "improvements", "ombudsman", "self_assessment"):
        assert from_database[key] == from_cases[key], key
    assert from_database["volumes"]["stages"]["1"]["requests"] == 7  # hand-checked
    assert quarterly_trends(stored, year=2026, upto=4, homes=HOMES, calendar=CALENDAR,
                            vocabulary=VOCABULARY) == quarterly_trends(
        cases, year=2026, upto=4, homes=HOMES, calendar=CALENDAR, vocabulary=VOCABULARY)
    with sessions() as session:
        assert set(session.scalars(select(crepo.ComplaintReportFacts.building_id))) == {"B-7"}


def test_a_saved_change_rewrites_the_facts_in_the_same_transaction(sessions):
    cases = _store(sessions)
    withdrawn = next(c for c in cases if c.status.value == "withdrawn")
    with transaction(sessions) as session:
        row = crepo.complaint_by_reference(session, withdrawn.reference)
        assert row is not None and row.facts is not None and row.facts.status == "withdrawn"
        changed = replace(withdrawn, status=Status.CLOSED, channel="phone")
        crepo.write(row, changed, NOW)  # every change of a case is saved through write()
        assert (row.facts.status, row.facts.withdrawn_on) == ("closed", None)
    with sessions() as session:
        row = crepo.complaint_by_reference(session, withdrawn.reference)
        assert (row.facts.status, row.facts.channel) == ("closed", "phone")


def test_rebuild_facts_mends_missing_and_drifted_rows_and_is_idempotent(
    sessions, database_url, monkeypatch, capsys
):
    cases = _store(sessions)
    with transaction(sessions) as session:
        ids = sorted(session.scalars(select(crepo.ComplaintRow.id)))
        session.execute(delete(crepo.ComplaintReportFacts)
                        .where(crepo.ComplaintReportFacts.complaint_id == ids[0]))
        session.execute(update(crepo.ComplaintReportFacts)
                        .where(crepo.ComplaintReportFacts.complaint_id == ids[1])
                        .values(status="closed", remedy_pence=1))
    assert _reports(sessions).rebuild_facts(batch=3) == (len(cases), 2)
    assert _read(sessions) == [facts_of(c) for c in cases if c.received_at <= END]
    assert _reports(sessions).rebuild_facts(batch=3) == (len(cases), 0)
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["report", "rebuild-facts"]) == 0
    assert f"{len(cases)} complaints checked, 0 rewritten" in capsys.readouterr().out


def test_the_migration_back_fills_facts_for_existing_cases(container, database_url):
    config = alembic_config(database_url)
    command.downgrade(config, "0019_one_ledger")
    cases = seeded_year()
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            customer = connection.execute(insert(Customer).values(
                created_at=NOW, vulnerabilities=[]).returning(Customer.id)).scalar_one()
            connection.execute(insert(crepo.ComplaintRow), [
                {**{k: v for k, v in index_fields(c).items() if k != "resident_id"},
                 "customer_id": customer, "document": complaint_to_dict(c),
                 "reply_channel": c.channel, "reply_to": "x", "version": 1,
                 "created_at": NOW, "updated_at": NOW} for c in cases])
        upgrade(database_url)
        sessions = make_session_factory(engine)
        assert _read(sessions) == [facts_of(c) for c in cases if c.received_at <= END]
    finally:
        engine.dispose()
        upgrade(database_url)  # the next test's database is at the head again


def test_the_dashboards_timeliness_is_counted_in_sql_from_the_facts(
    sessions, client, container, clock
):
    cases = _store(sessions)
    clock.now = datetime(2027, 3, 31, 12, tzinfo=UTC)
    end = clock.now.date()
    start = end - timedelta(days=89)
    outcomes = [
        figures.StageOutcome(int(r.stage), london_date(r.responded_at), r.response_due_base,
                             r.response_due)
        for c in cases for r in c.stages
        if r.responded_at and r.response_due_base and r.response_due
        and start <= london_date(r.responded_at) <= end
    ]
    assert outcomes  # the seeded year answers cases in these months
    expected = figures.monthly_timeliness(outcomes, figures.months_between(start, end)).rows()
    signed_in(client, container, "manager")
    answer = client.get("/dashboard/timeliness.csv?days=90")
    assert list(csv.reader(io.StringIO(answer.get_data(as_text=True)))) == expected
