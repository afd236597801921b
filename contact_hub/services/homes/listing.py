"""The lists of work against a home (hazard cases, repairs) filter and page the same way:
by the home's reference, the status, and whether an open item is past its due time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from contact_hub.storage.homes import models as homes


@dataclass(frozen=True)
class HomeFilters:
    property_ref: str | None = None  # the landlord's reference for the home
    status: str | None = None
    overdue: bool | None = None  # open and past `due`, or not


def filtered(model: Any, due: Any, filters: HomeFilters, now: datetime) -> Select[Any]:
    """The rows of `model` (with `property_id` and `status`) the filters keep; `due` is
    the column an open row is overdue after."""
    query = select(model)
    if filters.property_ref is not None:
        query = query.join(homes.Property, homes.Property.id == model.property_id
                           ).where(homes.Property.reference == filters.property_ref)
    if filters.status is not None:
        query = query.where(model.status == filters.status)
    if filters.overdue is not None:
        late = (model.status == "open") & (due < now)
        query = query.where(late if filters.overdue else ~late)
    return query


def page(session: Session, query: Select[Any], order: Sequence[Any], limit: int,
         offset: int) -> tuple[Sequence[Any], int]:
    """One page of the rows `query` finds, in `order`, and how many it finds in all."""
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(*order).limit(limit).offset(offset)).all()
    return rows, total
