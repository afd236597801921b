"""OpenAPI paths and schemas for the annual report and the learning on complaint cases."""

from __future__ import annotations

from typing import Any

from contact_hub.domain.complaints.model import (
    IndependenceTrigger,
    OmbudsmanDetermination,
    RootCauseKind,
)
from contact_hub.domain.reports.self_assessment import PROVISION_CODES
from contact_hub.web.openapi_parts import ERR, json_content, ref

_DATE = {"type": "string", "format": "date"}
_AT = {"type": "string", "format": "date-time",
       "description": "when it was done (default now); not in the future, not before the last "
                      "timeline entry"}
_REF = {"name": "reference", "in": "path", "required": True,
        "schema": {"type": "string", "example": "CMP-7K3QM9P"}}
_YEAR = {"name": "year", "in": "path", "required": True,
         "schema": {"type": "integer", "minimum": 2024, "example": 2026},
         "description": "the reporting year starting 1 April (2026 = 2026/27)"}
_CASE = {"description": "the complaint case", **json_content(ref("Complaint"))}


def _errors(*codes: str) -> dict[str, Any]:
    words = {"400": "malformed body or query", "401": "missing or invalid bearer token",
             "403": "the token's role is not allowed", "404": "no such complaint",
             "409": "not allowed in the case's current state, or the rule refuses it (the "
                    "reason is given)"}
    return {code: {"description": words[code], **json_content(ERR)} for code in codes}


def _body(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, **json_content(
        {"type": "object", "required": required, "properties": {"at": _AT, **properties}})}


def _case_change(summary: str, body: dict[str, Any] | None, method: str = "post",
                 *extra_params: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary, "parameters": [_REF, *extra_params],
        "responses": {"200": _CASE, **_errors("400", "401", "403", "404", "409")}}
    if body is not None:
        operation["requestBody"] = body
    return {method: operation}


_PERSON = {"type": "object", "required": ["id", "name", "team"], "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}, "team": {"type": "string"}}}

REPORT_PATHS: dict[str, Any] = {
    "/reports/annual": {"get": {
        "summary": "The annual complaints performance and service improvement report, with the "
                   "self-assessment against the Code (Code 8.1); JSON, CSV (section, row, "
                   "column, value), printable HTML or PDF by `format` or the Accept header",
        "parameters": [
            {"name": "year", "in": "query", "required": True,
             "schema": {"type": "integer", "minimum": 2024, "example": 2026},
             "description": "the reporting year starting 1 April (2026 = 2026/27)"},
            {"name": "format", "in": "query", "required": False,
             "schema": {"enum": ["json", "csv", "html", "pdf"]}},
        ],
        "responses": {
            "200": {"description": "the report", "content": {
                "application/json": {"schema": ref("AnnualReport")},
                "text/csv": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
            **_errors("400", "401", "403"),
            "409": {"description": "COMPLAINTS_HOMES is not set", **json_content(ERR)}},
    }},
    "/reports/quarterly": {"get": {
        "summary": "The quarterly report to the governing body: volumes, timeliness, categories "
                   "and satisfaction by quarter, as JSON, HTML with charts or PDF (the job "
                   "emails it to QUARTERLY_REPORT_RECIPIENTS when a quarter ends)",
        "parameters": [
            {"name": "year", "in": "query", "required": True,
             "schema": {"type": "integer", "minimum": 2024, "example": 2026}},
            {"name": "upto", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": 4, "default": 4},
             "description": "the last quarter shown (1 = April to June)"},
            {"name": "format", "in": "query", "required": False,
             "schema": {"enum": ["json", "html", "pdf"]}},
        ],
        "responses": {"200": {"description": "the trends"}, **_errors("400", "401", "403"),
                      "409": {"description": "COMPLAINTS_HOMES is not set",
                              **json_content(ERR)}},
    }},
    "/reports/annual/{year}/governing-body-response": {"put": {
        "summary": "Record the governing body's response to the year's report (Code 8.2), "
                   "written by the Member Responsible for Complaints (admin)",
        "parameters": [_YEAR],
        "requestBody": {"required": True, **json_content({
            "type": "object", "required": ["text", "responded_by", "responded_on"],
            "properties": {"text": {"type": "string"}, "responded_by": {"type": "string"},
                           "responded_on": _DATE}})},
        "responses": {"200": {"description": "the response as the report prints it"},
                      **_errors("400", "401", "403")},
    }},
    "/reports/annual/{year}/self-assessment/{provision}": {"put": {
        "summary": "Record the landlord's commentary on one provision of the self-assessment",
        "parameters": [_YEAR, {"name": "provision", "in": "path", "required": True,
                               "schema": {"enum": list(PROVISION_CODES)}}],
        "requestBody": {"required": True, **json_content({
            "type": "object", "required": ["commentary"],
            "properties": {"commentary": {"type": "string"}}})},
        "responses": {"200": {"description": "the self-assessment row"},
                      **_errors("400", "401", "403")},
    }},
    "/reports/contacts": {"get": {
        "summary": "Contact KPIs: contacts by channel, category and hour; first-contact "
                   "resolution; first response by channel against FIRST_RESPONSE_TARGETS; "
                   "missed emergency calls; emergencies' time to acknowledge",
        "parameters": [
            {"name": "from", "in": "query", "required": True, "schema": _DATE},
            {"name": "to", "in": "query", "required": True, "schema": _DATE},
        ],
        "responses": {"200": {"description": "the KPIs (docs/reporting.md)"},
                      **_errors("400", "401", "403")},
    }},
    "/reports/vocabulary": {"get": {
        "summary": "The configured complaint categories and service areas, and the root-cause, "
                   "independence and Ombudsman determination codes",
        "responses": {"200": {"description": "the lists"}, **_errors("401")},
    }},
    "/complaints/{reference}/classification": _case_change(
        "Record the service area and category; flags independent investigation by the "
        "configured rule (the reason is recorded)",
        _body(["service_area", "category"], {
            "service_area": {"type": "string"}, "category": {"type": "string"},
            "independence_triggers": {"type": "array", "items": {
                "enum": [t.value for t in IndependenceTrigger]}},
            "subject_team": {"type": "string",
                             "description": "the team the complaint concerns (required when "
                                            "flagged)"},
            "detail": {"type": "string"}}), "put"),
    "/complaints/{reference}/root-causes": _case_change(
        "Record a root cause found by the investigation",
        _body(["kind", "detail"], {"kind": {"enum": [k.value for k in RootCauseKind]},
                                   "detail": {"type": "string"}})),
    "/complaints/{reference}/lessons": _case_change(
        "Record a lesson learnt", _body(["text"], {"id": {"type": "string"},
                                                    "text": {"type": "string"}})),
    "/complaints/{reference}/improvements": _case_change(
        "Record a service improvement agreed because of the complaint",
        _body(["description", "owner", "due_on"], {
            "id": {"type": "string"}, "description": {"type": "string"},
            "owner": {"type": "string"}, "due_on": _DATE, "lesson_id": {"type": "string"}})),
    "/complaints/{reference}/improvements/{improvement_id}/complete": _case_change(
        "Mark a service improvement done", None, "post",
        {"name": "improvement_id", "in": "path", "required": True, "schema": {"type": "string"}}),
    "/complaints/{reference}/ombudsman": _case_change(
        "Record the Housing Ombudsman referral, determination and orders (admin)",
        _body(["referred_on", "ombudsman_reference"], {
            "referred_on": _DATE, "ombudsman_reference": {"type": "string"},
            "determination": {"enum": [d.value for d in OmbudsmanDetermination]},
            "determined_on": _DATE, "orders": {"type": "array", "items": {"type": "string"}},
            "orders_complied_on": _DATE}), "put"),
    "/complaints/{reference}/handler": _case_change(
        "Give the current stage to another handler (manager); refused when not independent",
        _body(["handler"], {"handler": _PERSON}), "put"),
    "/complaints/{reference}/withdrawal": _case_change(
        "Record that the resident withdrew the complaint before the stage response",
        _body(["reason"], {"reason": {"type": "string"}})),
}

REPORT_SCHEMAS: dict[str, Any] = {
    "AnnualReport": {
        "type": "object",
        "description": "Every figure and its source are explained in docs/reporting.md",
        "required": ["year", "period", "homes", "tsm", "volumes", "self_assessment"],
        "properties": {
            "title": {"type": "string"}, "organisation": {"type": "string"},
            "year": {"type": "integer"}, "homes": {"type": "integer"},
            "period": {"type": "object", "properties": {"start": _DATE, "end": _DATE}},
            "as_of": _DATE,
            "tsm": {"type": "array", "items": {"type": "object"}},
            "volumes": {"type": "object"}, "outcomes": {"type": "object"},
            "extensions": {"type": "object"}, "declined": {"type": "object"},
            "remedies": {"type": "object"}, "categories": {"type": "object"},
            "root_causes": {"type": "object"}, "independent_investigations": {"type": "object"},
            "lessons": {"type": "array", "items": {"type": "object"}},
            "improvements": {"type": "object"}, "ombudsman": {"type": "object"},
            "satisfaction": {"type": "object"},
            "governing_body_response": {"type": "object"},
            "self_assessment": {"type": "array", "items": {
                "type": "object", "properties": {
                    "provision": {"type": "string"}, "requirement": {"type": "string"},
                    "basis": {"enum": ["measured", "enforced", "landlord"]},
                    "evidence": {"type": "string"},
                    "commentary": {"type": ["string", "null"]}}}},
        },
    },
}
