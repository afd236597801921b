"""JSON shapes of the property register's resources."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from contact_hub.services.homes.register import PropertyView, TenancyView


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def tenancy_json(view: TenancyView) -> dict[str, Any]:
    return {
        "reference": view.reference, "property_ref": view.property_ref, "tenure": view.tenure,
        "start_date": _day(view.start_date), "end_date": _day(view.end_date),
        "members": [{**asdict(m), "date_of_birth": _day(m.date_of_birth)} for m in view.members],
    }


def property_json(view: PropertyView) -> dict[str, Any]:
    return {
        "reference": view.reference, "uprn": view.uprn, "address": view.address,
        "address_line_1": view.address_line_1, "address_line_2": view.address_line_2,
        "town": view.town, "postcode": view.postcode, "building_id": view.building_id,
        "building_name": view.building_name, "higher_risk": view.higher_risk,
        "tenancies": [tenancy_json(t) for t in view.tenancies],
    }
