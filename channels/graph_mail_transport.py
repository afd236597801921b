"""Microsoft Graph mail, outbound: `POST /users/{mailbox}/sendMail`.

sendMail answers 202 with no id, so we set the message's `internetMessageId` ourselves
(derived from the outbox key): that is the id we store, recognise in a resident's
In-Reply-To, and spot if our own mail comes back to the inbox. Graph accepts only `x-`
headers in `internetMessageHeaders`, so In-Reply-To and References are set through their
MAPI properties (PidTagInReplyToId 0x1042, PidTagInternetReferences 0x1039) instead.
"""

from __future__ import annotations

from typing import Any

from channels.base import OutboundMessage, SendResult
from channels.graph_api import GraphApi
from channels.graph_mail import our_message_id

IN_REPLY_TO_PROPERTY = "String 0x1042"
REFERENCES_PROPERTY = "String 0x1039"
DEFAULT_SUBJECT = "Your message to us"


class GraphMailTransport:
    """Sends plain-text email from the shared mailbox."""

    name = "graph"

    def __init__(self, api: GraphApi) -> None:
        self.api = api

    def send(self, message: OutboundMessage) -> SendResult:
        """Send one email; raise ChannelUnavailable, ChannelRejected or DeliveryUnknown.

        A read timeout is DeliveryUnknown: Graph may have sent it, so it is never resent.
        """
        message_id = our_message_id(message.idempotency_key, self.api.mailbox)
        url = f"{self.api.mailbox_url}/sendMail"
        self.api.request("POST", url, idempotent=False, json=send_mail_body(message, message_id))
        return SendResult(provider_message_id=message_id, status="sent")


def send_mail_body(message: OutboundMessage, internet_message_id: str) -> dict[str, Any]:
    """The sendMail request body: subject, plain text, our id, and reply threading."""
    metadata = message.metadata
    mail: dict[str, Any] = {
        "subject": str(metadata.get("subject") or DEFAULT_SUBJECT),
        "body": {"contentType": "Text", "content": message.body},
        "toRecipients": [{"emailAddress": {"address": message.recipient}}],
        "internetMessageId": internet_message_id,
        # Ask Exchange/Outlook not to answer our automatic mail with out-of-office
        # replies (a mail loop); Graph accepts only x- headers here.
        "internetMessageHeaders": [{"name": "X-Auto-Response-Suppress", "value": "OOF, AutoReply"}],
    }
    properties = []
    in_reply_to = metadata.get("in_reply_to")
    if in_reply_to:
        properties.append({"id": IN_REPLY_TO_PROPERTY, "value": str(in_reply_to)})
    references = metadata.get("references") or ()
    if references:
        properties.append({"id": REFERENCES_PROPERTY, "value": " ".join(references)})
    if properties:
        mail["singleValueExtendedProperties"] = properties
    return {"message": mail, "saveToSentItems": True}
