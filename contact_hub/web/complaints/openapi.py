"""OpenAPI paths and schemas for complaint cases and the complaints report (issue 5)."""

from __future__ import annotations

from typing import Any

from contact_hub.web.params import OFFSET_SCHEMA

_ERR = {"$ref": "#/components/schemas/Error"}
_AT = {"type": "string", "format": "date-time",
       "description": "when it was done (default now); not in the future, not before the last "
                      "timeline entry; for recording work done outside the system"}
_REF = {"name": "reference", "in": "path", "required": True,
        "schema": {"type": "string", "example": "CMP-7K3QM9P"}}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*codes: str) -> dict[str, Any]:
    words = {"400": "malformed body or query", "401": "missing or invalid bearer token",
             "403": "the token's role is not allowed", "404": "no such complaint",
             "409": "not allowed in the complaint's current state (the reason is given)"}
    return {code: {"description": words[code], **_json(_ERR)} for code in codes}


def _query(name: str, schema: dict[str, Any], description: str,
           required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "schema": schema,
            "description": description}


_DATE = {"type": "string", "format": "date"}
_PERSON = {"type": "object", "required": ["id", "name"],
           "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}
_REMEDY = {"type": "object", "required": ["type", "description", "reason"], "properties": {
    "id": {"type": "string"},
    "type": {"enum": ["apology", "explanation", "action", "decision_change", "record_amendment",
                      "financial", "policy_change"]},
    "description": {"type": "string"}, "reason": {"type": "string"},
    "amount_pence": {"type": "integer"}, "reimburses_loss": {"type": "boolean"},
    "offset_against_debt": {"type": "boolean"},
    "resident_consented_to_offset": {"type": "boolean"}}}
_ACTION = {"type": "object", "required": ["description", "owner", "due_on"], "properties": {
    "id": {"type": "string"}, "description": {"type": "string"}, "owner": {"type": "string"},
    "due_on": _DATE}}
_CONCERNS = {"type": "array", "items": {
    "enum": ["structural_failure", "fire_or_smoke_spread", "accountable_person_duties"]}}

ACTION_BODIES: dict[str, tuple[str, dict[str, Any]]] = {
    "acknowledge": ("Acknowledge, define and log the stage; sends the acknowledgement", {
        "required": ["handler"], "properties": {
            "handler": _PERSON, "understanding": {"type": "string"},
            "outcomes_sought": {"type": "array", "items": {"type": "string"}},
            "late_acceptance_reason": {"type": "string"}}}),
    "extend": ("Agree the stage's one extension; tells the resident why and the new date", {
        "required": ["reason", "new_due"],
        "properties": {"reason": {"type": "string"}, "new_due": _DATE}}),
    "respond": ("Issue the stage response; refused (409) until the checklist passes", {
        "properties": {
            "decision": {"enum": ["upheld", "partly_upheld", "not_upheld"]},
            "reasons": {"type": "string"},
            "remedies": {"type": "array", "items": _REMEDY,
                         "description": "[] states none; leaving it out fails the checklist"},
            "outstanding_actions": {"type": "array", "items": _ACTION}}}),
    "escalate": ("Log the resident's request for stage 2", {"properties": {}}),
    "decline": ("Decline on the policy's grounds (admin); tells them about the Ombudsman", {
        "required": ["grounds", "explanation"], "properties": {
            "grounds": {"type": "array", "items": {"type": "object", "properties": {
                "ground": {"enum": ["over_12_months", "legal_proceedings_filed",
                                    "already_considered", "other_appeal_route",
                                    "escalation_out_of_time"]},
                "detail": {"type": "string"}}}},
            "explanation": {"type": "string"}}}),
    "close": ("Close a responded complaint; sends the satisfaction survey", {
        "required": ["reason"], "properties": {"reason": {"type": "string"}}}),
    "remedies": ("Record a remedy or compensation", _REMEDY),
    "flag": ("Flag unreasonable behaviour with a reason and review date (never drops it)", {
        "required": ["reason", "review_on"],
        "properties": {"reason": {"type": "string"}, "review_on": _DATE}}),
    "review-flag": ("Review the unreasonable-behaviour flag: keep it until next_review_on, "
                    "or lift it (no next_review_on)", {
        "required": ["outcome"],
        "properties": {"outcome": {"type": "string"}, "next_review_on": _DATE}}),
    "safety": ("Record health and safety, safeguarding and building safety concerns", {
        "properties": {"health_and_safety": {"type": "boolean"},
                       "safeguarding": {"type": "boolean"}, "building_id": {"type": "string"},
                       "building_safety_concerns": _CONCERNS}}),
    "satisfaction": ("Record the complainant's answer to the survey", {
        "required": ["score"], "properties": {
            "score": {"type": "integer", "minimum": 1, "maximum": 5},
            "comment": {"type": "string"}}}),
}


def _action_path(summary: str, schema: dict[str, Any]) -> dict[str, Any]:
    body = {"type": "object", **schema}
    body["properties"] = {**body.get("properties", {}), "at": _AT}
    return {"post": {
        "summary": summary, "parameters": [_REF],
        "requestBody": {"required": False, **_json(body)},
        "responses": {"200": {"description": "the complaint after the action",
                              **_json({"$ref": "#/components/schemas/Complaint"})},
                      **_errors("400", "401", "403", "404", "409")}}}


COMPLAINT_PATHS: dict[str, Any] = {
    "/complaints": {
        "post": {
            "summary": "Record a complaint taken by phone, letter, in person or elsewhere",
            "requestBody": {"required": True, **_json({
                "type": "object", "required": ["resident", "channel", "text"], "properties": {
                    "resident": {"type": "object", "required": ["name"], "properties": {
                        "name": {"type": "string"}, "phone": {"type": "string"},
                        "email": {"type": "string"}, "address": {"type": "string"},
                        "kind": {"enum": ["resident", "leaseholder", "former_resident",
                                          "member_of_public"]},
                        "preferred_channel": {"type": "string"},
                        "advocate": {"type": "object", "properties": {
                            "name": {"type": "string"}, "relationship": {"type": "string"},
                            "authorised_on": _DATE}}}},
                    "channel": {"type": "string", "example": "phone"},
                    "text": {"type": "string"},
                    "received_at": {**_AT, "description": "when it was received, if earlier"},
                    "issue_occurred_on": _DATE,
                    "health_and_safety": {"type": "boolean"},
                    "safeguarding": {"type": "boolean"},
                    "building_id": {"type": "string"},
                    "building_safety_concerns": _CONCERNS,
                    "related_references": {"type": "array", "items": {"type": "string"}}}})},
            "responses": {"201": {"description": "the new complaint",
                                  **_json({"$ref": "#/components/schemas/Complaint"})},
                          **_errors("400", "401", "409")}},
        "get": {
            "summary": "List complaints, earliest next deadline first",
            "parameters": [
                _query("stage", {"enum": ["1", "2"]}, "current stage"),
                _query("status", {"enum": ["received", "acknowledged", "responded",
                                           "escalation_requested", "closed", "declined"]},
                       "current status"),
                _query("handler", {"type": "string"}, "handler id"),
                _query("due_before", _DATE, "next deadline before this date"),
                _query("overdue", {"enum": ["true", "false"]}, "next deadline already missed"),
                _query("limit", {"type": "integer", "minimum": 1, "maximum": 200}, "page size"),
                _query("offset", OFFSET_SCHEMA, "items to skip")],
            "responses": {"200": {"description": "a page of complaint summaries"},
                          **_errors("400", "401")}},
    },
    "/complaints/{reference}": {"get": {
        "summary": "One complaint: stages with their dates, timeline, remedies, survey, notices",
        "parameters": [_REF],
        "responses": {"200": {"description": "the complaint",
                              **_json({"$ref": "#/components/schemas/Complaint"})},
                      **_errors("401", "404")}}},
    **{f"/complaints/{{reference}}/{name}": _action_path(summary, schema)
       for name, (summary, schema) in ACTION_BODIES.items()},
    "/complaints/{reference}/actions/{action_id}/complete": _action_path(
        "Mark an outstanding action done", {"properties": {}}),
    "/buildings/{id}": {"put": {
        "summary": "Add or update a building in the register (admin)",
        "parameters": [{"name": "id", "in": "path", "required": True,
                        "schema": {"type": "string"}}],
        "requestBody": {"required": True, **_json({
            "type": "object", "required": ["name"],
            "properties": {"name": {"type": "string"}, "higher_risk": {"type": "boolean"}}})},
        "responses": {"200": {"description": "the building"}, **_errors("400", "401", "403")}}},
    "/reports/complaints": {"get": {
        "summary": "TSM CH01/CH02 and Code timeliness for a period (JSON, or CSV with "
                   "Accept: text/csv or format=csv)",
        "parameters": [_query("from", _DATE, "first London date", True),
                       _query("to", _DATE, "last London date", True),
                       _query("format", {"enum": ["json", "csv"]}, "csv for a spreadsheet")],
        "responses": {"200": {"description": "the report", "content": {
            "application/json": {"schema": {"type": "object"}},
            "text/csv": {"schema": {"type": "string"}}}},
            **_errors("400", "401", "409")}}},
}

_STAGE = {"type": "object", "properties": {
    "stage": {"type": "integer"}, "requested_at": {"type": "string", "format": "date-time"},
    "acknowledge_by": _DATE,
    "acknowledged_at": {"type": ["string", "null"], "format": "date-time"},
    "response_due_base": {"type": ["string", "null"], "format": "date"},
    "response_due": {"type": ["string", "null"], "format": "date",
                     "description": "after any extension"},
    "responded_at": {"type": ["string", "null"], "format": "date-time"},
    "handler": {"type": ["object", "null"]}}}

COMPLAINT_SCHEMAS: dict[str, Any] = {
    "Complaint": {"type": "object", "properties": {
        "reference": {"type": "string"}, "stage": {"type": "integer"},
        "status": {"type": "string"}, "stages": {"type": "array", "items": _STAGE},
        "channel": {"type": "string"}, "reply_channel": {"type": "string"},
        "contact_ids": {"type": "array", "items": {"type": "string"}},
        "timeline": {"type": "array", "items": {"type": "object"}},
        "is_priority": {"type": "boolean"}, "is_bsa_relevant": {"type": "boolean"},
        "retain_until": {"type": ["string", "null"], "format": "date"},
        "survey": {"type": "object"}, "notices": {"type": "array"}}},
}
