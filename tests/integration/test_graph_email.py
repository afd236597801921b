"""Email over Microsoft Graph, end to end through the Flask app, real Redis and a real
database, against a local fake of Graph's HTTP API (tests/fakes/graph_server.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rq.registry import ScheduledJobRegistry
from rq.serializers import JSONSerializer
from sqlalchemy import func, select

from channels.base import Channel, ChannelRejected, ChannelUnavailable, InboundMessage
from channels.graph_api import GraphApi
from contact_hub import jobs
from contact_hub.app import create_app
from contact_hub.bootstrap import Container, build, build_graph
from contact_hub.queueing import ALL_QUEUES
from contact_hub.services.email.check import check_mailbox
from contact_hub.services.email.intake import MAX_FETCH_ATTEMPTS
from contact_hub.storage import models
from contact_hub.storage.email.models import EmailMailboxState, EmailNotification
from contact_hub.worker import Worker
from tests.fakes.graph_server import FakeGraph, GraphFailure
from tests.helpers import PUBLIC_BASE

FIXTURES = Path(__file__).parents[1] / "fixtures" / "graph"
MAILBOX = "housing@magna.example"
CLIENT_STATE = "client-state-3f9a1c7e5b"
JANE = "jane.resident@example.com"
PATH = "/webhooks/graph"
HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def fake_graph(monkeypatch) -> Iterator[FakeGraph]:
    fake = FakeGraph(mailbox=MAILBOX).start()
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", fake.ca_file)  # its sign-in is HTTPS, as MSAL wants
    yield fake
    fake.stop()


def graph_settings(settings, fake: FakeGraph, **changes: Any):
    return settings.with_overrides(
        graph_tenant_id="bb8775a4-4d8c-42cf-a1d4-4d58c2bb668f",
        graph_client_id="0f1e2d3c-aaaa-bbbb-cccc-1234567890ab",
        graph_client_secret="app-secret-value",
        graph_mailbox=MAILBOX,
        graph_client_state=CLIENT_STATE,
        graph_api_base_url=fake.api_url,
        graph_login_base_url=fake.login_url,
        **changes,
    )


@pytest.fixture
def graph(settings, clock, container: Container, fake_graph: FakeGraph) -> Iterator[Container]:
    """A container with email over Graph configured (same database and Redis)."""
    built = build(graph_settings(settings, fake_graph), clock=clock)
    jobs.install(built)
    yield built
    jobs.install(container)
    built.close()


@pytest.fixture
def graph_jobs(graph: Container) -> Any:
    """Run every queued job to completion with the email-enabled container."""

    def run() -> int:
        jobs.install(graph)
        worker = Worker(
            [graph.dispatcher.queues[name] for name in ALL_QUEUES],
            connection=graph.redis,
            serializer=JSONSerializer,
        )
        worker.work(burst=True, logging_level="WARNING")
        return sum(graph.dispatcher.queue_lengths().values())

    return run


@pytest.fixture
def mail_client(graph: Container) -> Any:
    app = create_app(container=graph)
    app.config["TESTING"] = True
    return app.test_client()


def resident_mail(graph_id: str, text: str, *, sender: str = JANE, **changes: Any) -> dict:
    """A documented Graph message (tests/fixtures/graph/message_resident.json), changed."""
    message = json.loads((FIXTURES / "message_resident.json").read_text())
    message.update(
        id=graph_id,
        internetMessageId=f"<{graph_id.strip('=')}@mail.example.com>",
        body={"contentType": "text", "content": text},
        attachments=[],
        internetMessageHeaders=[],
        **{"from": {"emailAddress": {"address": sender}}, "sender": None},
    )
    message.update(changes)
    return message


def notification(graph_id: str, state: str = CLIENT_STATE) -> dict:
    return {
        "subscriptionId": "7f105c7d-2dc5-4530-97cd-4e7ae6534c07",
        "changeType": "created",
        "resource": f"Users/abc/Messages/{graph_id}",
        "resourceData": {"@odata.type": "#Microsoft.Graph.Message", "id": graph_id},
        "clientState": state,
        "tenantId": "bb8775a4-4d8c-42cf-a1d4-4d58c2bb668f",
    }


def notify(client, *graph_ids: str, state: str = CLIENT_STATE) -> Any:
    body = {"value": [notification(graph_id, state) for graph_id in graph_ids]}
    return client.post(PATH, data=json.dumps(body), content_type="application/json")


def rows(container: Container) -> list[EmailNotification]:
    with container.sessions() as session:
        return list(session.scalars(select(EmailNotification).order_by(EmailNotification.id)))


def contacts(container: Container) -> list[models.Contact]:
    with container.sessions() as session:
        return list(session.scalars(select(models.Contact).order_by(models.Contact.id)))


def outbound(container: Container) -> list[models.OutboundMessage]:
    with container.sessions() as session:
        return list(
            session.scalars(select(models.OutboundMessage).order_by(models.OutboundMessage.id))
        )


def receive(client, graph_jobs, fake_graph: FakeGraph, message: dict) -> models.Contact:
    """Deliver `message`, notify, run every job; the contact it became."""
    fake_graph.deliver(message)
    assert notify(client, message["id"]).status_code == 202
    graph_jobs()
    with_id = [c for c in contacts(jobs.container()) if c.provider_message_id == (
        message["internetMessageId"])]
    assert len(with_id) == 1, [(r.status, r.outcome) for r in rows(jobs.container())]
    return with_id[0]


# --- the webhook ----------------------------------------------------------------------------


def test_validation_handshake_echoes_the_decoded_token_as_plain_text(mail_client):
    response = mail_client.post(
        PATH + "?validationToken=Validation%3A%20Testing%20client%20application%20reachability"
    )
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == (
        "Validation: Testing client application reachability"
    )


def test_a_wrong_client_state_is_403_and_nothing_is_stored(mail_client, graph):
    body = {"value": [notification("AAMkAAA="), notification("AAMkBBB=", "guess")]}
    response = mail_client.post(PATH, data=json.dumps(body), content_type="application/json")
    assert response.status_code == 403
    assert rows(graph) == []
    assert graph.dispatcher.queue_lengths()["critical"] == 0


def test_without_email_configured_every_notification_is_refused(client, container):
    assert notify(client, "AAMkAAA=").status_code == 403
    assert rows(container) == []


@pytest.mark.parametrize(
    "body",
    [b"", b"{", b"[]", b'{"value": {}}', b'{"value": [null]}', b'{"value": [{"resourceData": 1}]}'],
)
def test_malformed_notifications_are_400_with_a_message(mail_client, graph, body):
    response = mail_client.post(PATH, data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json["error"]["message"]
    assert rows(graph) == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=12,
)


@HYPOTHESIS
@given(body=st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()))
def test_hostile_bodies_get_a_4xx_never_a_500(mail_client, graph, body):
    response = mail_client.post(PATH, data=body, content_type="application/json")
    assert response.status_code in (400, 403)


@HYPOTHESIS
@given(item=st.dictionaries(st.sampled_from(
    ["subscriptionId", "clientState", "changeType", "resourceData", "tenantId"]), json_values))
def test_hostile_notification_fields_get_a_4xx_and_store_nothing(mail_client, graph, item):
    response = mail_client.post(PATH, json={"value": [item]})
    assert response.status_code in (400, 403)
    assert rows(graph) == []


# --- in: from notification to contact -----------------------------------------------------


def test_gas_email_is_an_emergency_and_safety_advice_is_emailed_first(
    mail_client, graph, fake_graph, graph_jobs
):
    message = json.loads((FIXTURES / "message_resident.json").read_text())
    fake_graph.deliver(message)

    response = notify(mail_client, message["id"])

    assert response.status_code == 202
    [row] = rows(graph)
    assert row.status == "pending"  # stored before the answer; fetched by the job
    graph_jobs()
    [contact] = contacts(graph)
    assert contact.channel == "email" and contact.category == "emergency"
    assert contact.sender == JANE and contact.subject == "Gas smell in the hallway"
    assert rows(graph)[0].status == "received" and rows(graph)[0].contact_id == contact.id
    [fetch] = [r for r in fake_graph.requests_to("GET", "/messages/")
               if "/attachments" not in r.path]  # the media job fetches the photo itself
    assert fetch.headers["prefer"] == 'outlook.body-content-type="text"'
    assert "internetMessageId" in fetch.query["$select"]
    first = fake_graph.sent[0]
    assert "0800 111 999" in first["body"]["content"]  # the gas safety advice
    assert first["toRecipients"] == [{"emailAddress": {"address": JANE}}]
    assert contact.reference in first["subject"]
    assert first["singleValueExtendedProperties"][0]["value"] == message["internetMessageId"]
    assert first["internetMessageHeaders"] == [
        {"name": "X-Auto-Response-Suppress", "value": "OOF, AutoReply"}  # no OOF mail loops
    ]
    advice = next(o for o in outbound(graph) if o.kind == "safety_advice")
    assert advice.status == "sent" and advice.transport == "graph"
    assert advice.provider_message_id == first["internetMessageId"]
    assert fake_graph.tokens_issued == 1  # the token is cached between calls


def test_duplicate_notifications_create_nothing(mail_client, graph, fake_graph, graph_jobs):
    graph_id = fake_graph.deliver(resident_mail("AAMkDUP=", "The bathroom tap is dripping"))

    assert notify(mail_client, graph_id, graph_id).status_code == 202
    assert notify(mail_client, graph_id).status_code == 202
    graph_jobs()
    assert notify(mail_client, graph_id).status_code == 202
    graph_jobs()

    assert len(rows(graph)) == 1
    assert len(contacts(graph)) == 1
    assert len(fake_graph.requests_to("GET", "/messages/")) == 1


def test_redis_down_at_notification_time_is_recovered_by_the_sweeper(
    settings, clock, graph, fake_graph, graph_jobs
):
    graph_id = fake_graph.deliver(resident_mail("AAMkRED=", "I can smell gas in my kitchen"))
    down = graph_settings(settings, fake_graph, redis_url="redis://127.0.0.1:1/0")
    outage = build(down, clock=clock)
    try:
        response = notify(create_app(container=outage).test_client(), graph_id)
    finally:
        outage.close()

    assert response.status_code == 202  # stored: Graph must not keep retrying
    assert rows(graph)[0].status == "pending" and graph_jobs() == 0 and contacts(graph) == []
    clock.advance(seconds=graph.settings.stale_after_seconds + 1)
    assert graph.email.sweep() == 1
    graph_jobs()
    [contact] = contacts(graph)
    assert contact.category == "emergency"


def test_graph_rate_limits_and_server_errors_on_fetch_are_retried(
    mail_client, graph, fake_graph, graph_jobs
):
    graph_id = fake_graph.deliver(resident_mail("AAMkRTY=", "Front door lock is broken"))
    notify(mail_client, graph_id)
    [row] = rows(graph)
    fake_graph.fail_next(
        GraphFailure(429, "TooManyRequests", "/messages/", headers={"Retry-After": "7"})
    )
    fake_graph.fail_next(GraphFailure(503, "ServiceUnavailable", "/messages/"))

    with pytest.raises(ChannelUnavailable) as limited:
        graph.email.fetch(row.id)
    assert limited.value.retry_after == 7
    with pytest.raises(ChannelUnavailable):
        graph.email.fetch(row.id)
    assert rows(graph)[0].status == "pending" and rows(graph)[0].attempts == 2

    graph.email.fetch(row.id)
    assert rows(graph)[0].status == "received"
    assert len(contacts(graph)) == 1


def test_a_fetch_that_keeps_failing_is_flagged_for_a_person(mail_client, graph, fake_graph):
    graph_id = fake_graph.deliver(resident_mail("AAMkBAD=", "Help"))
    notify(mail_client, graph_id)
    [row] = rows(graph)
    fake_graph.fail_next(GraphFailure(500, path_contains="/messages/"), MAX_FETCH_ATTEMPTS)

    for _ in range(MAX_FETCH_ATTEMPTS):
        with pytest.raises(ChannelUnavailable):
            graph.email.fetch(row.id)

    [flagged] = rows(graph)
    assert flagged.status == "needs_attention" and "HTTP 500" in flagged.outcome
    graph.email.fetch(row.id)  # no longer fetched automatically
    assert contacts(graph) == []
    metrics = mail_client.get("/metrics").get_data(as_text=True)
    assert 'contact_hub_email_messages{status="needs_attention"} 1' in metrics


def test_a_message_graph_no_longer_has_is_flagged_not_retried(mail_client, graph, fake_graph):
    notify(mail_client, "AAMkGONE=")
    [row] = rows(graph)
    graph.email.fetch(row.id)
    assert rows(graph)[0].status == "needs_attention"
    assert "ErrorItemNotFound" in rows(graph)[0].outcome


@pytest.mark.parametrize(
    ("fixture", "reason"),
    [("message_auto_reply.json", "auto_reply"), ("message_bounce.json", "bounce")],
)
def test_auto_replies_and_bounces_are_recorded_not_routed(
    mail_client, graph, fake_graph, graph_jobs, fixture, reason
):
    message = json.loads((FIXTURES / fixture).read_text())
    fake_graph.deliver(message)
    notify(mail_client, message["id"])
    graph_jobs()
    [row] = rows(graph)
    assert row.status == "ignored" and row.outcome == reason
    assert row.internet_message_id == message["internetMessageId"]
    assert contacts(graph) == [] and fake_graph.sent == []


# --- threading ------------------------------------------------------------------------------


def test_a_reply_with_the_reference_threads_and_a_stranger_quoting_it_does_not(
    mail_client, graph, fake_graph, graph_jobs, clock
):
    damp = resident_mail("AAMk001=", "Damp in bedroom")
    first = receive(mail_client, graph_jobs, fake_graph, damp)
    clock.advance(days=20)  # past the 14-day window that would join any later message
    reply = receive(mail_client, graph_jobs, fake_graph, resident_mail(
        "AAMk002=", "Still damp", sender="Jane.Resident@EXAMPLE.com",
        subject=f"RE: Re: Damp in bedroom [{first.reference}]",
    ))
    stranger = receive(mail_client, graph_jobs, fake_graph, resident_mail(
        "AAMk003=", "Please look at this", sender="mallory@example.net",
        subject=f"Fwd: Re: Damp in bedroom [{first.reference}]",
    ))
    unrelated = receive(mail_client, graph_jobs, fake_graph, resident_mail(
        "AAMk004=", "New problem: broken window", subject="Broken window"
    ))

    assert reply.conversation_id == first.conversation_id
    assert stranger.conversation_id != first.conversation_id
    assert stranger.customer_id != first.customer_id
    assert unrelated.conversation_id == reply.conversation_id  # her latest open one


def test_a_reply_to_our_email_threads_by_in_reply_to_for_its_sender_only(
    mail_client, graph, fake_graph, graph_jobs, clock
):
    first = receive(mail_client, graph_jobs, fake_graph, resident_mail("AAMk011=", "Leak"))
    [ack] = [o for o in outbound(graph) if o.kind == "acknowledgement"]
    assert ack.status == "sent" and ack.provider_message_id.startswith("<ch-")
    clock.advance(days=30)
    headers = [{"name": "In-Reply-To", "value": ack.provider_message_id}]
    reply = receive(mail_client, graph_jobs, fake_graph, resident_mail(
        "AAMk012=", "Any news?", subject="Re: Your message", internetMessageHeaders=headers
    ))
    forwarded = receive(mail_client, graph_jobs, fake_graph, resident_mail(
        "AAMk013=", "Any news?", sender="neighbour@example.org", subject="Re: Your message",
        internetMessageHeaders=headers,
    ))

    assert reply.conversation_id == first.conversation_id
    assert forwarded.conversation_id != first.conversation_id
    last = fake_graph.sent[-2]  # our answer to Jane's reply threads under it
    assert last["singleValueExtendedProperties"][0]["value"] == reply.provider_message_id
    assert first.reference not in last["subject"] and reply.reference in last["subject"]


# --- out ------------------------------------------------------------------------------------


def queued_ack(mail_client, graph, fake_graph, graph_jobs) -> models.OutboundMessage:
    fake_graph.fail_next(GraphFailure(503, path_contains="/sendMail"))
    receive(mail_client, graph_jobs, fake_graph, resident_mail("AAMkOUT=", "Fence panel down"))
    [ack] = [o for o in outbound(graph) if o.kind == "acknowledgement"]
    assert ack.status == "queued"  # the first attempt met a 503 and waits for its retry
    return ack


def test_a_refused_email_is_failed_with_a_clear_reason(mail_client, graph, fake_graph, graph_jobs):
    ack = queued_ack(mail_client, graph, fake_graph, graph_jobs)
    fake_graph.fail_next(GraphFailure(400, "ErrorInvalidRecipients", "/sendMail"))

    graph.outbox.send(ack.id)

    [ack] = [o for o in outbound(graph) if o.id == ack.id]
    assert ack.status == "failed" and ack.error_code == "ErrorInvalidRecipients"
    assert "malformed" in ack.error_message and JANE not in ack.error_message


def test_a_rate_limited_email_stays_queued_and_is_sent_later(
    mail_client, graph, fake_graph, graph_jobs
):
    ack = queued_ack(mail_client, graph, fake_graph, graph_jobs)
    fake_graph.fail_next(GraphFailure(429, "ApplicationThrottled", "/sendMail",
                                      headers={"Retry-After": "30"}))
    graph.outbox.send(ack.id)  # throttled: the retry is scheduled after Graph's Retry-After

    registry = ScheduledJobRegistry(ack.priority, connection=graph.redis)
    waits = {job_id: registry.get_scheduled_time(job_id) for job_id in registry.get_job_ids()}
    assert waits[f"send-{ack.id}-r2"] == graph.clock() + timedelta(seconds=30)
    graph.outbox.send(ack.id)  # that retry, when due

    [ack] = [o for o in outbound(graph) if o.id == ack.id]
    assert ack.status == "sent"
    assert len(fake_graph.requests_to("POST", "/sendMail")) == 3


def test_an_email_send_that_times_out_is_unknown_and_never_resent(
    mail_client, graph, fake_graph, graph_jobs
):
    ack = queued_ack(mail_client, graph, fake_graph, graph_jobs)
    assert graph.email.graph is not None
    graph.email.graph.api.timeout = 0.5
    fake_graph.fail_next(GraphFailure(202, path_contains="/sendMail", delay=1.5))

    graph.outbox.send(ack.id)
    graph.outbox.send(ack.id)

    [ack] = [o for o in outbound(graph) if o.id == ack.id]
    assert ack.status == "unknown"
    assert len(fake_graph.requests_to("POST", "/sendMail")) == 2  # the 503, then the timeout


def test_complaint_letters_to_a_resident_who_prefers_email_go_by_email(graph, fake_graph):
    client = create_app(container=graph).test_client()
    agent = {"Authorization": "Bearer " + graph.tokens.create("handler", "Priya")}
    resident = {"name": "Jane", "email": JANE, "preferred_channel": "email"}
    case = client.post("/api/v1/complaints", headers=agent, json={
        "resident": resident, "channel": "phone", "text": "Nobody came to fix my boiler.",
    }).get_json()
    acknowledged = client.post(
        f"/api/v1/complaints/{case['reference']}/acknowledge", headers=agent,
        json={"handler": {"id": "h-1", "name": "Ayesha"}, "understanding": "Missed repairs",
              "outcomes_sought": ["boiler fixed"]},
    )
    assert acknowledged.status_code == 200, acknowledged.get_json()

    [letter] = outbound(graph)
    assert letter.channel == "email" and letter.status == "queued"  # not "send it by hand"
    graph.outbox.send(letter.id)
    [sent] = fake_graph.sent
    assert sent["toRecipients"] == [{"emailAddress": {"address": JANE}}]
    assert sent["subject"] == letter.body.split("\n", 1)[0]


def test_without_email_configured_acknowledgements_are_simulated(container, run_jobs, clock):
    message = InboundMessage(
        channel=Channel.EMAIL, provider_message_id="<tap@mail.example.com>", sender=JANE,
        recipient=MAILBOX, text="Tap dripping", received_at=clock(), raw={},
    )
    intake = container.inbound.receive(message, answer_inline=False)
    run_jobs()
    [ack] = [o for o in outbound(container) if o.contact_id == intake.contact_id]
    assert ack.channel == "email" and ack.status == "simulated" and ack.transport == "dry_run"


# --- subscription upkeep and catch-up -------------------------------------------------------


def test_subscription_is_created_then_renewed_before_it_expires(graph, fake_graph, clock):
    upkeep = graph.email_subscription
    assert upkeep is not None and upkeep.keep_alive in graph.periodic

    assert upkeep.keep_alive() == "created"
    [created] = [dict(found) for found in fake_graph.subscriptions.values()]
    assert created["notificationUrl"] == PUBLIC_BASE + "/webhooks/graph"
    assert created["resource"] == f"users/{MAILBOX}/mailFolders('inbox')/messages"
    assert created["changeType"] == "created" and created["clientState"] == CLIENT_STATE
    assert upkeep.keep_alive() == "current"
    assert len(fake_graph.requests_to("POST", "/subscriptions")) == 1

    clock.advance(hours=60)  # within a day of the ~70-hour expiry
    assert upkeep.keep_alive() == "renewed"
    [renewal] = fake_graph.requests_to("PATCH", "/subscriptions/")
    assert renewal.body["expirationDateTime"] > created["expirationDateTime"]
    assert upkeep.keep_alive() == "current"

    fake_graph.subscriptions.clear()  # Graph dropped it
    clock.advance(hours=60)
    assert upkeep.keep_alive() == "created"
    with graph.sessions() as session:
        state = session.get(EmailMailboxState, MAILBOX)
        assert state is not None and state.subscription_id in fake_graph.subscriptions


def test_a_missed_notification_is_caught_by_the_catch_up_poll(
    mail_client, graph, fake_graph, graph_jobs, clock
):
    graph_id = fake_graph.deliver(resident_mail("AAMkMISS=", "There is water coming through"
                                                " the ceiling light"))
    assert graph.email.catch_up in graph.periodic

    assert graph.email.catch_up() == 1
    graph_jobs()
    assert len(contacts(graph)) == 1
    assert graph.email.catch_up() == 0  # polled a moment ago: Graph not asked again
    assert len(fake_graph.requests_to("GET", "/mailFolders/inbox/messages")) == 1
    assert notify(mail_client, graph_id).status_code == 202  # the late notification
    clock.advance(minutes=6)
    assert graph.email.catch_up() == 0
    graph_jobs()
    assert len(contacts(graph)) == 1 and len(rows(graph)) == 1


def test_a_throttled_catch_up_poll_asks_again_only_after_graphs_retry_after(
    graph, fake_graph, clock
):
    fake_graph.deliver(resident_mail("AAMkWAIT=", "The lift has been stuck since Friday"))
    fake_graph.fail_next(GraphFailure(429, "ApplicationThrottled", "/mailFolders/inbox/messages",
                                      headers={"Retry-After": "120"}))
    with pytest.raises(ChannelUnavailable):  # the worker logs it; the wait is kept
        graph.email.catch_up()

    clock.advance(seconds=119)
    assert graph.email.catch_up() == 0  # every tick until then leaves Graph alone
    assert len(fake_graph.requests_to("GET", "/mailFolders/inbox/messages")) == 1
    clock.advance(seconds=1)
    assert graph.email.catch_up() == 1
    assert len(rows(graph)) == 1


def test_catch_up_follows_graph_paging(graph, fake_graph, graph_jobs):
    for number in range(55):  # more than one page of 50
        fake_graph.deliver(resident_mail(f"AAMkP{number:02d}=", f"Bin store door {number}",
                                         receivedDateTime=f"2026-11-23T08:{number:02d}:00Z"))
    assert graph.email.catch_up() == 55
    assert len(fake_graph.requests_to("GET", "/mailFolders/inbox/messages")) == 2
    with graph.sessions() as session:
        assert session.scalar(select(func.count()).select_from(EmailNotification)) == 55
        state = session.get(EmailMailboxState, MAILBOX)
        assert state is not None and state.last_received_at.minute == 54


def test_email_check_reports_each_step_without_secrets(settings, fake_graph, clock):
    graph = build_graph(graph_settings(settings, fake_graph))
    assert graph is not None

    assert check_mailbox(graph, clock()) == [
        ("token", True, "client credentials accepted"),
        ("mailbox", True, "inbox readable (0 in the last day)"),
    ]
    fake_graph.fail_next(GraphFailure(403, "ErrorAccessDenied", "/mailFolders/"))
    [_, (step, passed, detail)] = check_mailbox(graph, clock())
    assert (step, passed) == ("mailbox", False)
    assert "ErrorAccessDenied" in detail and "app-secret-value" not in detail
    fake_graph.fail_next(GraphFailure(400, "invalid_client", "/oauth2/"))
    fresh = build_graph(graph_settings(settings, fake_graph))  # no cached token
    assert fresh is not None
    [(step, passed, _)] = check_mailbox(fresh, clock())  # e.g. a revoked secret
    assert (step, passed) == ("token", False)


def graph_api(fake: FakeGraph, **changes: Any) -> GraphApi:
    options: dict[str, Any] = {
        "tenant_id": "tenant", "client_id": "client", "client_secret": "s3cret",
        "mailbox": MAILBOX, "api_base_url": fake.api_url, "login_base_url": fake.login_url,
    }
    return GraphApi(**{**options, **changes})


def test_msal_signs_in_at_the_configured_authority_caches_and_drops_the_token_on_401(fake_graph):
    api = graph_api(fake_graph)
    assert fake_graph.requests == []  # nothing fetched until a token is needed

    assert api.token() == api.token() == "token-1"  # MSAL's token cache
    [discovery] = fake_graph.requests_to("GET", "/.well-known/openid-configuration")
    assert discovery.path == "/login/tenant/v2.0/.well-known/openid-configuration"
    [issued] = fake_graph.requests_to("POST", "/oauth2/v2.0/token")
    assert issued.path == "/login/tenant/oauth2/v2.0/token"
    assert issued.body["scope"] == "https://graph.microsoft.com/.default"
    assert issued.body["client_id"] == "client" and issued.body["client_secret"] == "s3cret"

    fake_graph.fail_next(GraphFailure(401, "InvalidAuthenticationToken", "/mailFolders/"))
    with pytest.raises(ChannelUnavailable):
        api.inbox_since(datetime(2026, 11, 23, tzinfo=UTC))
    assert api.inbox_since(datetime(2026, 11, 23, tzinfo=UTC)) == []  # with a fresh token
    assert fake_graph.tokens_issued == 2


def test_msal_signs_in_with_a_certificate_instead_of_a_secret(fake_graph):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "contact-hub")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(1)
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode() + certificate.public_bytes(serialization.Encoding.PEM).decode()
    thumbprint = certificate.fingerprint(hashes.SHA1()).hex().upper()  # noqa: S303 - Entra's

    api = graph_api(fake_graph, client_secret=None, certificate=(pem, thumbprint))

    assert api.token() == "token-1"
    [assertion] = fake_graph.assertions
    claims = jwt.decode(assertion, key.public_key(), algorithms=["RS256", "PS256"],
                        options={"verify_aud": False})
    assert claims["iss"] == claims["sub"] == "client"
    [issued] = fake_graph.requests_to("POST", "/oauth2/v2.0/token")
    assert "client_secret" not in issued.body


def test_sign_in_failures_are_mapped_at_the_edge(fake_graph):
    fake_graph.fail_next(GraphFailure(400, "invalid_client", "/oauth2/"))
    refused = graph_api(fake_graph)
    with pytest.raises(ChannelRejected) as wrong_secret:
        refused.token()
    assert wrong_secret.value.code == "invalid_client" and "s3cret" not in str(wrong_secret.value)

    fake_graph.fail_next(GraphFailure(503, "temporarily_unavailable", "/oauth2/"))
    with pytest.raises(ChannelUnavailable):
        graph_api(fake_graph).token()

    fake_graph.fail_next(GraphFailure(404, "not_found", "/.well-known/"))
    with pytest.raises(ChannelUnavailable):  # the authority could not be discovered
        graph_api(fake_graph).token()

    unreachable = graph_api(fake_graph, login_base_url="https://127.0.0.1:9/login", timeout=2)
    with pytest.raises(ChannelUnavailable):
        unreachable.token()
