"""Contract: every request exchangelib makes for the email channel is one the fake EWS
server understands (tests/fakes/ews_server.py), so the fake cannot silently drift from
what our code and exchangelib actually send. A request it does not understand fails."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from channels.base import Channel, ChannelUnavailable, OutboundMessage
from channels.ews import EwsConfig, EwsMailbox
from tests.fakes.ews_server import UNDERSTOOD, FakeEws
from tests.integration.email_backends import MAILBOX, Mail, mime_of


@pytest.fixture
def fake() -> Iterator[FakeEws]:
    server = FakeEws(mailbox=MAILBOX).start()
    yield server
    server.stop()


def mailbox(fake: FakeEws) -> EwsMailbox:
    return EwsMailbox(EwsConfig(
        mailbox=MAILBOX, server=fake.url, username=fake.username, password=fake.password,
        auth_type="basic",
    ))


def test_every_request_of_the_email_channel_is_understood(fake):
    ews = mailbox(fake)
    first = fake.deliver(mime_of(Mail("Boiler broken"), "<a@example.com>"))

    page = ews.sync_page(None)
    subscription, watermark = ews.subscribe()
    fake.deliver(mime_of(Mail("Still broken"), "<b@example.com>"))
    arrived, watermark = ews.new_mail(subscription, watermark)
    parsed = ews.fetch(first, datetime.now(UTC))
    ews.send(OutboundMessage(
        channel=Channel.EMAIL, recipient="jane.resident@example.com", body="Logged: CH-1",
        idempotency_key="ack-1", metadata={"subject": "Re: Boiler", "in_reply_to": "<a@x>",
                                           "references": ["<a@x>"]},
    ))
    assert ews.check() == 2

    assert [item_id for item_id, _ in page.created] == [first] and page.last
    assert arrived and parsed.message.text == "Boiler broken"
    assert fake.not_understood == []
    used = {request.operation for request in fake.requests}
    assert used == UNDERSTOOD - {"Unsubscribe"}  # every operation the fake offers is used


def test_a_request_the_fake_does_not_understand_fails_the_contract(fake):
    ews = mailbox(fake)
    with pytest.raises(ChannelUnavailable), ews._mapped("rooms"):
        list(ews.account().protocol.get_roomlists())  # GetRoomLists: not in the contract
    assert {request.operation for request in fake.not_understood} == {"GetRoomLists"}


def test_asking_for_a_field_the_fake_does_not_serve_fails_the_contract(fake):
    ews = mailbox(fake)
    item_id = fake.deliver(mime_of(Mail("Leak"), "<c@example.com>"))
    with pytest.raises(ChannelUnavailable), ews._mapped("fetch"):
        list(ews.account().fetch(ids=[(item_id, None)], only_fields=["categories"]))
    refused = fake.not_understood
    assert refused and all(
        request.operation == "GetItem" and b"item:Categories" in request.body
        for request in refused
    )
