"""Email behaviour a resident notices, the same over both backends: Microsoft Graph and
Exchange over EWS (each against its local fake, driven by its own wire format)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from contact_hub import jobs
from contact_hub.bootstrap import Container
from contact_hub.storage import models
from contact_hub.storage.email.models import EmailNotification
from tests.fakes.ews_server import FakeEws
from tests.fakes.graph_server import FakeGraph
from tests.integration.email_backends import Backend, EwsBackend, GraphBackend, Mail

JANE = "jane.resident@example.com"


@pytest.fixture(params=["graph", "ews"])
def backend(request, settings, clock, container: Container, monkeypatch) -> Iterator[Backend]:
    made: Backend
    if request.param == "graph":
        fake: Any = FakeGraph().start()
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", fake.ca_file)
        made = GraphBackend(fake)
    else:
        fake = FakeEws().start()
        made = EwsBackend(fake)
    made.start(settings, clock)
    yield made
    jobs.install(container)
    made.stop()
    fake.stop()


def contacts(backend: Backend) -> list[models.Contact]:
    with backend.container.sessions() as session:
        return list(session.scalars(select(models.Contact).order_by(models.Contact.id)))


def rows(backend: Backend) -> list[EmailNotification]:
    with backend.container.sessions() as session:
        return list(session.scalars(select(EmailNotification).order_by(EmailNotification.id)))


def outbound(backend: Backend) -> list[models.OutboundMessage]:
    with backend.container.sessions() as session:
        return list(session.scalars(
            select(models.OutboundMessage).order_by(models.OutboundMessage.id)))


def the_contact(backend: Backend, message_id: str) -> models.Contact:
    found = [c for c in contacts(backend) if c.provider_message_id == message_id]
    assert len(found) == 1, [(r.status, r.outcome, r.attempts) for r in rows(backend)]
    return found[0]


def test_a_gas_email_is_an_emergency_and_the_advice_is_emailed_with_threading_headers(backend):
    message_id = backend.receive(Mail("Hello,\n\nI can smell gas in the hallway outside "
                                      "flat 4.\n\nJane", subject="Gas smell in the hallway"))

    contact = the_contact(backend, message_id)
    assert contact.channel == "email" and contact.category == "emergency"
    assert contact.sender == JANE and contact.subject == "Gas smell in the hallway"
    first = backend.sent()[0]
    assert "0800 111 999" in first.body  # the gas safety advice
    assert first.to == JANE
    assert contact.reference in first.subject and first.subject.startswith("Re: Gas smell")
    assert first.in_reply_to == message_id and first.references == message_id
    assert first.auto_response_suppress == "OOF, AutoReply"  # no out-of-office mail loops
    assert first.message_id.startswith("<ch-") and first.message_id.endswith("@magna.example>")
    advice = next(o for o in outbound(backend) if o.kind == "safety_advice")
    assert advice.status == "sent" and advice.transport == backend.name
    assert advice.provider_message_id == first.message_id


def test_the_same_message_taken_in_twice_is_one_contact(backend):
    message_id = backend.receive(Mail("The bathroom tap is dripping"))
    backend.take_in()
    if isinstance(backend, GraphBackend):
        backend.pending.append("AAMk000001=")  # Graph's duplicate notification
        backend.take_in()
    else:
        assert backend.container.ews_sync is not None
        backend.container.ews_sync.sync()  # a sync with nothing new
    assert [c.provider_message_id for c in contacts(backend)] == [message_id]
    assert len(rows(backend)) == 1


@pytest.mark.parametrize(
    ("mail", "reason"),
    [
        (Mail("I am out of the office until Monday.", sender=JANE,
              subject="Automatic reply: Re: Gas smell in the hallway [CH-7K3QM9P]",
              headers={"Auto-Submitted": "auto-replied"}), "auto_reply"),
        (Mail("Delivery has failed to these recipients", sender="postmaster@magna.example.net",
              subject="Undeliverable: Re: Gas smell in the hallway [CH-7K3QM9P]"), "bounce"),
        (Mail("Out of office", subject="Out of office: Re: your repair",
              headers={"Precedence": "auto_reply"}), "auto_reply"),
    ],
    ids=["auto-submitted", "bounce", "precedence"],
)
def test_auto_replies_and_bounces_are_recorded_never_routed_or_answered(backend, mail, reason):
    message_id = backend.receive(mail)

    [row] = rows(backend)
    assert row.status == "ignored" and row.outcome == reason
    assert row.internet_message_id == message_id
    assert contacts(backend) == [] and backend.sent() == []


def test_our_own_mail_coming_back_is_not_a_contact(backend):
    backend.receive(Mail("Thanks, we have your message", sender="housing@magna.example"))
    assert rows(backend)[0].outcome == "own_mail" and contacts(backend) == []


def test_a_quoted_reply_is_trimmed_so_our_own_advice_is_not_read_as_new(backend, clock):
    first_id = backend.receive(Mail("The kitchen light flickers", subject="Kitchen light"))
    first = the_contact(backend, first_id)
    clock.advance(days=20)
    reply_id = backend.receive(Mail(
        "Thanks, any date yet?\n\nOn Mon, 23 Nov 2026 at 09:40, Housing <housing@magna.example>"
        " wrote:\n> If you smell gas, call 0800 111 999 now.\n",
        subject=f"Re: Kitchen light [{first.reference}]",
    ))
    reply = the_contact(backend, reply_id)
    assert reply.text == "Thanks, any date yet?"
    assert reply.category != "emergency"
    assert reply.conversation_id == first.conversation_id  # by the reference, same sender


def test_a_reply_threads_by_in_reply_to_for_its_own_sender_only(backend, clock):
    first = the_contact(backend, backend.receive(Mail("Water leaking under the sink")))
    [ack] = [o for o in outbound(backend) if o.kind == "acknowledgement"]
    assert ack.status == "sent" and ack.provider_message_id.startswith("<ch-")
    clock.advance(days=30)
    headers = {"In-Reply-To": ack.provider_message_id}
    reply = the_contact(backend, backend.receive(
        Mail("Any news?", subject="Re: Your message", headers=headers)))
    forwarded = the_contact(backend, backend.receive(
        Mail("Any news?", sender="neighbour@example.org", subject="Re: Your message",
             headers=headers)))

    assert reply.conversation_id == first.conversation_id
    assert forwarded.conversation_id != first.conversation_id
    answer = [m for m in backend.sent() if m.to == JANE][-1]
    assert answer.in_reply_to == reply.provider_message_id
