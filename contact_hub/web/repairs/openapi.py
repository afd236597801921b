"""OpenAPI paths and schemas for repairs and their service standards (repairs/api.py)."""

from __future__ import annotations

from typing import Any

from contact_hub.domain.repairs import RepairPriority
from contact_hub.web.openapi_parts import ERR as _ERR
from contact_hub.web.openapi_parts import WHEN as _TIME
from contact_hub.web.openapi_parts import json_content as _json
from contact_hub.web.openapi_parts import list_operation, query

_REF = {"name": "reference", "in": "path", "required": True, "schema": {"type": "string"},
        "example": "RP-7K3QM9P"}
_REPAIR = {"$ref": "#/components/schemas/Repair"}
_PRIORITIES = [p.value for p in RepairPriority]

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
    "/repairs": list_operation(
        "Repairs against the landlord's service standards, soonest due first", [
            query("property", {"type": "string"}, "the landlord's property reference"),
            query("status", {"enum": ["open", "completed", "cancelled"]}, "status"),
            query("priority", {"enum": _PRIORITIES}, "priority"),
            query("overdue", {"enum": ["true", "false"]}, "open repairs past their target"),
        ], _REPAIR, "repairs", _ERRORS),
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
