"""Meta webhooks (Messenger, Instagram, WhatsApp): the subscription handshake, then signed
event deliveries. Verify, parse, record, answer 200 at once; routing happens in jobs."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, Response, request

from channels import meta
from channels.base import PayloadInvalid
from contact_hub.metrics import count_webhook
from contact_hub.services.contacts.meta import BatchOutcome, receive_batch
from contact_hub.web.context import container
from contact_hub.web.errors import RETRY_AFTER_SECONDS
from contact_hub.web.webhooks.signing import meta_signature, signed

bp = Blueprint("meta", __name__, url_prefix="/webhooks/meta")

TEXT = "text/plain"


@bp.get("")
def subscribe() -> Response:
    """Meta's verification request: echo hub.challenge if hub.verify_token is ours."""
    services = container()
    try:
        challenge = meta.subscription_challenge(services.settings.meta_verify_token, request.args)
    except meta.SubscriptionRefused as refused:
        count_webhook(services.dispatcher, "meta", "forbidden")
        return Response(str(refused), status=403, mimetype=TEXT)
    return Response(challenge, mimetype=TEXT)


@bp.post("")
@signed("meta", meta_signature)
def events() -> Response:
    """A signed delivery of messages and statuses; Meta retries anything but a 200."""
    services = container()
    body = request.get_data()  # the raw bytes Meta signed, never re-serialised
    with services.dispatcher.one_round_trip():
        try:
            batch = meta.parse_webhook(body, services.clock())
        except PayloadInvalid:
            count_webhook(services.dispatcher, "meta", "bad_request")
            raise
        outcome = receive_batch(services.inbound, services.outbox, batch)
        _count(outcome)
    if outcome.failed:
        return Response("not all events stored; please retry", status=503, mimetype=TEXT,
                        headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    return Response("EVENT_RECEIVED", mimetype=TEXT)


def _count(outcome: BatchOutcome) -> None:
    """Count per event, not per request: one Meta delivery can carry many messages."""
    for name, number in asdict(outcome).items():
        for _ in range(number):
            count_webhook(container().dispatcher, "meta", name)
