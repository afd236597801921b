"""The least a durable webhook can do, for bench/floor.py: check Twilio's signature, write
the raw form in ONE autocommitted INSERT (no customer, no routing preview, no Redis) and
answer the same TwiML. Not the product: a floor to compare the real intake against."""

from __future__ import annotations

import json
import os
import threading

import psycopg
from flask import Flask, Response, request
from twilio.request_validator import RequestValidator

app = Flask(__name__)
TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response />'
VALIDATOR = RequestValidator(os.environ["TWILIO_AUTH_TOKEN"])
DSN = os.environ["DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://")
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
    _connection().execute(
        "INSERT INTO bench_floor (sid, form) VALUES (%s, %s) ON CONFLICT DO NOTHING",
        (request.form["MessageSid"], json.dumps(request.form.to_dict())),
    )
    return Response(TWIML, mimetype="application/xml")
