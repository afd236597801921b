"""Test helpers for Meta webhooks: recorded-shape payloads, signed the way Meta signs."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from channels.meta import signature_for

APP_SECRET = "meta-app-secret-for-tests"
VERIFY_TOKEN = "meta-verify-token-for-tests"
PAGE_TOKEN = "EAAG-page-access-token-for-tests"
WHATSAPP_TOKEN = "EAAG-whatsapp-token-for-tests"
WHATSAPP_NUMBER_ID = "112233445566778"
PAGE_ID = "102030405060708"
PSID = "6543210987654321"
PATH = "/webhooks/meta"
FIXTURES = Path(__file__).parent / "fixtures" / "meta"


def fixture(name: str) -> dict[str, Any]:
    """A payload from tests/fixtures/meta/ (a fresh copy each time)."""
    return copy.deepcopy(json.loads((FIXTURES / f"{name}.json").read_text()))


def encode(payload: dict[str, Any]) -> bytes:
    """Bytes as Meta sends them: compact JSON with non-ASCII escaped."""
    return json.dumps(payload, separators=(",", ":")).encode()


def post_signed(client: Any, body: bytes | dict[str, Any], secret: str = APP_SECRET) -> Any:
    """POST `body` with an X-Hub-Signature-256 over its exact bytes."""
    raw = encode(body) if isinstance(body, dict) else body
    return client.post(
        PATH,
        data=raw,
        content_type="application/json",
        headers={"X-Hub-Signature-256": signature_for(secret, raw)},
    )


def messenger(text: str, sender: str = PSID, mid: str = "m_test_0001", **message: Any) -> dict:
    """A Messenger text message delivery (object: page)."""
    payload = fixture("messenger_text")
    event = payload["entry"][0]["messaging"][0]
    event["sender"]["id"] = sender
    event["message"] = {"mid": mid, "text": text, **message}
    return payload


def instagram(text: str, sender: str = "1234567890123456", mid: str = "ig_test_0001") -> dict:
    payload = fixture("instagram_text")
    payload["entry"][0]["messaging"] = payload["entry"][0]["messaging"][:1]
    event = payload["entry"][0]["messaging"][0]
    event["sender"]["id"] = sender
    event["message"] = {"mid": mid, "text": text}
    return payload


def whatsapp(text: str, sender: str = "447400123456", wamid: str = "wamid.test0001") -> dict:
    """A WhatsApp Cloud API text message delivery."""
    payload = fixture("whatsapp_text")
    value = payload["entry"][0]["changes"][0]["value"]
    value["contacts"][0]["wa_id"] = sender
    value["messages"][0].update({"from": sender, "id": wamid, "text": {"body": text}})
    return payload


def whatsapp_statuses(*statuses: dict[str, Any]) -> dict:
    payload = fixture("whatsapp_statuses")
    payload["entry"][0]["changes"][0]["value"]["statuses"] = list(statuses)
    return payload


def page_comment(text: str, comment_id: str = "555_9001", sender: str = "7766554433221100",
                 **value: Any) -> dict:
    """A new public comment on a Facebook Page post (the Page's `feed` field)."""
    payload = fixture("page_feed_comment")
    change = payload["entry"][0]["changes"][0]["value"]
    change.update({"message": text, "comment_id": comment_id, **value})
    change["from"]["id"] = sender
    return payload


def instagram_comment(text: str, comment_id: str = "17865799348089039",
                      sender: str = "1234567890123456") -> dict:
    """A new public comment on an Instagram post (the account's `comments` field)."""
    payload = fixture("instagram_comment")
    change = payload["entry"][0]["changes"][0]["value"]
    change.update({"text": text, "id": comment_id})
    change["from"]["id"] = sender
    return payload
