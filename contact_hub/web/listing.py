"""The one shape of the lists of work against a home (hazard cases, repairs): the filters
they share, one page of the service's list, and the envelope every /api/v1 list answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from flask import Response, jsonify

from contact_hub.web import params
from contact_hub.web.serializers import envelope

Filters = TypeVar("Filters")
View = TypeVar("View")


def home_filters(args: Mapping[str, str], statuses: tuple[str, ...]) -> dict[str, Any]:
    """`overdue` (true or false), `status` (one of `statuses`) and `property` (the
    landlord's reference), as the keyword arguments of a list's filters (400 if bad)."""
    overdue = params.choice(args, "overdue", ("true", "false"))
    return {"overdue": None if overdue is None else overdue == "true",
            "status": params.choice(args, "status", statuses),
            "property_ref": args.get("property") or None}


def page(
    args: Mapping[str, str],
    lister: Callable[[Filters, int, int], tuple[Sequence[View], int]],
    filters: Filters,
    render: Callable[[View], dict[str, Any]],
) -> Response:
    """The page `limit` and `offset` ask for, of what `lister` finds, each `render`ed."""
    limit, offset = params.paging(args)
    items, total = lister(filters, limit, offset)
    return jsonify(envelope([render(v) for v in items], total, limit, offset))
