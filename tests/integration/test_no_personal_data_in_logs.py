"""No personal data or secrets in logs: realistic traffic through the app (SMS, voice,
email, Meta, Slack, the API with ?customer=+44…, error paths, a database error, a
database outage) with the worker running every job, every log record of web and worker
captured at DEBUG (with library loggers as production sets them), then searched for the
exact phone numbers, email address, message texts and secrets used."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from rq.serializers import JSONSerializer
from sqlalchemy import text

from contact_hub import jobs, logconfig
from contact_hub.app import create_app
from contact_hub.bootstrap import Container, build
from contact_hub.clock import FrozenClock
from contact_hub.queueing import QUEUE_NAMES
from contact_hub.settings import Settings
from contact_hub.worker import Worker
from tests.fakes.graph_server import FakeGraph
from tests.fakes.slack_server import FakeSlack
from tests.fakes.twilio_server import FakeTwilio
from tests.helpers import AUTH_TOKEN, MOBILE, TwilioSigner, sms_form
from tests.integration.escalation_fixtures import SIGNING_SECRET, paging_settings, slack_click
from tests.integration.test_graph_email import graph_settings, notify, resident_mail
from tests.meta_helpers import APP_SECRET, VERIFY_TOKEN, messenger, post_signed

EMAIL = "jane.resident@example.com"
OTHER_MOBILE = "+447400999888"
METRICS_TOKEN = "metrics-token-never-logged-7f3a"
TEXTS = {
    "sms": "I can smell gas near the meter in the hallway",
    "sms2": "The kitchen tap has been dripping since Tuesday",
    "voice": "The hinge on my kitchen cupboard door has come loose",
    "meta": "Black mould is spreading across the bedroom ceiling",
    "email": "The communal door entry buzzer is broken again",
    "reply": "A plumber will visit you tomorrow between eight and twelve",
    "complaint": "Nobody turned up for the third appointment in a row",
}
VOICE = "/webhooks/twilio/voice"
CALL = "CA" + "7" * 32


@pytest.fixture
def fake_graph() -> Iterator[FakeGraph]:
    fake = FakeGraph(mailbox="housing@magna.example").start()
    yield fake
    fake.stop()


@pytest.fixture
def settings(settings: Settings, fake_slack: FakeSlack, fake_twilio: FakeTwilio,
             fake_graph: FakeGraph) -> Settings:
    """Every channel configured and really sending (to local fakes)."""
    return graph_settings(paging_settings(settings, fake_slack, fake_twilio), fake_graph,
                          meta_app_secret=APP_SECRET, meta_verify_token=VERIFY_TOKEN,
                          metrics_token=METRICS_TOKEN)


@pytest.fixture
def captured(caplog: pytest.LogCaptureFixture) -> Iterator[io.StringIO]:
    """Every record at DEBUG, formatted as the root handler formats it (tracebacks too);
    library loggers at the levels production gives them."""
    caplog.set_level(logging.DEBUG)
    for name, level in logconfig.QUIET_LOGGERS.items():
        caplog.set_level(level, logger=name)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logging.getLogger().addHandler(handler)
    yield stream
    logging.getLogger().removeHandler(handler)


def work(container: Container) -> None:
    """A worker runs every queued job, logging at DEBUG."""
    jobs.install(container)
    container.inbound.hand_off()
    worker = Worker([container.dispatcher.queues[name] for name in QUEUE_NAMES],
                          connection=container.redis, serializer=JSONSerializer)
    worker.work(burst=True, logging_level="DEBUG")
    for task in container.periodic:
        task()


def forbidden(signer: TwilioSigner, tokens: list[str]) -> dict[str, str]:
    """The exact values that must never reach a log line."""
    values = {
        "resident mobile": MOBILE, "resident mobile, national": "0" + MOBILE[3:],
        "resident mobile, digits": MOBILE[1:], "other mobile": OTHER_MOBILE,
        "other mobile, national": "0" + OTHER_MOBILE[3:], "email": EMAIL,
        "twilio auth token": AUTH_TOKEN, "slack signing secret": SIGNING_SECRET,
        "meta app secret": APP_SECRET, "meta verify token": VERIFY_TOKEN,
        "graph client secret": "app-secret-value", "graph client state":
        "client-state-3f9a1c7e5b", "metrics token": METRICS_TOKEN,
        "twilio signature": signer.headers("/webhooks/twilio/sms",
                                           sms_form(TEXTS["sms"]))["X-Twilio-Signature"],
    }
    values.update({f"text {k}": v for k, v in TEXTS.items()})
    values.update({f"api token {n}": token for n, token in enumerate(tokens)})
    return values


def test_no_phone_number_email_text_or_secret_reaches_any_log_line(
    container: Container, client: Any, twilio: TwilioSigner, fake_graph: FakeGraph,
    settings: Settings, clock: FrozenClock, captured: io.StringIO,
    caplog: pytest.LogCaptureFixture,
) -> None:
    agent_token = container.tokens.create("agent", "Priya")
    admin_token = container.tokens.create("admin", "Root")
    agent = {"Authorization": f"Bearer {agent_token}"}

    # SMS: an emergency, an ordinary request, STOP, a forged and a malformed request.
    twilio.post(client, "/webhooks/twilio/sms", sms_form(TEXTS["sms"], sid="SMlog1"))
    twilio.post(client, "/webhooks/twilio/sms",
                sms_form(TEXTS["sms2"], sender=OTHER_MOBILE, sid="SMlog2"))
    twilio.post(client, "/webhooks/twilio/sms", sms_form("STOP", sender=OTHER_MOBILE,
                                                         sid="SMlog3"))
    assert client.post("/webhooks/twilio/sms", data=sms_form(TEXTS["sms"], sid="SMlog4"),
                       headers={"X-Twilio-Signature": "forged"}).status_code == 403
    bad = sms_form(TEXTS["sms"], sid="SMlog5", NumMedia="lots")
    assert twilio.post(client, "/webhooks/twilio/sms", bad).status_code == 400

    # Voice: a call, the repairs option, a voicemail and its transcript.
    call = {"AccountSid": "AC" + "0" * 32, "CallSid": CALL, "From": MOBILE, "Caller": MOBILE,
            "To": "+448000000000", "CallStatus": "in-progress", "Direction": "inbound"}
    recording = {**call, "RecordingUrl": "https://api.twilio.com/rec/RE1",
                 "RecordingSid": "RE" + "1" * 32, "RecordingDuration": "9"}
    twilio.post(client, VOICE, call)
    twilio.post(client, f"{VOICE}/menu?attempt=1", {**call, "Digits": "2"})
    twilio.post(client, f"{VOICE}/recorded?option=repair", recording)
    twilio.post(client, f"{VOICE}/transcription?option=repair",
                {**recording, "TranscriptionText": TEXTS["voice"],
                 "TranscriptionStatus": "completed", "TranscriptionSid": "TR" + "3" * 32})

    # Meta: the subscription handshake (right and wrong token) and a message.
    handshake = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN,
                 "hub.challenge": "1158201444"}
    assert client.get("/webhooks/meta?" + urlencode(handshake)).status_code == 200
    wrong = {**handshake, "hub.verify_token": VERIFY_TOKEN + "x"}
    assert client.get("/webhooks/meta?" + urlencode(wrong)).status_code == 403
    assert post_signed(client, messenger(TEXTS["meta"])).status_code == 200

    # Email through Microsoft Graph.
    message = resident_mail("AAMkLOGTEST1=", TEXTS["email"], sender=EMAIL)
    fake_graph.deliver(message)
    assert notify(client, message["id"]).status_code == 202

    work(container)  # routing, acknowledgements, the alert's Slack card and pages

    # Slack: the on-call engineer acknowledges; the job runs.
    assert slack_click(client, "alert_acknowledge", 1).status_code == 200
    work(container)

    # The API: searches by phone and email, records, a reply, errors.
    for customer in (MOBILE, "0" + MOBILE[3:], EMAIL):
        listed = client.get("/api/v1/contacts?" + urlencode({"customer": customer}),
                            headers=agent)
        assert listed.status_code == 200
    contact_id = listed.get_json()["items"][0]["id"] if listed.get_json()["items"] else 1
    client.get(f"/api/v1/contacts/{contact_id}", headers=agent)
    client.get("/api/v1/customers/1", headers=agent)
    client.post("/api/v1/contacts/1/reply", json={"body": TEXTS["reply"]}, headers=agent)
    client.post("/api/v1/complaints", headers=agent, json={
        "resident": {"name": "Jane Resident", "phone": MOBILE, "email": EMAIL},
        "channel": "phone", "text": TEXTS["complaint"]})
    client.get("/api/v1/oncall", headers={"Authorization": f"Bearer {admin_token}"})
    client.get("/api/v1/contacts?customer=%00" + MOBILE, headers=agent)  # 400
    client.get("/api/v1/contacts/99999", headers=agent)  # 404
    client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}x"})  # 401
    work(container)

    # A database error mid-request (a table gone): the statement's parameters (the
    # resident's number, the reply's text) must not be in the error that is logged.
    with container.engine.begin() as connection:
        connection.execute(text("ALTER TABLE outbound_messages RENAME TO outbound_gone"))
    try:
        failed = client.post("/api/v1/contacts/1/reply", json={"body": TEXTS["reply"]},
                             headers={**agent, "Idempotency-Key": "log-test-2"})
        assert failed.status_code in (500, 503)
    finally:
        with container.engine.begin() as connection:
            connection.execute(text("ALTER TABLE outbound_gone RENAME TO outbound_messages"))

    # The database unreachable.
    down = build(settings.with_overrides(
        database_url="postgresql+psycopg://postgres@127.0.0.1:1/nowhere"), clock=clock)
    try:
        answer = create_app(container=down).test_client().get(
            "/api/v1/contacts?" + urlencode({"customer": MOBILE}), headers=agent)
        assert answer.status_code == 503
    finally:
        down.close()
        jobs.install(container)

    logged = captured.getvalue() + "\n" + caplog.text
    assert len(logged.splitlines()) > 100, "the traffic should have been logged"
    assert "rq.worker" in logged and "contact routed" in logged
    found = {name: value for name, value in forbidden(twilio, [agent_token, admin_token])
             .items() if value in logged}
    assert found == {}, _context(logged, found)


def _context(logged: str, found: dict[str, str]) -> str:
    lines = [line for line in logged.splitlines() if any(v in line for v in found.values())]
    return json.dumps(found) + "\n" + "\n".join(lines[:20])


def test_gunicorn_access_log_shows_the_path_but_no_query_string(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from datetime import timedelta
    from pathlib import Path
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    config, namespace = Config(), {}
    conf = Path(__file__).parents[2] / "gunicorn.conf.py"
    exec(compile(conf.read_text(), str(conf), "exec"), namespace)  # noqa: S102 - our own file
    for name in ("accesslog", "access_log_format"):
        config.set(name, namespace[name])
    query = urlencode({"customer": MOBILE, "hub.verify_token": VERIFY_TOKEN})
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"/api/v1/contacts?{query}",
               "PATH_INFO": "/api/v1/contacts", "QUERY_STRING": query,
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "10.0.0.1",
               "HTTP_REFERER": f"https://hub.example.org/?{query}"}
    response = SimpleNamespace(status="200 OK", sent=12, headers=[])

    Logger(config).access(response, SimpleNamespace(headers=[]), environ, timedelta(0, 0, 5))

    line = capsys.readouterr().out
    assert '"GET /api/v1/contacts HTTP/1.1" 200' in line
    assert MOBILE not in line and VERIFY_TOKEN not in line and "customer" not in line


def test_serve_request_log_shows_the_path_but_no_query_string(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import threading
    import urllib.request

    from werkzeug.serving import make_server
    from werkzeug.wrappers import Response

    caplog.set_level(logging.INFO, logger="werkzeug")
    server = make_server("127.0.0.1", 0, Response("ok"),
                         request_handler=logconfig.PathOnlyRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        query = urlencode({"customer": MOBILE, "hub.verify_token": VERIFY_TOKEN})
        url = f"http://127.0.0.1:{server.server_port}/api/v1/contacts?{query}"
        urllib.request.urlopen(url, timeout=5).read()  # noqa: S310 - our own local server
    finally:
        server.shutdown()
        thread.join()
    assert "GET /api/v1/contacts?…" in caplog.text
    assert MOBILE not in caplog.text and VERIFY_TOKEN not in caplog.text
