"""JSON shapes of the API's resources."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import url_for

from contact_hub.domain.contacts.adjustments import ADJUSTMENTS
from contact_hub.domain.privacy.redact import mask_phone
from contact_hub.services.contacts.queries import (
    ContactRecord,
    ContactSummary,
    CustomerNeeds,
    CustomerRecord,
    MediaFile,
    OutboundRecord,
    Page,
)
from contact_hub.services.workspace.agent_work import QueueSummary


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def contact_summary(contact: ContactSummary) -> dict[str, Any]:
    return {
        "id": contact.id,
        "reference": contact.reference,
        "channel": contact.channel,
        "status": contact.status,
        "category": contact.category,
        "priority": contact.priority,
        "queue": contact.queue,
        "customer_id": contact.customer_id,
        "conversation_id": contact.conversation_id,
        "sender": contact.sender,
        "subject": contact.subject,
        "text": contact.text,
        "flags": list(contact.flags),
        "routing_hint": contact.routing_hint,
        "received_at": iso(contact.received_at),
        "routed_at": iso(contact.routed_at),
        "assigned_to": contact.assigned_to,
        "assigned_at": iso(contact.assigned_at),
        "resolved_at": iso(contact.resolved_at),
        "resolved_by": contact.resolved_by,
        "attachments": [
            {"url": a.url, "content_type": a.content_type} for a in contact.attachments
        ],
        "property": contact.place.to_dict() if contact.place else None,
        "property_suggestion": contact.property_suggestion,
    }


def contact_detail(detail: ContactRecord) -> dict[str, Any]:
    body = contact_summary(detail.summary)
    body["decision"] = detail.decision
    conversation = detail.conversation
    body["conversation"] = conversation and {
        "id": conversation.id,
        "channel": conversation.channel,
        "status": conversation.status,
        "started_at": iso(conversation.started_at),
        "last_message_at": iso(conversation.last_message_at),
        "contacts": [
            {
                "id": c.id,
                "reference": c.reference,
                "received_at": iso(c.received_at),
                "text": c.text,
            }
            for c in conversation.contacts
        ],
    }
    body["customer"] = customer_needs(detail.customer) if detail.customer is not None else None
    body["history"] = [
        {
            "id": c.id,
            "reference": c.reference,
            "channel": c.channel,
            "category": c.category,
            "received_at": iso(c.received_at),
            "text": c.text,
        }
        for c in detail.history
    ]
    body["outbound"] = [outbound(m) for m in detail.outbound]
    body["events"] = [
        {"at": iso(e.at), "kind": e.kind, "actor": e.actor, "detail": e.detail}
        for e in detail.events
    ]
    body["media"] = [media_file(f) for f in detail.media]
    return body


def media_file(kept: MediaFile) -> dict[str, Any]:
    """A kept file's facts and where signed-in staff open it; never its bytes."""
    return {"id": kept.id, "content_type": kept.content_type, "size_bytes": kept.size_bytes,
            "filename": kept.filename, "url": url_for("media.attachment", attachment_id=kept.id)}


STAFF_KINDS = ("alert_page", "alert_reminder")  # sent to on-call staff's own mobiles


def outbound(message: OutboundRecord, staff_numbers: bool = False) -> dict[str, Any]:
    """One outbox row; an on-call person's number is masked unless `staff_numbers`
    (managers and admins)."""
    recipient = message.recipient
    if message.kind in STAFF_KINDS and not staff_numbers:
        recipient = mask_phone(recipient) or recipient
    return {
        "id": message.id,
        "idempotency_key": message.idempotency_key,
        "contact_id": message.contact_id,
        "kind": message.kind,
        "channel": message.channel,
        "recipient": recipient,
        "body": message.body,
        "status": message.status,
        "transport": message.transport,
        "provider_message_id": message.provider_message_id,
        "error_code": message.error_code,
        "error_message": message.error_message,
        "attempts": message.attempts,
        "created_at": iso(message.created_at),
        "sent_at": iso(message.sent_at),
    }


def customer_needs(customer: CustomerNeeds) -> dict[str, Any]:
    """What an agent must know before replying: vulnerabilities and adjustments."""
    return {
        "id": customer.id,
        "display_name": customer.display_name,
        "preferred_channel": customer.preferred_channel,
        "vulnerabilities": list(customer.vulnerabilities),
        "reasonable_adjustments": [
            {"code": code, "meaning": ADJUSTMENTS.get(code, code)}
            for code in customer.reasonable_adjustments
        ],
    }


def customer_profile(profile: CustomerRecord) -> dict[str, Any]:
    body = customer_needs(profile.needs)
    body["created_at"] = iso(profile.created_at)
    body["identities"] = [
        {"id": i.id, "kind": i.kind, "value": i.value, "valid": i.valid,
         "sms_capable": i.sms_capable,
         "opted_out_at": iso(i.opted_out_at)}
        for i in profile.identities
    ]
    body["recent_contacts"] = [contact_summary(c) for c in profile.recent_contacts]
    body["changes"] = [
        {"at": iso(c.at), "actor": c.actor, "reason": c.reason, "changes": c.changes}
        for c in profile.changes
    ]
    return body


def queue_summary(summary: QueueSummary) -> dict[str, Any]:
    return {
        "queue": summary.queue,
        "open": summary.open,
        "held": summary.held,
        "waiting": summary.open - summary.held,
        "by_priority": {str(p): n for p, n in sorted(summary.by_priority.items())},
        "oldest_received_at": iso(summary.oldest_received_at),
    }


def page(result: Page, render: Any) -> dict[str, Any]:
    return envelope([render(item) for item in result.items], result.total, result.limit,
                    result.offset)


def envelope(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    """One page of a list, as every /api/v1 list answers: next_offset is None on the last."""
    after = offset + limit
    return {"items": items, "total": total, "limit": limit, "offset": offset,
            "next_offset": after if after < total else None}
