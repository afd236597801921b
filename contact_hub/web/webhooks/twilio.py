"""Twilio webhooks for SMS: verify, parse, record, answer with TwiML. Nothing else inline."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, request
from redis.exceptions import RedisError

from channels import twilio_sms
from channels.base import PayloadInvalid
from contact_hub.metrics import count_webhook
from contact_hub.services.contacts.spill import SpilledRequest
from contact_hub.web.context import container, public_url
from contact_hub.web.webhooks.signing import signed, twilio_signature

bp = Blueprint("twilio", __name__, url_prefix="/webhooks/twilio")

TWIML = "application/xml"
logger = logging.getLogger(__name__)


def spill_if_database_down(
    kind: str, answer: Callable[[], Response]
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """While the database is unreachable, keep the (verified) request in the spill and
    give Twilio `answer()`, the answer it would normally get; 503 only when Redis is down
    too (Twilio then calls the fallback URL). See services/spill.py."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return view(*args, **kwargs)
            except container().database_faults.from_driver:
                services = container()
                form = request.form
                spilled = SpilledRequest(
                    kind=kind, url=public_url(), body=urlencode(list(form.items(multi=True))),
                    signature=request.headers.get("X-Twilio-Signature", ""),
                    received_at=services.clock(),
                    key=str(form.get("MessageSid") or form.get("RecordingSid")
                            or form.get("CallSid") or ""))
                try:
                    services.spill.keep(spilled)
                except RedisError:
                    logger.error("database and Redis unavailable: webhook refused kind=%s", kind)
                    return Response("Service unavailable, try again later.", status=503,
                                    headers={"Retry-After": "30"}, mimetype="text/plain")
                return answer()

        return wrapper

    return decorate


def _sms_answer_while_spilled() -> Response:
    services = container()
    message = twilio_sms.parse_sms(request.form, services.clock())
    reply = services.inbound.answer_while_spilled(message)
    return Response(twilio_sms.twiml_reply(reply), mimetype=TWIML)


@bp.post("/sms")
@signed("sms", twilio_signature)
@spill_if_database_down("sms", _sms_answer_while_spilled)
def inbound_sms() -> Response:
    """A resident's SMS/MMS (or WhatsApp via Twilio)."""
    services = container()
    try:
        message = twilio_sms.parse_sms(request.form, services.clock())
    except PayloadInvalid:
        count_webhook(services.dispatcher, "sms", "bad_request")
        raise
    with services.dispatcher.one_round_trip():
        intake = services.inbound.receive(message)
        count_webhook(services.dispatcher, "sms", "duplicate" if intake.duplicate else "accepted")
    return Response(twilio_sms.twiml_reply(intake.immediate_reply), mimetype=TWIML)


@bp.post("/sms/status")
@signed("sms_status", twilio_signature)
def sms_status() -> Response:
    """Delivery callbacks for messages we sent: move the outbox row forwards."""
    sid = request.form.get("MessageSid", "").strip()
    status = request.form.get("MessageStatus", "").strip().lower()
    if not sid or not status:
        raise PayloadInvalid("MessageSid and MessageStatus: required")
    container().outbox.record_delivery(sid, status, request.form.get("ErrorCode") or None)
    return Response(status=204)
