"""OpenAPI paths and schemas for repairs and their service standards (repairs/api.py)."""

from __future__ import annotations

from typing import Any

from contact_hub.domain.repairs import RepairPriority

_ERR = {"$ref": "#/components/schemas/Error"}
_REF = {"name": "reference", "in": "path", "required": True, "schema": {"type": "string"},
        "example": "RP-7K3QM9P"}
_REPAIR = {"$ref": "#/components/schemas/Repair"}
_TIME = {"type": ["string", "null"], "format": "date-time"}
_PRIORITIES = [p.value for p in RepairPriority]


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _q(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}


_ERRORS = {
    "400": {"description": "a bad filter or field (the message names it)", **_json(_ERR)},
    "401": {"description": "missing or invalid bearer token"},
    "403": {"description": "the token's role is not allowed"},
}
_CHANGED = {"200": {"description": "the repair afterwards", **_json(_REPAIR)},
            "404": {"description": "no such repair", **_json(_ERR)},
            "409": {"description": "the repair is already completed or cancelled",
                    **_json(_ERR)}, **_ERRORS}

REPAIR_PATHS: dict[str, Any] = {
    "/repairs": {"get": {
        "summary": "Repairs against the landlord's service standards, soonest due first",
        "parameters": [
            _q("property", {"type": "string"}, "the landlord's property reference"),
            _q("status", {"enum": ["open", "completed", "cancelled"]}, "status"),
            _q("priority", {"enum": _PRIORITIES}, "priority"),
            _q("overdue", {"enum": ["true", "false"]}, "open repairs past their target"),
            _q("limit", {"type": "integer", "minimum": 1, "maximum": 200}, "page size"),
            _q("offset", {"type": "integer", "minimum": 0}, "items to skip")],
        "responses": {"200": {"description": "a page of repairs", **_json({
            "type": "object", "properties": {
                "items": {"type": "array", "items": _REPAIR}, "total": {"type": "integer"},
                "limit": {"type": "integer"}, "offset": {"type": "integer"}}})}, **_ERRORS}}},
    "/repairs/{reference}": {"get": {
        "summary": "One repair with its target, due time and work order",
        "parameters": [_REF],
        "responses": {"200": {"description": "the repair", **_json(_REPAIR)},
                      "404": {"description": "no such repair", **_json(_ERR)}, **_ERRORS}}},
    "/repairs/{reference}/priority": {"put": {
        "summary": "Change the priority (audited with the reason); the target is counted "
                   "again from the report, and the repairs system is told",
        "parameters": [_REF],
        "requestBody": {"required": True, **_json({
            "type": "object", "required": ["priority", "reason"], "properties": {
                "priority": {"enum": _PRIORITIES}, "reason": {"type": "string"}}})},
        "responses": _CHANGED}},
    "/repairs/{reference}/finish": {"post": {
        "summary": "Record the repair completed (its target met or missed at `at`) or "
                   "cancelled",
        "parameters": [_REF],
        "requestBody": {"required": True, **_json({
            "type": "object", "required": ["status"], "properties": {
                "status": {"enum": ["completed", "cancelled"]},
                "at": {**_TIME, "description": "when (default: now)"},
                "note": {"type": ["string", "null"]}}})},
        "responses": _CHANGED}},
}

REPAIR_SCHEMAS: dict[str, Any] = {
    "Repair": {"type": "object", "properties": {
        "reference": {"type": "string"},
        "contact": {"type": "object", "properties": {
            "id": {"type": "integer"}, "reference": {"type": "string"}}},
        "customer_id": {"type": ["integer", "null"]},
        "property": {"$ref": "#/components/schemas/PropertyRef"},
        "priority": {"enum": _PRIORITIES},
        "priority_set_by": {"type": "string", "description": "router, or the agent's name"},
        "target": {"type": "object", "properties": {
            "code": {"type": "string", "example": "5wd"},
            "words": {"type": "string", "example": "5 working days"}}},
        "reported_at": {"type": "string", "format": "date-time"},
        "due_at": {"type": "string", "format": "date-time"},
        "status": {"enum": ["open", "completed", "cancelled"]},
        "completed_at": _TIME,
        "overdue": {"type": "boolean"},
        "work_order": {"type": "object", "properties": {
            "reference": {"type": ["string", "null"]}, "status": {"type": ["string", "null"]},
            "updates": {"type": "array", "items": {"type": "object", "properties": {
                "status": {"type": "string"}, "at": {"type": "string", "format": "date-time"},
                "work_order": {"type": ["string", "null"]},
                "note": {"type": ["string", "null"]}}}}}}}},
}
