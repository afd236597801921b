"""OpenAPI paths and schemas for the safety questions list (web/safety/api.py)."""

from __future__ import annotations

from typing import Any

from contact_hub.domain.safety.questions import Status

_TIME = {"type": "string", "format": "date-time"}
_ERR = {"$ref": "#/components/schemas/Error"}


def _q(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}


SAFETY_PATHS: dict[str, Any] = {
    "/safety-questions": {"get": {
        "summary": "Check now: contacts whose resident was asked the safety question (the "
                   "router was unsure it is an emergency); pending ones by default, the "
                   "soonest to escalate by themselves first",
        "parameters": [
            _q("status", {"enum": [s.value for s in Status]}, "default: pending"),
            _q("limit", {"type": "integer", "minimum": 1, "maximum": 200}, "page size"),
            _q("offset", {"type": "integer", "minimum": 0}, "items to skip")],
        "responses": {
            "200": {"description": "a page of questions", "content": {"application/json": {
                "schema": {"type": "object", "properties": {
                    "items": {"type": "array",
                              "items": {"$ref": "#/components/schemas/SafetyQuestion"}},
                    "total": {"type": "integer"}, "limit": {"type": "integer"},
                    "offset": {"type": "integer"},
                    "next_offset": {"type": ["integer", "null"]}}}}}},
            "400": {"description": "a bad filter (the message names it)",
                    "content": {"application/json": {"schema": _ERR}}},
            "401": {"description": "missing or invalid bearer token"},
            "403": {"description": "the token's role is not allowed"}}}},
}

SAFETY_SCHEMAS: dict[str, Any] = {
    "SafetyQuestion": {"type": "object", "properties": {
        "id": {"type": "integer"},
        "contact_id": {"type": "integer"},
        "reference": {"type": "string", "example": "CH-7K3QM9P"},
        "channel": {"type": "string", "description": "where the question went"},
        "language": {"type": ["string", "null"], "description": "ISO 639-1, as detected"},
        "status": {"enum": [s.value for s in Status]},
        "asked_at": _TIME,
        "due_at": {**_TIME, "description": "no answer by then escalates it"},
        "settled_at": {"type": ["string", "null"], "format": "date-time"},
        "answer": {"type": ["string", "null"], "enum": ["yes", "no", "unclear", None]},
        "seconds_left": {"type": "integer", "description": "until it escalates by itself"},
        "category": {"type": ["string", "null"]},
        "queue": {"type": ["string", "null"]}}},
}
