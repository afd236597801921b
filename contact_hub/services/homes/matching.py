"""Who and where: the household member and property a contact comes from.

Runs first among the routed handlers (in the routing transaction, on every channel), so
the alert, the complaint and the hazard case opened for the contact see its property.

- The sender's identity (E.164 phone, lower-cased email) is looked up among current
  household members' phones and emails. A match sets the contact's property and member.
- Otherwise the text is searched for a UK postcode and a house number or name. What it
  finds is stored as a *suggestion* with its evidence, for a person to confirm: never
  assumed, because a wrong address sends an engineer to the wrong door.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

import routing
from contact_hub.clock import Clock
from contact_hub.domain.contacts.types import Contact
from contact_hub.domain.homes import Candidate, best_matches, find_postcodes, one_line
from contact_hub.services.unit_of_work import UnitOfWork
from contact_hub.storage import repository as repo
from contact_hub.storage.homes import models as homes

logger = logging.getLogger(__name__)

MAX_AT_POSTCODE = 200  # a postcode covers ~15 homes on average; a few blocks have hundreds
MAX_SUGGESTED = 5


@dataclass(frozen=True)
class Place:
    """Where a contact comes from, as pages and the API show it."""

    reference: str
    uprn: str | None
    address: str
    postcode: str
    building_id: str | None
    higher_risk: bool

    def to_dict(self) -> dict[str, Any]:
        return {"reference": self.reference, "uprn": self.uprn, "address": self.address,
                "postcode": self.postcode, "building_id": self.building_id,
                "higher_risk": self.higher_risk}


def place_of(row: homes.Property) -> Place:
    return Place(row.reference, row.uprn,
                 one_line((row.address_line_1, row.address_line_2, row.town, row.postcode)),
                 row.postcode, row.building_id, row.higher_risk)


def place_by_id(session: Session, property_id: int | None) -> Place | None:
    if property_id is None:
        return None
    row = session.get(homes.Property, property_id)
    return place_of(row) if row is not None else None


class Whereabouts:
    """The routed handler that places each contact."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    def on_routed(
        self, uow: UnitOfWork, contact: Contact, _decision: routing.Decision
    ) -> None:
        if contact.property_id is not None:
            return
        row = uow.contacts.row_of(contact)
        if row.identity_id is None:
            return
        session = uow.session
        identity = session.get(repo.Identity, row.identity_id)
        member = member_for(session, identity.kind, identity.value) if identity else None
        if member is not None:
            tenancy = session.get(homes.Tenancy, member.tenancy_id)
            assert tenancy is not None
            row.household_member_id, row.property_id = member.id, tenancy.property_id
            row.property_suggestion = None
            _event(session, row, self.clock, "located", {
                "how": f"sender's {identity.kind if identity else ''} is a household member's"})
            return
        suggestion = suggest_property(session, f"{row.subject or ''}\n{row.text}")
        if suggestion is not None:
            row.property_suggestion = suggestion
            _event(session, row, self.clock, "property_suggested",
                   {"properties": [p["reference"] for p in suggestion["properties"]]})


def member_for(session: Session, kind: str, value: str) -> homes.HouseholdMember | None:
    """The current household member known by this phone or email (the latest tenancy's,
    when a number is on more than one)."""
    if kind not in ("phone", "email"):
        return None
    return session.scalars(
        select(homes.HouseholdMember)
        .join(homes.MemberAddress, homes.MemberAddress.member_id == homes.HouseholdMember.id)
        .join(homes.Tenancy, homes.Tenancy.id == homes.HouseholdMember.tenancy_id)
        .where(homes.MemberAddress.kind == kind, homes.MemberAddress.value == value,
               homes.HouseholdMember.current.is_(True), homes.Tenancy.end_date.is_(None))
        .order_by(homes.Tenancy.start_date.desc().nulls_last(), homes.Tenancy.id.desc())
        .limit(1)
    ).first()


def suggest_property(session: Session, text: str) -> dict[str, Any] | None:
    """A suggestion from a postcode (and house number or name) in `text`, or None.

    `properties` are the homes the evidence picks out: one when the house number or
    name matches a single home, else up to MAX_SUGGESTED at that postcode.
    """
    for mention in find_postcodes(text):
        rows = session.scalars(
            select(homes.Property).where(homes.Property.postcode_key == mention.postcode
                                         .replace(" ", "")).limit(MAX_AT_POSTCODE)).all()
        if not rows:
            continue
        by_reference = {row.reference: row for row in rows}
        matched = best_matches(mention, [Candidate(r.reference, r.address_line_1,
                                                   r.address_line_2) for r in rows])
        chosen = [by_reference[c.reference] for c in matched] or rows
        return {
            "properties": [place_of(row).to_dict() for row in chosen[:MAX_SUGGESTED]],
            "homes_at_postcode": len(rows),
            "evidence": {"postcode": mention.postcode,
                         "house_numbers": sorted(mention.house_numbers),
                         "matched": "house number or name" if matched else "postcode only"},
        }
    return None


def _event(session: Session, contact: repo.Contact, clock: Clock, kind: str,
           detail: dict[str, Any]) -> None:
    session.add(repo.ContactEvent(contact_id=contact.id, at=clock(), kind=kind, detail=detail))
