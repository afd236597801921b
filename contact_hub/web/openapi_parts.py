"""Pieces every feature's OpenAPI module builds its paths from (one copy, not one each)."""

from __future__ import annotations

from typing import Any

from contact_hub.web.params import ID_SCHEMA

ERR = {"$ref": "#/components/schemas/Error"}
WHEN = {"type": ["string", "null"], "format": "date-time"}
PATH_ID = {"name": "id", "in": "path", "required": True, "schema": ID_SCHEMA}


def json_content(schema: dict[str, Any]) -> dict[str, Any]:
    """A request or response body of JSON with `schema`."""
    return {"content": {"application/json": {"schema": schema}}}


def ref(name: str) -> dict[str, Any]:
    """A reference to a schema in the document's components."""
    return {"$ref": f"#/components/schemas/{name}"}


def query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    """An optional query parameter."""
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}


def list_operation(summary: str, filters: list[dict[str, Any]], item: dict[str, Any],
                   noun: str, errors: dict[str, Any]) -> dict[str, Any]:
    """GET one page of `item`s narrowed by `filters` (the repairs and hazard case lists):
    `limit` and `offset`, and the envelope of items with the total."""
    return {"get": {
        "summary": summary,
        "parameters": [
            *filters,
            query("limit", {"type": "integer", "minimum": 1, "maximum": 200}, "page size"),
            query("offset", {"type": "integer", "minimum": 0}, "items to skip")],
        "responses": {"200": {"description": f"a page of {noun}", **json_content({
            "type": "object", "properties": {
                "items": {"type": "array", "items": item}, "total": {"type": "integer"},
                "limit": {"type": "integer"}, "offset": {"type": "integer"}}})}, **errors}}}
