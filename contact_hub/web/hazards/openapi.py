"""OpenAPI paths and schemas for Awaab's Law hazard cases (hazards_api.py)."""

from __future__ import annotations

from typing import Any

from contact_hub.domain.hazards import Step
from contact_hub.web.openapi_parts import ERR as _ERR
from contact_hub.web.openapi_parts import WHEN as _TIME
from contact_hub.web.openapi_parts import json_content as _json
from contact_hub.web.openapi_parts import list_operation, query

_REF = {"name": "reference", "in": "path", "required": True, "schema": {"type": "string"},
        "example": "HZ-7K3QM9P"}
_CASE = {"$ref": "#/components/schemas/HazardCase"}

_ERRORS = {
    "400": {"description": "a bad filter, step or field (the message names it)", **_json(_ERR)},
    "401": {"description": "missing or invalid bearer token"},
    "403": {"description": "the token's role is not allowed"},
}

HAZARD_PATHS: dict[str, Any] = {
    "/hazards": list_operation("Awaab's Law hazard cases, latest first", [
        query("property", {"type": "string"}, "the landlord's property reference"),
        query("status", {"enum": ["open", "closed"]}, "open or closed"),
        query("overdue", {"enum": ["true", "false"]}, "open cases with a clock missed"),
    ], _CASE, "cases", _ERRORS),
    "/hazards/{reference}": {"get": {
        "summary": "One hazard case with its property, contacts and clocks",
        "parameters": [_REF],
        "responses": {"200": {"description": "the case", **_json(_CASE)},
                      "404": {"description": "no such case", **_json(_ERR)}, **_ERRORS}}},
    "/hazards/{reference}/steps": {"post": {
        "summary": "Record what has been done: investigated (with hazard_found and the "
                   "findings in note; sends the tenant the written summary), made_safe, "
                   "safety_work_started, preventative_work_started, "
                   "alternative_accommodation_offered (note: what), closed",
        "parameters": [_REF],
        "requestBody": {"required": True, **_json({
            "type": "object", "required": ["step"], "properties": {
                "step": {"enum": [s.value for s in Step]},
                "at": {**_TIME, "description": "when it was done (default: now)"},
                "note": {"type": ["string", "null"]},
                "hazard_found": {"type": ["boolean", "null"]}}})},
        "responses": {"200": {"description": "the case afterwards", **_json(_CASE)},
                      "404": {"description": "no such case", **_json(_ERR)},
                      "409": {"description": "the case is closed", **_json(_ERR)}, **_ERRORS}}},
}

HAZARD_SCHEMAS: dict[str, Any] = {
    "HazardCase": {"type": "object", "properties": {
        "reference": {"type": "string"},
        "kind": {"enum": ["emergency", "significant"]},
        "hazard": {"type": "string", "example": "damp_and_mould"},
        "status": {"enum": ["open", "closed"]},
        "property": {"$ref": "#/components/schemas/PropertyRef"},
        "customer_id": {"type": ["integer", "null"]},
        "aware_at": {"type": "string", "format": "date-time",
                     "description": "when the landlord became aware: the first report"},
        "deadlines": {"type": "object", "description": "make_safe_by, investigate_by, "
                      "summary_by, safety_work_by, preventative_work_by, as they apply",
                      "additionalProperties": {"type": "object", "properties": {
                          "due": {"type": "string", "format": "date-time"},
                          "met_at": _TIME}}},
        "overdue": {"type": "array", "items": {"type": "string"}},
        "contacts": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "reference": {"type": "string"}}}},
        "findings": {"type": ["string", "null"]},
        "alternative_accommodation": {"type": ["string", "null"]},
        "closed_at": _TIME,
        "retain_until": {"type": ["string", "null"], "format": "date",
                         "description": "kept until the end of the sixth year after closing"},
        "work_order": {"type": "object", "description": "what the repairs system said",
                       "properties": {
                           "reference": {"type": ["string", "null"]},
                           "status": {"type": ["string", "null"]},
                           "updates": {"type": "array", "items": {"type": "object"}}}}}},
}
