"""Complaint ⇄ JSON-able dict, plus the flat fields storage indexes.

The dict mirrors the dataclasses field by field: enums as their values, dates
and datetimes as ISO 8601 strings (datetimes in UTC with offset), tuples as
lists, ``None`` as null. ``schema_version`` lets storage migrate old rows.
Derived values the API shows (``response_due`` per stage; ``stage``,
``is_priority``, ``is_bsa_relevant``, ``retain_until`` on the complaint) are
written too, for readers, and recomputed rather than read back on load.
"""

from __future__ import annotations

import dataclasses
import types
from datetime import date, datetime
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from contact_hub.domain.complaints.model import Complaint
from contact_hub.domain.complaints.monitoring import open_deadlines

SCHEMA_VERSION = 1


def to_jsonable(value: Any) -> Any:
    """Turn a domain value (dataclass, enum, date, tuple ...) into JSON-able data."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = [f.name for f in dataclasses.fields(value)]
        names += getattr(value, "SERIALISED_PROPERTIES", ())
        return {name: to_jsonable(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list | frozenset | set):
        return [to_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


def from_jsonable(kind: Any, data: Any) -> Any:  # noqa: C901 - one branch per JSON shape
    """Rebuild a value of type ``kind`` from :func:`to_jsonable` output."""
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        if data is None:
            return None
        (inner,) = [a for a in get_args(kind) if a is not type(None)]
        return from_jsonable(inner, data)
    if origin is tuple:
        (item_kind, _) = get_args(kind)
        return tuple(from_jsonable(item_kind, item) for item in data)
    if origin is dict or kind is Any:
        return data
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = get_type_hints(kind)
        values = {
            f.name: from_jsonable(hints[f.name], data[f.name])
            for f in dataclasses.fields(kind)
            if f.name in data
        }
        return kind(**values)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is datetime:
        return datetime.fromisoformat(data)
    if kind is date:
        return date.fromisoformat(data)
    return data


def complaint_to_dict(complaint: Complaint) -> dict[str, Any]:
    """The whole aggregate as a JSON-able dict (store it in one JSON column)."""
    data: dict[str, Any] = to_jsonable(complaint)
    data["schema_version"] = SCHEMA_VERSION
    return data


def complaint_from_dict(data: dict[str, Any]) -> Complaint:
    """Rebuild a complaint saved by :func:`complaint_to_dict`."""
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ValueError(f"unsupported complaint schema_version {version!r}")
    fields = {k: v for k, v in data.items() if k != "schema_version"}
    complaint: Complaint = from_jsonable(Complaint, fields)
    return complaint


def index_fields(complaint: Complaint) -> dict[str, Any]:
    """Flat columns for storage to filter and sort on (native date/datetime values).

    ``next_due_on`` is the earliest open deadline (acknowledgement, response,
    outstanding action or behaviour review), the one a work queue sorts by.
    """
    record = complaint.current
    deadlines = open_deadlines(complaint)
    return {
        "reference": complaint.reference,
        "stage": int(complaint.stage),
        "status": complaint.status.value,
        "handler_id": record.handler.id if record.handler else None,
        "resident_id": complaint.complainant.resident_id,
        "channel": complaint.channel,
        "received_at": complaint.received_at,
        "acknowledge_by": record.acknowledge_by,
        "acknowledged_at": record.acknowledged_at,
        "response_due": record.response_due,
        "responded_at": record.responded_at,
        "next_due_on": min((d.due_on for d in deadlines), default=None),
        "priority": complaint.is_priority,
        "bsa_relevant": complaint.is_bsa_relevant,
        "retain_until": complaint.retain_until,
        "unreasonable_behaviour_flagged": complaint.unreasonable_behaviour is not None,
    }
