"""One harness over both email backends, so the same behaviour tests run against Microsoft
Graph (tests/fakes/graph_server.py) and Exchange over EWS (tests/fakes/ews_server.py).

A test writes a `Mail` once; each backend delivers it in its own wire format (Graph's
message JSON, or the MIME bytes Exchange stores), takes it in its own way (Graph's signed
webhook notification, EWS's subscription and folder sync) and reports what was sent in
one shape (`SentMail`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

from rq.serializers import JSONSerializer

from contact_hub import jobs
from contact_hub.app import create_app
from contact_hub.bootstrap import Container, build
from contact_hub.queueing import ALL_QUEUES
from contact_hub.settings import Settings
from contact_hub.worker import Worker
from tests.fakes.ews_server import FakeEws
from tests.fakes.graph_server import FakeGraph

MAILBOX = "housing@magna.example"
CLIENT_STATE = "client-state-3f9a1c7e5b"
T = "{http://schemas.microsoft.com/exchange/services/2006/types}"


@dataclass
class Mail:
    """A message a resident (or a machine) sends to the shared mailbox."""

    text: str
    sender: str = "jane.resident@example.com"
    subject: str = "A problem at my flat"
    message_id: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    received: datetime | None = None

    def id_or(self, number: int) -> str:
        return self.message_id or f"<resident-{number}@mail.example.com>"


@dataclass(frozen=True)
class SentMail:
    """What we sent, however the backend spells it."""

    to: str
    subject: str
    body: str
    message_id: str
    in_reply_to: str | None
    references: str | None
    auto_response_suppress: str | None


def mime_of(mail: Mail, message_id: str) -> bytes:
    message = EmailMessage()
    message["From"] = mail.sender
    message["To"] = MAILBOX
    message["Subject"] = mail.subject
    message["Message-ID"] = message_id
    message["Date"] = "Mon, 23 Nov 2026 09:31:07 +0000"
    for name, value in mail.headers.items():
        message[name] = value
    message.set_content(mail.text)
    return bytes(message)


class Backend:
    """A built container with one backend configured, its fake, and how to drive it."""

    name: str
    container: Container
    delivered: int = 0

    def settings(self, settings: Settings) -> Settings:
        raise NotImplementedError

    def start(self, settings: Settings, clock: Any) -> Backend:
        self.container = build(self.settings(settings), clock=clock)
        jobs.install(self.container)
        return self

    def stop(self) -> None:
        self.container.close()

    def deliver(self, mail: Mail) -> str:
        """Put `mail` in the inbox; return its internet message id."""
        raise NotImplementedError

    def take_in(self) -> None:
        """Tell the service (the backend's way) and run every job."""
        raise NotImplementedError

    def sent(self) -> list[SentMail]:
        raise NotImplementedError

    def run_jobs(self) -> int:
        jobs.install(self.container)
        worker = Worker(
            [self.container.dispatcher.queues[name] for name in ALL_QUEUES],
            connection=self.container.redis,
            serializer=JSONSerializer,
        )
        worker.work(burst=True, logging_level="WARNING")
        return sum(self.container.dispatcher.queue_lengths().values())

    def receive(self, mail: Mail) -> str:
        message_id = self.deliver(mail)
        self.take_in()
        return message_id


class GraphBackend(Backend):
    name = "graph"

    def __init__(self, fake: FakeGraph) -> None:
        self.fake = fake
        self.pending: list[str] = []

    def settings(self, settings: Settings) -> Settings:
        return settings.with_overrides(
            graph_tenant_id="bb8775a4-4d8c-42cf-a1d4-4d58c2bb668f",
            graph_client_id="0f1e2d3c-aaaa-bbbb-cccc-1234567890ab",
            graph_client_secret="app-secret-value", graph_mailbox=MAILBOX,
            graph_client_state=CLIENT_STATE, graph_api_base_url=self.fake.api_url,
            graph_login_base_url=self.fake.login_url,
        )

    def deliver(self, mail: Mail) -> str:
        self.delivered += 1
        graph_id = f"AAMk{self.delivered:06d}="
        message_id = mail.id_or(self.delivered)
        received = mail.received or datetime(2026, 11, 23, 9, 31, 7, tzinfo=UTC)
        self.fake.deliver({
            "id": graph_id, "internetMessageId": message_id, "subject": mail.subject,
            "conversationId": f"conv-{self.delivered}",
            "receivedDateTime": received.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "body": {"contentType": "text", "content": mail.text},
            "from": {"emailAddress": {"address": mail.sender}}, "sender": None,
            "internetMessageHeaders": [{"name": k, "value": v} for k, v in mail.headers.items()],
            "attachments": [],
        })
        self.pending.append(graph_id)
        return message_id

    def take_in(self) -> None:
        client = create_app(container=self.container).test_client()
        body = {"value": [{
            "subscriptionId": "7f105c7d", "changeType": "created", "clientState": CLIENT_STATE,
            "resourceData": {"id": graph_id},
        } for graph_id in self.pending]}
        if self.pending:
            self.pending = []
            response = client.post("/webhooks/graph", data=json.dumps(body),
                                   content_type="application/json")
            assert response.status_code == 202, response.get_data(as_text=True)
        self.run_jobs()

    def sent(self) -> list[SentMail]:
        found = []
        for mail in self.fake.sent:
            props = {p["id"]: p["value"] for p in mail.get("singleValueExtendedProperties", [])}
            headers = {h["name"]: h["value"] for h in mail.get("internetMessageHeaders", [])}
            found.append(SentMail(
                to=mail["toRecipients"][0]["emailAddress"]["address"], subject=mail["subject"],
                body=mail["body"]["content"], message_id=mail["internetMessageId"],
                in_reply_to=props.get("String 0x1042"), references=props.get("String 0x1039"),
                auto_response_suppress=headers.get("X-Auto-Response-Suppress"),
            ))
        return found


class EwsBackend(Backend):
    name = "ews"

    def __init__(self, fake: FakeEws) -> None:
        self.fake = fake

    def settings(self, settings: Settings) -> Settings:
        return settings.with_overrides(
            email_backend="ews", ews_server=self.fake.url, ews_mailbox=MAILBOX,
            ews_username=self.fake.username, ews_password=self.fake.password,
            ews_auth_type="basic",
        )

    def deliver(self, mail: Mail) -> str:
        self.delivered += 1
        message_id = mail.id_or(self.delivered)
        self.fake.deliver(mime_of(mail, message_id), mail.received)
        return message_id

    def deliver_mime(self, mime: bytes) -> str:
        return self.fake.deliver(mime)

    def take_in(self) -> None:
        assert self.container.ews_sync is not None
        self.container.ews_sync.tick()
        self.run_jobs()

    def sent(self) -> list[SentMail]:
        found = []
        for mail in self.fake.sent:
            extended = {
                prop.find(f"{T}ExtendedFieldURI").get("PropertyName"): prop.findtext(f"{T}Value")
                for prop in mail.iter(f"{T}ExtendedProperty")
            }
            found.append(SentMail(
                to=mail.findtext(f"{T}ToRecipients/{T}Mailbox/{T}EmailAddress") or "",
                subject=mail.findtext(f"{T}Subject") or "",
                body=mail.findtext(f"{T}Body") or "",
                message_id=mail.findtext(f"{T}InternetMessageId") or "",
                in_reply_to=mail.findtext(f"{T}InReplyTo"),
                references=mail.findtext(f"{T}References"),
                auto_response_suppress=extended.get("X-Auto-Response-Suppress"),
            ))
        return found


__all__ = ["EwsBackend", "GraphBackend", "Mail", "SentMail"]
