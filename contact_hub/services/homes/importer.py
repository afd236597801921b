"""`contact-hub import homes FILE.csv`: the housing system's export into the register.

One row per household member. The whole file is read and checked first; any bad row
(reported with its line number and reason) or a wrong header means nothing is written.
Then one transaction upserts buildings, properties (by property reference), tenancies
(by tenancy reference) and members (by tenancy and name) in bulk statements, so running
the same file again changes nothing and 100,000 rows take seconds, not minutes.

A tenancy in the file is the whole household: a member a later file no longer lists is
kept but marked not current (contacts may point at them), and stops matching senders.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import IO, Any, Protocol

import psycopg
from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from contact_hub.clock import Clock
from contact_hub.domain.homes import BadValue, clip
from contact_hub.services.homes import rows
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.complaints.models import Building
from contact_hub.storage.homes import models as homes

logger = logging.getLogger(__name__)

CHUNK = 1000  # rows per statement: well inside SQLite's and PostgreSQL's parameter limits
MAX_ERRORS_SHOWN = 200


class Progress(Protocol):
    """What the import reports progress to (a tqdm bar in the CLI)."""

    def update(self, n: int = 1) -> Any: ...


class _DryRun(Exception):
    """Rolls back a dry run's writes (the counts are kept)."""


class _Silent:
    def update(self, n: int = 1) -> None:
        return None


@dataclass(frozen=True)
class RowError:
    line: int  # the file's line number (the header is line 1)
    reason: str


@dataclass
class ImportReport:
    """What an import did, or why it did nothing."""

    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    header_error: str | None = None
    properties_new: int = 0
    properties_updated: int = 0
    tenancies_new: int = 0
    tenancies_updated: int = 0
    members: int = 0
    members_no_longer_current: int = 0
    committed: bool = False

    @property
    def ok(self) -> bool:
        return self.header_error is None and not self.errors


@dataclass
class _Checked:
    """The file's rows, checked and gathered by reference."""

    properties: dict[str, rows.PropertyData] = field(default_factory=dict)
    tenancies: dict[str, rows.TenancyData] = field(default_factory=dict)
    members: dict[tuple[str, str], rows.MemberData] = field(default_factory=dict)
    first_line: dict[str, int] = field(default_factory=dict)
    uprn_owner: dict[str, str] = field(default_factory=dict)


class HomesImport:
    """Reads, checks and writes a homes CSV."""

    def __init__(self, uow: UnitsOfWork, clock: Clock) -> None:
        self.uow = uow
        self.clock = clock

    def run(
        self, stream: IO[str], progress: Progress | None = None, *, dry_run: bool = False
    ) -> ImportReport:
        """Check the whole file, then (unless `dry_run` or anything is wrong) write it."""
        report = ImportReport()
        checked = self._check(stream, report, progress or _Silent())
        if not report.ok:
            return report
        try:
            with self.uow.transaction() as uow:
                session = uow.session
                self._check_uprns_against_register(session, checked, report)
                if not report.ok:
                    return report
                self._write(session, checked, report)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            return report
        report.committed = True
        logger.info("homes imported rows=%s properties_new=%s tenancies_new=%s", report.rows,
                    report.properties_new, report.tenancies_new)
        return report

    # --- reading and checking --------------------------------------------------------

    def _check(self, stream: IO[str], report: ImportReport, progress: Progress) -> _Checked:
        checked = _Checked()
        try:
            reader = csv.DictReader(stream, strict=True)
            header = reader.fieldnames
            report.header_error = _header_problem(header)
            if report.header_error:
                return checked
            for number, record in _numbered(reader):
                report.rows += 1
                progress.update(1)
                try:
                    _gather(checked, number, rows.home_row(_present(record)))
                except BadValue as error:
                    _add_error(report, number, str(error))
        except csv.Error as error:
            _add_error(report, reader.line_num, f"not valid CSV: {error}")
        except UnicodeDecodeError:
            report.header_error = "the file is not UTF-8 text (save it as CSV UTF-8)"
        return checked

    def _check_uprns_against_register(
        self, session: Session, checked: _Checked, report: ImportReport
    ) -> None:
        """A UPRN already on another property of the register is refused."""
        table = homes.Property.__table__
        for chunk in _chunks(list(checked.uprn_owner), CHUNK):
            found = session.execute(
                select(table.c.uprn, table.c.reference).where(table.c.uprn.in_(chunk)))
            for uprn, owner in found:
                wanted = checked.uprn_owner[uprn]
                if owner != wanted:
                    _add_error(report, checked.first_line[wanted],
                               f"uprn {uprn} is already on property {owner} in the register")

    # --- writing --------------------------------------------------------------------

    def _write(self, session: Session, checked: _Checked, report: ImportReport) -> None:
        now = self.clock()
        self._write_buildings(session, checked)
        property_ids, new = self._upsert_by_reference(
            session, _table(homes.Property), [
                _property_values(p, now) for p in checked.properties.values()])
        report.properties_new, report.properties_updated = new, len(property_ids) - new
        tenancy_ids, new = self._upsert_by_reference(
            session, _table(homes.Tenancy), [
                _tenancy_values(t, property_ids[t.property_ref], now)
                for t in checked.tenancies.values()])
        report.tenancies_new, report.tenancies_updated = new, len(tenancy_ids) - new
        report.members, report.members_no_longer_current = write_members(
            session, list(checked.members.values()), tenancy_ids, now)

    def _write_buildings(self, session: Session, checked: _Checked) -> None:
        buildings: dict[str, dict[str, Any]] = {}
        for home in checked.properties.values():
            if home.building_id is not None:
                known = buildings.setdefault(home.building_id, {
                    "id": home.building_id, "name": home.building_name or home.building_id,
                    "higher_risk": False})
                known["higher_risk"] = known["higher_risk"] or home.higher_risk
        _upsert(session, _table(Building), list(buildings.values()), ["id"])

    def _upsert_by_reference(
        self, session: Session, table: Table, values: list[dict[str, Any]]
    ) -> tuple[dict[str, int], int]:
        """Upsert rows keyed on `reference`; their ids by reference, and how many were new."""
        before = _ids(session, table, [v["reference"] for v in values])
        _upsert(session, table, values, ["reference"], keep=("created_at",))
        ids = _ids(session, table, [v["reference"] for v in values])
        return ids, len(ids) - len(before)


def write_members(
    session: Session, listed: Sequence[rows.MemberData], tenancy_ids: dict[str, int],
    now: datetime,
) -> tuple[int, int]:
    """Upsert the members of the tenancies in `tenancy_ids` (by tenancy and name), mark
    those no longer listed as not current, and replace their phones and emails.

    Returns how many were written and how many are no longer current.
    """
    members = _table(homes.HouseholdMember)
    values = [_member_values(m, tenancy_ids[m.tenancy_ref], now) for m in listed]
    _upsert(session, members, values, ["tenancy_id", "name_key"])
    wanted = {(v["tenancy_id"], v["name_key"]) for v in values}
    ids: dict[tuple[int, str], int] = {}
    for chunk in _chunks(list(tenancy_ids.values()), CHUNK):
        for member_id, tenancy_id, key in session.execute(
            select(members.c.id, members.c.tenancy_id, members.c.name_key)
            .where(members.c.tenancy_id.in_(chunk))
        ):
            ids[(tenancy_id, key)] = member_id
    gone = [member_id for key, member_id in ids.items() if key not in wanted]
    no_longer = 0
    for chunk in _chunks(gone, CHUNK):
        result = session.execute(
            update(members).where(members.c.id.in_(chunk), members.c.current.is_(True))
            .values(current=False, updated_at=now))
        no_longer += int(getattr(result, "rowcount", 0))
    addresses = _table(homes.MemberAddress)
    for chunk in _chunks(list(ids.values()), CHUNK):
        session.execute(addresses.delete().where(addresses.c.member_id.in_(chunk)))
    _insert(session, addresses, [
        {"member_id": ids[(tenancy_ids[m.tenancy_ref], m.name_key)], "kind": kind,
         "value": value}
        for m in listed
        for kind, found in (("phone", m.phones), ("email", m.emails))
        for value in found
    ])
    return len(values), no_longer


# --- helpers -------------------------------------------------------------------------


def _header_problem(header: Sequence[str] | None) -> str | None:
    if not header:
        return "the file is empty (expected a header line naming the columns)"
    names = [name.strip() for name in header]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        return f"the header repeats columns: {', '.join(repeated)}"
    missing = [name for name in rows.COLUMNS if name not in names]
    if missing:
        return (f"the header lacks columns: {', '.join(missing)} (expected at least "
                f"{', '.join(rows.COLUMNS)})")
    return None


def _numbered(reader: csv.DictReader[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each record with the line it ends on (a quoted cell may span lines)."""
    for record in reader:
        yield reader.line_num, record


def _present(record: dict[Any, Any]) -> dict[str, str | None]:
    """The record's cells by stripped column name; BadValue for a ragged row."""
    if None in record:
        raise BadValue(f"more cells than the header has columns ({len(record[None])} extra)")
    if any(value is None for value in record.values()):
        raise BadValue("fewer cells than the header has columns")
    return {key.strip(): value for key, value in record.items()}


def _gather(checked: _Checked, line: int, row: rows.HomeRow) -> None:
    """Add a row; BadValue when it contradicts an earlier row of the file."""
    home, tenancy, member = row.home, row.tenancy, row.member
    earlier = checked.properties.get(home.reference)
    if earlier is not None and earlier != home:
        raise BadValue(f"property {home.reference} is described differently on line "
                       f"{checked.first_line[home.reference]} (duplicate reference)")
    if home.uprn is not None:
        owner = checked.uprn_owner.setdefault(home.uprn, home.reference)
        if owner != home.reference:
            raise BadValue(f"uprn {home.uprn} is also on property {owner} (line "
                           f"{checked.first_line[owner]})")
    earlier_tenancy = checked.tenancies.get(tenancy.reference)
    if earlier_tenancy is not None and earlier_tenancy != tenancy:
        raise BadValue(f"tenancy {tenancy.reference} is described differently on line "
                       f"{checked.first_line['t:' + tenancy.reference]} (duplicate reference)")
    key = (tenancy.reference, member.name_key)
    if key in checked.members:
        raise BadValue(f"member {clip(member.name)!r} of tenancy {tenancy.reference} is "
                       f"listed twice (line {checked.first_line['m:' + '|'.join(key)]})")
    checked.properties[home.reference] = home
    checked.tenancies[tenancy.reference] = tenancy
    checked.members[key] = member
    checked.first_line.setdefault(home.reference, line)
    checked.first_line.setdefault("t:" + tenancy.reference, line)
    checked.first_line["m:" + "|".join(key)] = line


def _add_error(report: ImportReport, line: int, reason: str) -> None:
    report.errors.append(RowError(line, reason))


def _property_values(home: rows.PropertyData, now: datetime) -> dict[str, Any]:
    return {
        "reference": home.reference, "uprn": home.uprn, "address_line_1": home.address_line_1,
        "address_line_2": home.address_line_2, "town": home.town, "postcode": home.postcode,
        "postcode_key": home.postcode.replace(" ", ""), "building_id": home.building_id,
        "higher_risk": home.higher_risk, "created_at": now, "updated_at": now,
    }


def _tenancy_values(tenancy: rows.TenancyData, property_id: int, now: datetime) -> dict[str, Any]:
    return {
        "reference": tenancy.reference, "property_id": property_id, "tenure": tenancy.tenure,
        "start_date": tenancy.start_date, "end_date": tenancy.end_date, "created_at": now,
        "updated_at": now,
    }


def _member_values(member: rows.MemberData, tenancy_id: int, now: datetime) -> dict[str, Any]:
    return {
        "tenancy_id": tenancy_id, "name": member.name, "name_key": member.name_key,
        "date_of_birth": member.date_of_birth, "phones": list(member.phones),
        "emails": list(member.emails), "vulnerabilities": list(member.vulnerabilities),
        "reasonable_adjustments": list(member.reasonable_adjustments), "current": True,
        "updated_at": now,
    }


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _ids(session: Session, table: Table, references: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(list(references), CHUNK):
        for reference, row_id in session.execute(
            select(table.c.reference, table.c.id).where(table.c.reference.in_(chunk))
        ):
            found[reference] = row_id
    return found


def _upsert(
    session: Session, table: Table, values: list[dict[str, Any]], keys: list[str],
    keep: Iterable[str] = (),
) -> None:
    """INSERT .. ON CONFLICT (keys) DO UPDATE for many rows (SQLite and PostgreSQL alike).

    Columns in `keep` are written only when the row is new (e.g. `created_at`).
    """
    if not values:
        return
    kept = set(keys) | set(keep) | {"id"}
    _insert(session, table, values, f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET " + ", ".join(
        f"{name} = excluded.{name}" for name in values[0] if name not in kept))


def _insert(
    session: Session, table: Table, values: list[dict[str, Any]], on_conflict: str = ""
) -> None:
    """INSERT many rows, bypassing SQLAlchemy's per-row bind processing (which was most
    of an import's time): values are converted here once.

    SQLite: the driver's executemany (in-process, no round trips). PostgreSQL: COPY into
    a temporary table, then one INSERT .. SELECT (psycopg's executemany sends a statement
    per row: 10,000 rows took 15 s).
    """
    if not values:
        return
    names = list(values[0])
    columns = ", ".join(names)
    connection = session.connection()
    # Table and column names are our own models'; every value is a bound parameter.
    if connection.dialect.name == "sqlite":
        sql = (f"INSERT INTO {table.name} ({columns}) "  # noqa: S608
               f"VALUES ({', '.join('?' for _ in names)}){on_conflict}")
        # Converted column by column, each with its one converter (a value at a time,
        # asking every value its type, was a quarter of an import's time).
        converters = [_sqlite_converter(values, n) for n in names]
        for chunk in _chunks(values, CHUNK):
            columns_of = [[row[n] for row in chunk] if convert is None
                          else [None if row[n] is None else convert(row[n]) for row in chunk]
                          for n, convert in zip(names, converters, strict=True)]
            connection.exec_driver_sql(sql, list(zip(*columns_of, strict=True)))
        return
    # The raw psycopg connection under the unit of work's own session, for speed: COPY is
    # only on psycopg's cursor. It is the same connection and transaction, so a refused
    # or dry-run import still rolls all of it back with the unit of work.
    raw = connection.connection.driver_connection
    assert isinstance(raw, psycopg.Connection)
    staging = f"import_{table.name}"
    with raw.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "  # noqa: S608
                       f"SELECT {columns} FROM {table.name} WITH NO DATA")
        json_columns = [n for n in names if isinstance(next(
            (row[n] for row in values if row[n] is not None), None), list | dict)]
        with cursor.copy(f"COPY {staging} ({columns}) FROM STDIN") as copy:
            for row in values:  # COPY takes JSON as its text; psycopg adapts the rest
                if json_columns:
                    row = {**row, **{n: _for_postgres(row[n]) for n in json_columns}}
                copy.write_row([row[n] for n in names])
        cursor.execute(f"INSERT INTO {table.name} ({columns}) "  # noqa: S608
                       f"SELECT {columns} FROM {staging}{on_conflict}")
        cursor.execute(f"DROP TABLE {staging}")


def _sqlite_converter(values: Sequence[dict[str, Any]], name: str
                      ) -> Callable[[Any], Any] | None:
    """`_for_sqlite` for the column `name` (by its first value that is not None), or None
    when its values go in as they are (text, numbers)."""
    sample = next((row[name] for row in values if row[name] is not None), None)
    if isinstance(sample, bool):
        return int
    if isinstance(sample, list | dict):
        return json.dumps
    if isinstance(sample, datetime | date):
        return _for_sqlite
    return None  # text and numbers go in as they are


def _for_sqlite(value: Any) -> Any:
    """As SQLAlchemy stores it on SQLite: naive UTC text, ISO dates, 0/1, JSON text."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list | dict):
        return json.dumps(value)
    return value


def _for_postgres(value: Any) -> Any:
    """COPY's text form takes JSON as its text; the rest psycopg adapts."""
    if isinstance(value, list | dict):
        return json.dumps(value)
    return value


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
