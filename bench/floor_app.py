"""The least a durable webhook can do, for bench/floor.py: check Twilio's signature, write
the raw form in ONE autocommitted INSERT and answer the same TwiML. Not the product: a
floor to read the real intake against.

FLOOR_STEPS adds the intake's other per-request work, one step at a time, to see what each
costs: `parse` (our Twilio adapter and phone normalisation), `preview` (the router's
safety preview), `redis` (a one-command hand-off to the worker).
"""

from __future__ import annotations

import json
import os
import threading

import psycopg
from flask import Flask, Response, request
from redis import Redis
from twilio.request_validator import RequestValidator

import routing
from channels import twilio_sms
from contact_hub.clock import system_clock
from contact_hub.services.contacts.identities import sender_key

app = Flask(__name__)
TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response />'
VALIDATOR = RequestValidator(os.environ["TWILIO_AUTH_TOKEN"])
DSN = os.environ["DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://")
STEPS = set(filter(None, os.environ.get("FLOOR_STEPS", "").split(",")))
ROUTER = routing.Router(routing.load_safety_advice(None))
REDIS = Redis.from_url(os.environ["REDIS_URL"])
_local = threading.local()


def _connection() -> psycopg.Connection:
    if getattr(_local, "connection", None) is None:
        _local.connection = psycopg.connect(DSN, autocommit=True)
    return _local.connection  # bench/floor.py created the table


@app.post("/webhooks/twilio/sms")
def sms() -> Response:
    if not VALIDATOR.validate(request.url, request.form,
                              request.headers.get("X-Twilio-Signature", "")):
        return Response(status=403)
    text = request.form.get("Body", "")
    if "parse" in STEPS:
        message = twilio_sms.parse_sms(request.form, system_clock())
        sender_key(message.channel, message.sender)
        text = message.text
    if "preview" in STEPS:
        ROUTER.route(routing.Message(text=text, channel="sms"))
    _connection().execute(
        "INSERT INTO bench_floor (sid, form) VALUES (%s, %s) ON CONFLICT DO NOTHING",
        (request.form["MessageSid"], json.dumps(request.form.to_dict())),
    )
    if "redis" in STEPS:
        REDIS.lpush("bench_floor", request.form["MessageSid"])
    return Response(TWIML, mimetype="application/xml")
