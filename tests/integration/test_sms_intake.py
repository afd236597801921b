"""SMS in, end to end inside the process: signed webhook → stored → routed → acknowledged."""

from __future__ import annotations

from sqlalchemy import func, select

from contact_hub.storage import models
from tests.helpers import MOBILE, sms_form


def count(container, model) -> int:
    with container.sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def only_contact(container) -> models.Contact:
    with container.sessions() as session:
        return session.scalars(select(models.Contact)).one()


def outbox(container) -> list[models.OutboundMessage]:
    with container.sessions() as session:
        return list(
            session.scalars(select(models.OutboundMessage).order_by(models.OutboundMessage.id))
        )


def test_signed_sms_is_stored_answered_routed_and_acknowledged(client, twilio, container, run_jobs):
    response = twilio.post(client, "/webhooks/twilio/sms", sms_form("My kitchen tap is dripping"))

    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    assert response.get_data(as_text=True).strip().endswith("<Response />")
    contact = only_contact(container)
    # Stored before the answer, in one INSERT: a worker threads it to its resident.
    assert contact.status == "accepted"
    assert contact.text == "My kitchen tap is dripping"
    assert contact.customer_id is None
    assert container.dispatcher.queue_lengths() == {"critical": 0, "default": 0, "low": 0,
                                                    "slack": 0}

    assert container.inbound.hand_off() == 1
    # An ordinary report waits on the default queue; critical is kept for emergencies.
    assert container.dispatcher.queue_lengths() == {"critical": 0, "default": 1, "low": 0,
                                                    "slack": 0}
    assert only_contact(container).status == "received"

    run_jobs()

    contact = only_contact(container)
    assert contact.status == "routed"
    assert contact.category == "service_request"
    assert contact.decision["category"] == "service_request"
    [ack] = outbox(container)
    assert ack.kind == "acknowledgement"
    assert ack.recipient == MOBILE
    assert contact.reference in ack.body
    assert ack.status == "simulated"  # no Twilio credentials: the outbox is the transport
    assert ack.transport == "dry_run"


def test_customer_is_keyed_on_e164_whatever_the_format(client, twilio, container, run_jobs):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("one", sender="+447400123456", sid="SM1"))
    twilio.post(client, "/webhooks/twilio/sms", sms_form("two", sender="07400 123456", sid="SM2"))
    run_jobs()

    with container.sessions() as session:
        contacts = session.scalars(select(models.Contact)).all()
        identity = session.scalars(select(models.Identity)).one()
    assert len(contacts) == 2
    assert {c.customer_id for c in contacts} == {identity.customer_id}
    assert identity.value == "+447400123456"
    assert contacts[0].conversation_id == contacts[1].conversation_id


def test_crown_dependency_mobile_ranges_are_uk_customers(client, twilio, container, run_jobs):
    # libphonenumber places 07911 in Guernsey; it is still an ordinary UK mobile to us.
    twilio.post(client, "/webhooks/twilio/sms", sms_form("hello", sender="+447911123456"))
    run_jobs()

    with container.sessions() as session:
        identity = session.scalars(select(models.Identity)).one()
    assert identity.valid and identity.sms_capable
    assert only_contact(container).flags == []
    assert outbox(container)[0].status == "simulated"


def test_provider_retry_creates_nothing_new(client, twilio, container, run_jobs):
    form = sms_form("Bins not collected")
    first = twilio.post(client, "/webhooks/twilio/sms", form)
    run_jobs()
    second = twilio.post(client, "/webhooks/twilio/sms", form)

    assert first.status_code == second.status_code == 200
    assert count(container, models.Contact) == 1
    assert sum(container.dispatcher.queue_lengths().values()) == 0
    run_jobs()
    assert len(outbox(container)) == 1


def test_bad_signature_is_403_and_stores_nothing(client, twilio, container):
    form = sms_form("hello")
    headers = twilio.headers("/webhooks/twilio/sms", form)
    form["Body"] = "tampered"
    response = client.post(
        "/webhooks/twilio/sms",
        data=form,
        headers=headers,
        content_type="application/x-www-form-urlencoded",
    )
    unsigned = client.post("/webhooks/twilio/sms", data=sms_form("hi"))

    assert response.status_code == 403
    assert unsigned.status_code == 403
    assert count(container, models.Contact) == 0
    assert count(container, models.Customer) == 0


def test_signature_for_another_host_is_rejected(client, container):
    from tests.helpers import TwilioSigner

    other = TwilioSigner(base="https://attacker.example")
    response = other.post(client, "/webhooks/twilio/sms", sms_form("hello"))
    assert response.status_code == 403


def test_stop_start_help_are_consent_changes_not_contacts(client, twilio, container, run_jobs):
    stop = twilio.post(client, "/webhooks/twilio/sms", sms_form("Stop", sid="SMstop"))
    help_ = twilio.post(client, "/webhooks/twilio/sms", sms_form("HELP", sid="SMhelp"))

    assert stop.status_code == help_.status_code == 200
    assert "<Message>" not in stop.get_data(as_text=True)
    assert "999" in help_.get_data(as_text=True)  # HELP may be a person in trouble
    assert count(container, models.Contact) == 0
    with container.sessions() as session:
        identity = session.scalars(select(models.Identity)).one()
        actions = [c.action for c in session.scalars(select(models.ConsentChange))]
    assert identity.opted_out_at is not None
    assert actions == ["opt_out", "help"]

    twilio.post(client, "/webhooks/twilio/sms", sms_form("Fence blown down", sid="SMfence"))
    run_jobs()
    [ack] = outbox(container)
    assert ack.status == "suppressed"
    assert "STOP" in ack.error_message

    twilio.post(client, "/webhooks/twilio/sms", sms_form("START", sid="SMstart"))
    with container.sessions() as session:
        assert session.scalars(select(models.Identity)).one().opted_out_at is None


def test_stop_please_is_a_message_not_a_command(client, twilio, container):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("stop the builders starting at 7am"))
    assert count(container, models.Contact) == 1
    assert count(container, models.ConsentChange) == 0


def test_media_is_kept_as_attachments(client, twilio, container):
    form = sms_form(
        "Photo of the mould",
        NumMedia="2",
        MediaUrl0="https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
        MediaContentType0="image/jpeg",
        MediaUrl1="https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2",
        MediaContentType1="image/png",
    )
    assert twilio.post(client, "/webhooks/twilio/sms", form).status_code == 200
    with container.sessions() as session:
        attachments = session.scalars(
            select(models.Attachment).order_by(models.Attachment.id)
        ).all()
    assert [a.content_type for a in attachments] == ["image/jpeg", "image/png"]
    assert attachments[0].url.endswith("/ME1")


def test_unparseable_number_is_kept_raw_and_flagged(client, twilio, container, run_jobs):
    response = twilio.post(client, "/webhooks/twilio/sms", sms_form("hello", sender="+44 12"))
    run_jobs()

    assert response.status_code == 200
    contact = only_contact(container)
    assert contact.sender == "+44 12"
    assert contact.flags == ["sender_unparseable"]
    assert contact.status == "routed"
    [ack] = outbox(container)
    assert ack.status == "suppressed"  # nobody to text back; an agent sees the contact


def test_emergency_gets_safety_advice_in_the_webhook_reply(client, twilio, container, run_jobs):
    response = twilio.post(
        client, "/webhooks/twilio/sms", sms_form("I can smell gas in my kitchen")
    )
    body = response.get_data(as_text=True)

    assert "<Message>" in body
    assert "0800 111 999" in body
    contact = only_contact(container)
    assert contact.reference in body
    assert container.dispatcher.queue_lengths()["critical"] == 1  # ahead of ordinary work
    run_jobs()
    contact = only_contact(container)
    assert contact.category == "emergency"
    [inline] = outbox(container)  # the reply above; no second acknowledgement
    assert inline.kind == "safety_advice" and inline.transport == "twiml"

    retry = twilio.post(client, "/webhooks/twilio/sms", sms_form("I can smell gas in my kitchen"))
    assert "0800 111 999" in retry.get_data(as_text=True)  # a lost reply is given again
    assert len(outbox(container)) == 1
