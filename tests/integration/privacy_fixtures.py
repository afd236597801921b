"""Seeding people for the privacy tests: real webhooks and API calls, no shortcuts."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, text

from contact_hub.storage import models
from contact_hub.storage import repository as repo
from contact_hub.storage.complaints.models import ComplaintRow
from contact_hub.storage.schema import metadata
from tests.helpers import MOBILE, sms_form

OTHER_MOBILE = "+447400654321"
HANDLER = {"id": "h-ayesha", "name": "Ayesha Khan"}


def text_in(client, twilio, run_jobs, body: str, sid: str, sender: str = MOBILE,
            **extra: str) -> None:
    response = twilio.post(client, "/webhooks/twilio/sms",
                           sms_form(body, sender=sender, sid=sid, **extra))
    assert response.status_code == 200
    run_jobs()


def whatsapp_in(client, twilio, run_jobs, body: str, sid: str, sender: str = MOBILE) -> None:
    text_in(client, twilio, run_jobs, body, sid, sender=f"whatsapp:{sender}",
            To="whatsapp:+441234567890")


def customer_of(container, phone: str) -> int:
    with container.sessions() as session:
        return int(session.scalars(select(models.Identity.customer_id).where(
            models.Identity.kind == "phone", models.Identity.value == phone)).one())


def complaint_reference(container, customer_id: int) -> str:
    with container.sessions() as session:
        return str(session.scalars(select(ComplaintRow.reference).where(
            ComplaintRow.customer_id == customer_id).order_by(ComplaintRow.id)).first())


def act(client, headers, reference: str, action: str, **body: Any) -> dict[str, Any]:
    response = client.post(f"/api/v1/complaints/{reference}/{action}", headers=headers,
                           json=body)
    assert response.status_code == 200, response.get_json()
    return dict(response.get_json())


def close_case(client, headers, reference: str) -> None:
    act(client, headers, reference, "acknowledge", handler=HANDLER,
        understanding="Poor repair work", outcomes_sought=["redo it"])
    act(client, headers, reference, "respond", decision="upheld", reasons="we got it wrong",
        remedies=[], outstanding_actions=[])
    act(client, headers, reference, "close", reason="resolved")


def everything_stored(container) -> str:
    """Every row of every table as text: to prove a number or phrase is nowhere at all."""
    dump: list[str] = []
    with container.engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(text(f"SELECT * FROM {table.name}")):  # noqa: S608
                dump.append(json.dumps([str(value) for value in row], ensure_ascii=False))
    return "\n".join(dump)


def counts_by_channel_and_category(container) -> list[tuple[str, str | None, int]]:
    with container.sessions() as session:
        return sorted(repo.contact_counts(session), key=str)
