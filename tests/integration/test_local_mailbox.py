"""The local mailbox (a Maildir under CONTACT_HUB_HOME) that `contact-hub try email` writes
to: outside production with no email backend, what lands in it is taken in like mail from
Exchange, once, and marked seen; with a backend configured it is not read at all."""

from __future__ import annotations

from dataclasses import replace
from email.message import EmailMessage

from sqlalchemy import select

from channels.local_mailbox import ADDRESS, LocalMailbox
from contact_hub.bootstrap import build
from contact_hub.storage import models


def mail(text: str, message_id: str) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a.okafor@example.org", ADDRESS, "Hi"
    message["Message-ID"] = message_id
    message.set_content(text)
    return bytes(message)


def test_mail_in_the_local_mailbox_becomes_a_contact_once(container, run_jobs):
    assert container.local_mail is not None
    mailbox = LocalMailbox(container.settings.local_mailbox_directory)
    mailbox.deliver(mail("The kitchen tap has been dripping all week", "<t1@example.org>"))
    mailbox.deliver(b"not an email at all")

    assert container.local_mail.tick() == 2
    assert container.local_mail.tick() == 0  # marked seen: not listed again
    run_jobs()

    with container.sessions() as session:
        [contact] = session.scalars(select(models.Contact)).all()
        acks = session.scalars(select(models.OutboundMessage)).all()
    assert contact.channel == "email" and contact.provider_message_id == "<t1@example.org>"
    assert [(a.kind, a.recipient, a.status) for a in acks] == [
        ("acknowledgement", "a.okafor@example.org", "simulated")]
    assert list((mailbox.directory / "new").iterdir()) == []


def test_with_an_email_backend_or_in_production_the_local_mailbox_is_not_read(settings, clock):
    assert settings.local_mailbox_enabled
    assert not replace(settings, environment="production").local_mailbox_enabled
    ews = settings.with_overrides(email_backend="ews", ews_server="https://x.example",
                                  ews_mailbox="h@x.example", ews_username="u", ews_password="p")
    assert not ews.local_mailbox_enabled
    built = build(ews, clock=clock)
    try:
        assert built.local_mail is None
    finally:
        built.close()
