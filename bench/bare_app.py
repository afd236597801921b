"""The baseline for bench/ingest.py: a bare Flask endpoint returning the same TwiML."""

from flask import Flask, Response

app = Flask(__name__)
TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response />'


@app.post("/webhooks/twilio/sms")
def sms() -> Response:
    return Response(TWIML, mimetype="application/xml")
