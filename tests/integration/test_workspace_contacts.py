"""The agents' inbox and contact page: queues against targets, take next, the whole
conversation, reply (once), notes, resolve, release, reclassify, the resident's record,
and residents' words always shown as text."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from contact_hub.storage import models
from tests.helpers import MOBILE, sms_form
from tests.workspace_helpers import csrf_token, post_form, signed_in

SCRIPT = "<script>alert('x')</script> I smell gas in the kitchen"


def text(client, twilio, body: str, sid: str, sender: str = MOBILE) -> None:
    assert twilio.post(client, "/webhooks/twilio/sms", sms_form(body, sid=sid, sender=sender)
                       ).status_code == 200


def contact_id(container, sid: str) -> int:
    with container.sessions() as session:
        return session.scalar(select(models.Contact.id).where(
            models.Contact.provider_message_id == sid))


def outbox_rows(container, cid: int, kind: str = "agent_reply") -> list[models.OutboundMessage]:
    with container.sessions() as session:
        return list(session.scalars(select(models.OutboundMessage).where(
            models.OutboundMessage.contact_id == cid, models.OutboundMessage.kind == kind)))


def test_the_inbox_shows_each_queue_with_its_oldest_wait_against_target_in_words(
    client, container, twilio, run_jobs, clock
):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()
    clock.advance(hours=5)
    signed_in(client, container)

    html = client.get("/inbox").get_data(as_text=True)
    row = re.search(r'<tr data-queue="repairs">.*?</tr>', html, re.S).group(0)
    assert '<td class="num" data-count="waiting">1</td>' in row
    assert "5 h" in row and "Over target (4 h)" in row and "tag--over" in row
    assert "Take next" in row
    assert 'hx-trigger="every 10s"' in html  # refreshes itself

    fragment = client.get("/inbox/queues")
    assert fragment.status_code == 200 and "<html" not in fragment.get_data(as_text=True)


def test_take_next_opens_the_most_urgent_contact_held_for_the_agent(
    client, container, twilio, run_jobs
):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()
    email = signed_in(client, container)

    taken = post_form(client, "/inbox", "/inbox/repairs/next", {})
    assert taken.status_code == 302
    assert taken.headers["Location"] == f"/contacts/{contact_id(container, 'SM1')}"
    page = client.get(taken.headers["Location"]).get_data(as_text=True)
    assert f"Being worked</span> by {email}" in page

    again = post_form(client, "/inbox", "/inbox/repairs/next", {})
    assert again.headers["Location"] == "/inbox"
    assert "Nothing is waiting in Repairs." in client.get("/inbox").get_data(as_text=True)


def test_a_residents_script_is_shown_as_text_with_the_trigger_words_marked(
    client, container, twilio, run_jobs
):
    text(client, twilio, SCRIPT, "SM1")
    run_jobs()
    signed_in(client, container)
    html = client.get(f"/contacts/{contact_id(container, 'SM1')}").get_data(as_text=True)

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    message = re.search(r'<blockquote class="message" id="message-text">(.*?)</blockquote>',
                        html, re.S).group(1)
    assert "<mark>" in message and "gas" in message.lower()
    assert "Safety advice given" in html


def test_a_reply_submitted_twice_is_sent_once(client, container, twilio, run_jobs):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()
    signed_in(client, container)
    cid = contact_id(container, "SM1")
    page = client.get(f"/contacts/{cid}").get_data(as_text=True)
    key = re.search(r'name="idempotency_key" type="hidden" value="([^"]+)"', page).group(1)
    form = {"csrf_token": csrf_token(page), "idempotency_key": key,
            "body": "A plumber will call tomorrow morning."}

    first = client.post(f"/contacts/{cid}/reply", data=form)
    second = client.post(f"/contacts/{cid}/reply", data=form)

    assert first.status_code == second.status_code == 302
    [reply] = outbox_rows(container, cid)
    assert reply.body == "A plumber will call tomorrow morning." and reply.channel == "sms"
    assert "Goes by sms to" in page
    timeline = client.get(f"/contacts/{cid}").get_data(as_text=True)
    assert "A plumber will call tomorrow morning." in timeline


def test_an_empty_reply_is_refused_beside_the_field(client, container, twilio, run_jobs):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()
    signed_in(client, container)
    cid = contact_id(container, "SM1")
    answer = post_form(client, f"/contacts/{cid}", f"/contacts/{cid}/reply",
                       {"body": "   ", "idempotency_key": "k1"})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert "There is a problem" in html and '<a href="#body">' in html
    assert 'id="body-error"' in html and "Write the reply before sending it" in html
    assert outbox_rows(container, cid) == []


def test_the_page_says_before_sending_when_a_reply_cannot_go(client, container, twilio,
                                                               run_jobs):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    text(client, twilio, "STOP", "SM2")
    run_jobs()
    signed_in(client, container)
    cid = contact_id(container, "SM1")
    html = client.get(f"/contacts/{cid}").get_data(as_text=True)
    assert "This reply cannot be sent:</strong> recipient opted out of texts (STOP)" in html
    assert "Keep the reply without sending" in html

    post_form(client, f"/contacts/{cid}", f"/contacts/{cid}/reply",
              {"body": "Hello", "idempotency_key": "k2"})
    [kept] = outbox_rows(container, cid)
    assert kept.status == "suppressed"


def test_notes_resolve_release_and_reclassify_are_recorded_with_the_agent(
    client, container, twilio, run_jobs
):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()
    email = signed_in(client, container)
    cid = contact_id(container, "SM1")
    page = f"/contacts/{cid}"

    post_form(client, "/inbox", "/inbox/repairs/next", {})
    post_form(client, page, f"{page}/note", {"text": "Resident works nights; call after 2pm"})
    html = client.get(page).get_data(as_text=True)
    assert "Internal note" in html and "Resident works nights; call after 2pm" in html
    assert outbox_rows(container, cid) == []  # a note is never sent

    assert post_form(client, page, f"{page}/release", {}).status_code == 302
    assert "Waiting</span>" in client.get(page).get_data(as_text=True)

    missing = post_form(client, page, f"{page}/reclassify",
                        {"category": "complaint", "queue": "", "reason": ""})
    kept = missing.get_data(as_text=True)
    assert missing.status_code == 400 and "Give a reason: the change is audited" in kept
    assert '<option selected value="complaint">' in kept  # what was chosen is kept

    post_form(client, page, f"{page}/reclassify",
              {"category": "complaint", "queue": "", "reason": "Resident is unhappy"})
    with container.sessions() as session:
        contact = session.get(models.Contact, cid)
        assert (contact.category, contact.queue) == ("complaint", "complaints")

    post_form(client, page, f"{page}/resolve", {"note": "Plumber booked"})
    with container.sessions() as session:
        contact = session.get(models.Contact, cid)
        assert contact.resolved_by == email


def test_the_residents_record_is_changed_only_with_a_reason(client, container, twilio,
                                                             run_jobs):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()
    signed_in(client, container)
    cid = contact_id(container, "SM1")
    page = f"/contacts/{cid}"
    change = {"display_name": "Mrs Okafor", "preferred_channel": "sms",
              "vulnerabilities": ["elderly"], "reasonable_adjustments": ["large_print"]}

    refused = post_form(client, page, f"{page}/resident", {**change, "reason": ""})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "changes to a resident" in html
    assert 'value="Mrs Okafor"' in html and 'checked id="vulnerabilities-0"' in html

    post_form(client, page, f"{page}/resident", {**change, "reason": "Told us by phone"})
    with container.sessions() as session:
        contact = session.get(models.Contact, cid)
        customer = session.get(models.Customer, contact.customer_id)
        assert customer.display_name == "Mrs Okafor"
        assert customer.vulnerabilities == ["elderly"]
        assert session.scalar(select(func.count(models.CustomerChange.id))) == 1


def test_an_unknown_contact_is_a_404_page(client, container):
    signed_in(client, container)
    answer = client.get("/contacts/999999")
    assert answer.status_code == 404 and "There is no contact 999999." in answer.get_data(
        as_text=True)
    assert post_form(client, "/inbox", "/inbox/nowhere/next", {}).status_code == 404
