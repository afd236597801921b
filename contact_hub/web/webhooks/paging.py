"""TwiML for paging calls to on-call staff: read the alert, press 1 to acknowledge."""

from __future__ import annotations

from flask import Blueprint, Response, request

from channels import twilio_paging
from contact_hub.domain.alerts import messages as say
from contact_hub.web.context import container
from contact_hub.web.webhooks.signing import signed, twilio_signature

bp = Blueprint("twilio_paging", __name__, url_prefix="/webhooks/twilio/voice/page")

TWIML = "text/xml"


@bp.post("/<key>")
@signed("voice_page", twilio_signature)
def page(key: str) -> Response:
    """Twilio fetches this when the person paged answers."""
    return _script(key)


def _script(key: str) -> Response:
    found = container().escalation.voice_page(key)
    if found is None:
        return Response(twilio_paging.said("This alert could not be found."), mimetype=TWIML)
    if not found.open:
        text = f"Alert {found.alert_id} is already acknowledged by {found.acknowledged_by}."
        return Response(twilio_paging.said(text), mimetype=TWIML)
    base = container().settings.public_base_url or request.host_url
    action = f"{base.rstrip('/')}{bp.url_prefix}/{key}/ack"
    twiml = twilio_paging.page_twiml(found.script, say.voice_prompt(), action)
    return Response(twiml, mimetype=TWIML)


@bp.post("/<key>/ack")
@signed("voice_page", twilio_signature)
def acknowledge(key: str) -> Response:
    """The key pressed during a paging call."""
    if request.form.get("Digits", "").strip() != say.VOICE_ACK_DIGIT:
        return _script(key)  # another key: read it again
    outcome = container().escalation.voice_acknowledge(key)
    if outcome is None:
        return Response(twilio_paging.said("This alert could not be found."), mimetype=TWIML)
    text = (f"Alert {outcome.alert_id} acknowledged. Paging has stopped. Thank you."
            if outcome.changed else f"Alert {outcome.alert_id} was already acknowledged.")
    return Response(twilio_paging.said(text), mimetype=TWIML)
