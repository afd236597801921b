"""OpenAPI paths and schemas for privacy (privacy_api.py): admin role only."""

from __future__ import annotations

from typing import Any

_ERR = {"$ref": "#/components/schemas/Error"}
_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*codes: str) -> dict[str, Any]:
    words = {"400": "invalid input", "401": "missing or invalid bearer token",
             "403": "needs the admin role", "404": "no such customer or hold",
             "409": "the hold was already released"}
    return {code: {"description": words[code], **_json(_ERR)} for code in codes}


_HOLD = {"$ref": "#/components/schemas/LegalHold"}

PRIVACY_PATHS: dict[str, Any] = {
    "/customers/{id}/export": {"get": {
        "summary": "Subject access export: everything held about the person across channels "
                   "(identities, contacts and texts, attachments as links, conversations, "
                   "messages sent, complaints with timelines and survey answers, alerts "
                   "reported, record changes, holds, the privacy audit). Audited",
        "parameters": [_ID, {"name": "format", "in": "query", "required": False,
                             "schema": {"enum": ["json", "pdf", "zip"], "default": "json"},
                             "description": "json: the data; pdf: the readable summary; "
                                            "zip: data.json and summary.pdf"}],
        "responses": {
            "200": {"description": "the bundle", "content": {
                "application/json": {"schema": {"type": "object"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "application/zip": {"schema": {"type": "string", "format": "binary"}}}},
            **_errors("400", "401", "403", "404")}}},
    "/customers/{id}/erase": {"post": {
        "summary": "Erase the person where the law allows: names, addresses, needs and texts "
                   "removed; what must be kept (legal hold, open complaint, Building Safety "
                   "Act case, open emergency) is kept and listed with the reason. Counts by "
                   "category and channel stay. Audited; asking twice changes nothing more",
        "parameters": [_ID],
        "requestBody": {"required": False, **_json({"type": "object", "properties": {
            "reason": {"type": "string", "maxLength": 1000,
                       "description": "e.g. the request's reference"}}})},
        "responses": {"200": {"description": "what was anonymised and what was kept", **_json({
            "type": "object", "properties": {
                "customer_id": {"type": "integer"},
                "anonymised": {"type": "object", "additionalProperties": {"type": "integer"}},
                "kept": {"type": "array", "items": {"type": "object", "properties": {
                    "what": {"type": "string"}, "why": {"type": "string"}}}}}})},
            **_errors("400", "401", "403", "404")}}},
    "/customers/{id}/holds": {
        "get": {"summary": "Legal holds on the person (current and released)",
                "parameters": [_ID],
                "responses": {"200": {"description": "the holds", **_json({
                    "type": "object", "properties": {"items": {"type": "array",
                                                               "items": _HOLD}}})},
                    **_errors("401", "403", "404")}},
        "post": {"summary": "Hold everything about the person: retention and erasure leave "
                            "it until released",
                 "parameters": [_ID],
                 "requestBody": {"required": True, **_json({
                     "type": "object", "required": ["reason"], "properties": {
                         "reason": {"type": "string", "minLength": 1, "maxLength": 1000}}})},
                 "responses": {"201": {"description": "the hold", **_json(_HOLD)},
                               **_errors("400", "401", "403", "404")}}},
    "/holds/{id}/release": {"post": {
        "summary": "End a legal hold", "parameters": [_ID],
        "responses": {"200": {"description": "the released hold", **_json(_HOLD)},
                      **_errors("401", "403", "404", "409")}}},
    "/privacy/retention": {"get": {
        "summary": "Retention dry run: what the retention job would anonymise now and what "
                   "it holds back, each with the reason; changes nothing",
        "responses": {"200": {"description": "the plan", **_json({
            "type": "object", "properties": {
                "would_anonymise": {"type": "object",
                                    "additionalProperties": {"type": "integer"}},
                "items": {"type": "array", "items": {"type": "object", "properties": {
                    "kind": {"type": "string"}, "id": {"type": "integer"},
                    "label": {"type": "string"}, "due": {"type": "boolean"},
                    "why": {"type": "string"}}}}}})},
            **_errors("401", "403")}}},
}

PRIVACY_SCHEMAS: dict[str, Any] = {
    "LegalHold": {"type": "object", "properties": {
        "id": {"type": "integer"}, "customer_id": {"type": "integer"},
        "reason": {"type": "string"}, "set_by": {"type": "string"},
        "set_at": {"type": "string", "format": "date-time"},
        "released_at": {"type": ["string", "null"], "format": "date-time"},
        "released_by": {"type": ["string", "null"]}}},
}
