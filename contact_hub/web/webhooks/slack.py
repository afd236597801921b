"""Slack interactivity: signed (403 otherwise), answer at once, act in a job."""

from __future__ import annotations

from flask import Blueprint, Response, request

from channels import slack
from contact_hub import job_names
from contact_hub.metrics import count_webhook
from contact_hub.queueing import JobRequest
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError
from contact_hub.web.webhooks.signing import signed, slack_signature

bp = Blueprint("slack", __name__, url_prefix="/webhooks/slack")


@bp.post("/interactions")
@signed("slack", slack_signature)
def interactions() -> Response:
    """Acknowledge/Resolve clicks. Slack wants an answer within 3 seconds."""
    services = container()
    body = request.get_data(cache=True)
    try:
        click = slack.parse_interaction(body)
    except slack.InteractionInvalid as error:
        raise ApiError(400, str(error)) from None
    if click is not None:
        services.dispatcher.enqueue_all([JobRequest(
            func=job_names.SLACK_INTERACTION,
            args=(click.action.value, click.alert_id, click.user_id, click.user_name),
            # the timestamp as the number the signature check read ("+1733...", " 1733..."
            # pass it too, and RQ refuses those characters in a job id)
            job_id=f"slack-click-{int(request.headers.get('X-Slack-Request-Timestamp', '0'))}"
                   f"-{click.user_id}-{click.action.value}"[:120],
            queue="critical")])
    count_webhook(services.dispatcher, "slack", "accepted")
    return Response(status=200)
