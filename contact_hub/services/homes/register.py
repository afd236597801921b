"""The register through the API: one property or one tenancy (with its household) at a
time, checked by the same rules as the CSV import (rows.py) and written by the same code.
Reads return plain dataclasses for the views."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from contact_hub.clock import Clock
from contact_hub.domain.errors import Invalid, NotFound
from contact_hub.domain.homes import BadValue, one_line
from contact_hub.services.homes import rows
from contact_hub.services.homes.importer import write_members
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.complaints.models import Building
from contact_hub.storage.homes import models as homes

logger = logging.getLogger(__name__)

PROPERTY_FIELDS = ("uprn", "address_line_1", "address_line_2", "town", "postcode",
                   "building_id", "building_name", "higher_risk")
TENANCY_FIELDS = ("property_ref", "tenure", "start_date", "end_date", "members")
MEMBER_FIELDS = ("name", "phones", "emails", "date_of_birth", "vulnerabilities",
                 "reasonable_adjustments")


@dataclass(frozen=True)
class MemberView:
    name: str
    phones: Sequence[str]
    emails: Sequence[str]
    date_of_birth: date | None
    vulnerabilities: Sequence[str]
    reasonable_adjustments: Sequence[str]


@dataclass(frozen=True)
class TenancyView:
    reference: str
    property_ref: str
    tenure: str | None
    start_date: date | None
    end_date: date | None
    members: Sequence[MemberView]


@dataclass(frozen=True)
class PropertyView:
    reference: str
    uprn: str | None
    address_line_1: str
    address_line_2: str | None
    town: str | None
    postcode: str
    building_id: str | None
    building_name: str | None
    higher_risk: bool
    tenancies: Sequence[TenancyView]

    @property
    def address(self) -> str:
        return one_line((self.address_line_1, self.address_line_2, self.town, self.postcode))


class HomesRegister:
    """Read and write properties and tenancies."""

    def __init__(self, uow: UnitsOfWork, clock: Clock) -> None:
        self.uow = uow
        self.clock = clock

    def put_property(self, reference: str, body: Mapping[str, Any]) -> PropertyView:
        """Create or replace a property. Raises Invalid naming the field that is wrong."""
        data = _checked(lambda: rows.property_data(reference, _cells(body, PROPERTY_FIELDS)))
        now = self.clock()
        with self.uow.transaction() as uow:
            session = uow.session
            if data.uprn is not None:
                owner = session.scalar(select(homes.Property.reference)
                                       .where(homes.Property.uprn == data.uprn))
                if owner is not None and owner != data.reference:
                    raise Invalid(f"uprn: {data.uprn} is already on property {owner}")
            if data.building_id is not None:
                _building(session, data)
            row = session.scalar(select(homes.Property)
                                 .where(homes.Property.reference == data.reference))
            if row is None:
                row = homes.Property(reference=data.reference, created_at=now)
                session.add(row)
            for name in ("uprn", "address_line_1", "address_line_2", "town", "postcode",
                         "building_id", "higher_risk"):
                setattr(row, name, getattr(data, name))
            row.postcode_key = data.postcode.replace(" ", "")
            row.updated_at = now
        logger.info("property saved via the API")
        return self.property(data.reference)

    def put_tenancy(self, reference: str, body: Mapping[str, Any]) -> TenancyView:
        """Create or replace a tenancy and its household (members not listed stop being
        current). Raises Invalid naming the field that is wrong."""
        cells = _cells(body, TENANCY_FIELDS, lists=("members",))
        tenancy = _checked(lambda: rows.tenancy_data(reference, cells.get("property_ref"), {
            "tenure": cells.get("tenure"), "tenancy_start": cells.get("start_date"),
            "tenancy_end": cells.get("end_date")}))
        members = _members(tenancy.reference, body.get("members") or [])
        now = self.clock()
        with self.uow.transaction() as uow:
            session = uow.session
            property_id = session.scalar(select(homes.Property.id)
                                         .where(homes.Property.reference == tenancy.property_ref))
            if property_id is None:
                raise Invalid(f"property_ref: no property {tenancy.property_ref} in the register")
            row = session.scalar(select(homes.Tenancy)
                                 .where(homes.Tenancy.reference == tenancy.reference))
            if row is None:
                row = homes.Tenancy(reference=tenancy.reference, created_at=now)
                session.add(row)
            row.property_id, row.tenure = property_id, tenancy.tenure
            row.start_date, row.end_date, row.updated_at = (
                tenancy.start_date, tenancy.end_date, now)
            session.flush()
            write_members(session, members, {tenancy.reference: row.id}, now)
        logger.info("tenancy saved via the API")
        return self.tenancy(tenancy.reference)

    def property(self, reference: str) -> PropertyView:
        with self.uow() as uow:
            session = uow.session
            row = session.scalar(select(homes.Property)
                                 .where(homes.Property.reference == reference))
            if row is None:
                raise NotFound(f"no property {reference}")
            return property_view(session, row)

    def tenancy(self, reference: str) -> TenancyView:
        with self.uow() as uow:
            session = uow.session
            row = session.scalar(select(homes.Tenancy)
                                 .where(homes.Tenancy.reference == reference))
            if row is None:
                raise NotFound(f"no tenancy {reference}")
            return _tenancy_view(session, row)


def property_view(session: Session, row: homes.Property) -> PropertyView:
    """A property with its tenancies and their current members."""
    building = session.get(Building, row.building_id) if row.building_id else None
    tenancies = session.scalars(select(homes.Tenancy).where(homes.Tenancy.property_id == row.id)
                                .order_by(homes.Tenancy.id))
    return PropertyView(
        reference=row.reference, uprn=row.uprn, address_line_1=row.address_line_1,
        address_line_2=row.address_line_2, town=row.town, postcode=row.postcode,
        building_id=row.building_id, building_name=building.name if building else None,
        higher_risk=row.higher_risk or bool(building and building.higher_risk),
        tenancies=[_tenancy_view(session, t) for t in tenancies],
    )


def _tenancy_view(session: Session, row: homes.Tenancy) -> TenancyView:
    home = session.get(homes.Property, row.property_id)
    assert home is not None
    members = session.scalars(select(homes.HouseholdMember).where(
        homes.HouseholdMember.tenancy_id == row.id, homes.HouseholdMember.current.is_(True)
    ).order_by(homes.HouseholdMember.id))
    return TenancyView(
        reference=row.reference, property_ref=home.reference, tenure=row.tenure,
        start_date=row.start_date, end_date=row.end_date,
        members=[MemberView(m.name, list(m.phones), list(m.emails), m.date_of_birth,
                            list(m.vulnerabilities), list(m.reasonable_adjustments))
                 for m in members],
    )


def _building(session: Session, data: rows.PropertyData) -> None:
    assert data.building_id is not None
    building = session.get(Building, data.building_id)
    if building is None:
        session.add(Building(id=data.building_id, name=data.building_name or data.building_id,
                             higher_risk=data.higher_risk))
        return
    if data.building_name:
        building.name = data.building_name
    building.higher_risk = building.higher_risk or data.higher_risk


def _checked(make: Any) -> Any:
    try:
        return make()
    except BadValue as error:
        raise Invalid(str(error)) from None


def _cells(body: Mapping[str, Any], fields: tuple[str, ...],
           lists: tuple[str, ...] = ()) -> dict[str, str | None]:
    """A JSON body as the CSV's text cells; Invalid for unknown fields or wrong types."""
    unknown = sorted(set(body) - set(fields))
    if unknown:
        raise Invalid(f"fields: {', '.join(unknown)} not known (use {', '.join(fields)})")
    cells: dict[str, str | None] = {}
    for name, value in body.items():
        if name in lists:
            continue
        if isinstance(value, bool):
            cells[name] = "yes" if value else "no"
        elif value is None or isinstance(value, str):
            cells[name] = value
        else:
            raise Invalid(f"{name}: text, or null")
    return cells


def _members(tenancy_ref: str, listed: Any) -> list[rows.MemberData]:
    if not isinstance(listed, list) or len(listed) > 50:
        raise Invalid("members: a list of at most 50 household members")
    members: list[rows.MemberData] = []
    seen: set[str] = set()
    for number, item in enumerate(listed, start=1):
        if not isinstance(item, dict):
            raise Invalid(f"members[{number}]: an object")
        cells = _cells({k: v for k, v in item.items() if k not in ("phones", "emails",
                        "vulnerabilities", "reasonable_adjustments")}, MEMBER_FIELDS)
        for name in ("phones", "emails", "vulnerabilities", "reasonable_adjustments"):
            value = item.get(name) or []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise Invalid(f"members[{number}].{name}: a list of text")
            if any(";" in v for v in value):
                raise Invalid(f"members[{number}].{name}: an item contains ';'")
            cells[{"phones": "phone", "emails": "email"}.get(name, name)] = ";".join(value)
        cells["member_name"] = cells.pop("name", None)
        try:
            member = rows.member_data(tenancy_ref, cells)
        except BadValue as error:
            raise Invalid(f"members[{number}]: {error}") from None
        if member.name_key in seen:
            raise Invalid(f"members[{number}]: {member.name} is listed twice")
        seen.add(member.name_key)
        members.append(member)
    return members
