"""The OpenAPI 3.1 document for /api/v1 (kept beside the views it describes)."""

from __future__ import annotations

from typing import Any

from contact_hub.web.admin.openapi import ADMIN_PATHS, ADMIN_SCHEMAS
from contact_hub.web.alerts.openapi import ALERT_PATHS, ALERT_SCHEMAS
from contact_hub.web.complaints.openapi import COMPLAINT_PATHS, COMPLAINT_SCHEMAS
from contact_hub.web.customers.openapi import CUSTOMER_PATHS, CUSTOMER_SCHEMAS
from contact_hub.web.hazards.openapi import HAZARD_PATHS, HAZARD_SCHEMAS
from contact_hub.web.homes.openapi import HOME_PATHS, HOME_SCHEMAS
from contact_hub.web.params import ID_SCHEMA, OFFSET_SCHEMA
from contact_hub.web.privacy.openapi import PRIVACY_PATHS, PRIVACY_SCHEMAS
from contact_hub.web.queues.openapi import QUEUE_PATHS, QUEUE_SCHEMAS
from contact_hub.web.repairs.openapi import REPAIR_PATHS, REPAIR_SCHEMAS
from contact_hub.web.reports.openapi import REPORT_PATHS, REPORT_SCHEMAS
from contact_hub.web.safety.openapi import SAFETY_PATHS, SAFETY_SCHEMAS


def _page_of(ref: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["items", "total", "limit", "offset"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}},
            "total": {"type": "integer"},
            "limit": {"type": "integer"},
            "offset": {"type": "integer"},
            "next_offset": {"type": ["integer", "null"]},
        },
    }


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}


PAGING = [
    _query("limit", {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}, "page size"),
    _query("offset", OFFSET_SCHEMA, "items to skip"),
]
ERRORS = {
    "400": {"description": "invalid query", "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}},
    "401": {"description": "missing or invalid bearer token"},
    "403": {"description": "the token's role is not allowed"},
}

CONTACT = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "reference": {"type": "string", "example": "CH-7K3QM9P"},
        "channel": {"type": "string", "enum": ["sms", "whatsapp", "voice", "email", "messenger",
                                               "instagram", "web", "phone", "letter",
                                               "in_person"]},
        "status": {"type": "string", "enum": ["received", "routed", "needs_attention"]},
        "category": {"type": ["string", "null"],
                     "enum": ["emergency", "complaint", "service_request", None]},
        "priority": {"type": ["integer", "null"], "description": "1 is most urgent"},
        "queue": {"type": ["string", "null"]},
        "customer_id": {"type": "integer"},
        "repair": {"oneOf": [{"$ref": "#/components/schemas/Repair"}, {"type": "null"}],
                   "description": "the repair this contact opened, with its target (detail)"},
        "conversation_id": {"type": "integer"},
        "sender": {"type": "string"},
        "subject": {"type": ["string", "null"]},
        "text": {"type": "string"},
        "flags": {"type": "array", "items": {"type": "string"}},
        "received_at": {"type": "string", "format": "date-time"},
        "routed_at": {"type": ["string", "null"], "format": "date-time"},
        "assigned_to": {"type": ["string", "null"], "description": "the agent holding it"},
        "assigned_at": {"type": ["string", "null"], "format": "date-time"},
        "resolved_at": {"type": ["string", "null"], "format": "date-time"},
        "resolved_by": {"type": ["string", "null"]},
        "attachments": {"type": "array", "items": {"type": "object", "properties": {
            "url": {"type": "string"}, "content_type": {"type": ["string", "null"]}}}},
        "media": {"type": "array", "items": {"$ref": "#/components/schemas/MediaFile"},
                  "description": "files kept from the contact (one contact only, not in "
                                 "lists); open one at its url, signed in as staff"},
    },
}

MEDIA_FILE = {
    "type": "object",
    "description": "A photo or file the resident sent, as the media job kept it (checked by "
                   "its content, bounded in size, scanned when a scanner is set)",
    "required": ["id", "content_type", "size_bytes", "filename", "url"],
    "properties": {
        "id": {"type": "integer"},
        "content_type": {"type": ["string", "null"],
                         "description": "from the file's content, else as the sender declared"},
        "size_bytes": {"type": ["integer", "null"]},
        "filename": {"type": ["string", "null"]},
        "url": {"type": "string", "example": "/media/42",
                "description": "the file itself, for signed-in staff (never a public link)"},
    },
}

OUTBOUND = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "idempotency_key": {"type": "string"},
        "contact_id": {"type": ["integer", "null"]},
        "kind": {"type": "string"},
        "channel": {"type": "string"},
        "recipient": {"type": "string"},
        "body": {"type": "string"},
        "status": {"type": "string", "description": "queued, sending, sent, simulated (dry "
                   "run), delivered, failed, undelivered, suppressed or unknown"},
        "transport": {"type": ["string", "null"]},
        "provider_message_id": {"type": ["string", "null"]},
        "error_code": {"type": ["string", "null"]},
        "error_message": {"type": ["string", "null"]},
        "attempts": {"type": "integer"},
        "created_at": {"type": "string", "format": "date-time"},
        "sent_at": {"type": ["string", "null"], "format": "date-time"},
    },
}


def document() -> dict[str, Any]:
    """The API description served at /api/v1/openapi.json."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Contact Hub API", "version": "1",
                 "description": "Contacts, routing decisions, the outbox, complaints, "
                                "emergency alerts and the on-call rota. Bearer tokens "
                                "come from `contact-hub tokens create --role "
                                "agent|handler|manager|admin`, the roles people have on "
                                "the staff pages, with the same permissions: agents work "
                                "contacts, complaint handlers also act on complaint "
                                "cases, managers also decline complaints, see reports and "
                                "on-call mobiles, admins also manage tokens, the register "
                                "and privacy, and read the access audit."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": {
            "/contacts": {"get": {
                "summary": "List contacts, newest first",
                "parameters": [
                    _query("channel", {"type": "string"}, "sms, whatsapp, voice, email, ..."),
                    _query("category", {"type": "string",
                                        "enum": ["emergency", "complaint", "service_request"]},
                           "routing category"),
                    _query("status", {"type": "string",
                                      "enum": ["received", "routed", "needs_attention"]},
                           "processing status"),
                    _query("customer", {"type": "string"},
                           "customer id, phone number or email address"),
                    *PAGING,
                ],
                "responses": {"200": {"description": "a page of contacts", "content": {
                    "application/json": {"schema": _page_of("Contact")}}}, **ERRORS},
            }},
            "/contacts/{id}": {"get": {
                "summary": "One contact with its routing decision, conversation, outbound "
                           "messages and audit events",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": ID_SCHEMA}],
                "responses": {"200": {"description": "the contact", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Contact"}}}},
                    "404": {"description": "no such contact"}, **ERRORS},
            }},
            "/contacts/{id}/reclassify": {"post": {
                "summary": "Reclassify a contact (audited); re-routes it, so a complaint is "
                           "raised or an alert opened as the new category requires",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": ID_SCHEMA}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["category", "reason"],
                    "properties": {
                        "category": {"type": "string",
                                     "enum": ["emergency", "complaint", "service_request"]},
                        "reason": {"type": "string", "minLength": 1},
                        "queue": {"type": "string"}}}}}},
                "responses": {"200": {"description": "the contact after reclassification"},
                              "404": {"description": "no such contact"}, **ERRORS},
            }},
            "/outbox": {"get": {
                "summary": "Outbound messages (in dry-run mode, what would have been sent)",
                "parameters": [_query("status", {"type": "string"}, "delivery status"),
                               _query("contact_id", ID_SCHEMA, "for one contact"),
                               *PAGING],
                "responses": {"200": {"description": "a page of outbound messages", "content": {
                    "application/json": {"schema": _page_of("OutboundMessage")}}}, **ERRORS},
            }},
            **COMPLAINT_PATHS,
            **ALERT_PATHS,
            **QUEUE_PATHS,
            **CUSTOMER_PATHS,
            **ADMIN_PATHS,
            **PRIVACY_PATHS,
            **HOME_PATHS,
            **HAZARD_PATHS,
            **REPAIR_PATHS,
            **REPORT_PATHS,
            **SAFETY_PATHS,
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Contact": CONTACT,
                "MediaFile": MEDIA_FILE,
                "OutboundMessage": OUTBOUND,
                **COMPLAINT_SCHEMAS,
                **ALERT_SCHEMAS,
                **QUEUE_SCHEMAS,
                **CUSTOMER_SCHEMAS,
                **ADMIN_SCHEMAS,
                **PRIVACY_SCHEMAS,
                **HOME_SCHEMAS,
                **HAZARD_SCHEMAS,
                **REPAIR_SCHEMAS,
                **REPORT_SCHEMAS,
                **SAFETY_SCHEMAS,
                "Error": {"type": "object", "properties": {"error": {"type": "object",
                          "properties": {"code": {"type": "string"},
                                         "message": {"type": "string"}}}}},
            },
        },
    }
