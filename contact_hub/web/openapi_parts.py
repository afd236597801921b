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
