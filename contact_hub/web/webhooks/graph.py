"""Microsoft Graph change notifications for the shared mailbox: verify, store, 202.

Graph wants an answer within 3 seconds, so nothing is fetched here: each notified
message is stored first and fetched by a job.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from channels import graph_mail
from contact_hub.metrics import count_webhook
from contact_hub.web.context import container
from contact_hub.web.webhooks.signing import graph_client_state, signed

bp = Blueprint("graph", __name__, url_prefix="/webhooks")

MAX_VALIDATION_TOKEN = 2000


@bp.post("/graph")
@signed("email", graph_client_state)
def notifications() -> Response:
    """The subscription's validation handshake, or a batch of new-mail notifications."""
    if "validationToken" in request.args:
        # Graph checks the URL when subscribing: echo the (decoded) token, as plain text.
        token = request.args["validationToken"][:MAX_VALIDATION_TOKEN]
        return Response(
            token, status=200, mimetype="text/plain", headers={"X-Content-Type-Options": "nosniff"}
        )
    services = container()
    with services.dispatcher.one_round_trip():
        found = graph_mail.parse_notifications(request.get_data(cache=True))  # checked
        created = services.email.accept(found)
        count_webhook(services.dispatcher, "email", "accepted" if created else "duplicate")
    return Response(status=202)
