"""One way every webhook checks that its provider sent it: the `signed` decorator.

Each provider signs differently, so each has a verifier: a function of the settings that
reads the current request and raises SignatureInvalid (or PayloadInvalid for a body that
cannot even be checked). The decorator runs it before the view, counts a refusal on the
channel's webhook metric, and lets the error handlers answer 403 (or 400) with nothing
stored. `tests/unit/test_webhooks_signed.py` checks that every webhook route carries it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import request

from channels import graph_mail, meta, repairs_system, slack, twilio_sms
from channels.base import PayloadInvalid, SignatureInvalid, VerificationNotConfigured
from contact_hub.metrics import count_webhook
from contact_hub.settings import Settings
from contact_hub.web.context import container, public_url

Verifier = Callable[[Settings], None]
View = Callable[..., Any]


def signed(channel: str, verify: Verifier) -> Callable[[View], View]:
    """Refuse (403, counted as forbidden on `channel`) a request `verify` does not accept."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            services = container()
            try:
                verify(services.settings)
            except SignatureInvalid:
                count_webhook(services.dispatcher, channel, "forbidden")
                raise
            except PayloadInvalid:
                count_webhook(services.dispatcher, channel, "bad_request")
                raise
            return view(*args, **kwargs)

        wrapper.signed_by = verify  # type: ignore[attr-defined]
        return wrapper

    return decorate


def twilio_signature(settings: Settings) -> None:
    """X-Twilio-Signature over the public URL and the form fields."""
    if request.mimetype != "application/x-www-form-urlencoded":
        raise PayloadInvalid("expected an application/x-www-form-urlencoded body")
    twilio_sms.verify_signature(
        settings.twilio_auth_token, public_url(), request.form,
        request.headers.get("X-Twilio-Signature", ""),
    )


def meta_signature(settings: Settings) -> None:
    """X-Hub-Signature-256: the app secret's HMAC of the raw bytes Meta sent."""
    meta.verify_signature(settings.meta_app_secret, request.get_data(cache=True),
                          request.headers.get("X-Hub-Signature-256", ""))


def slack_signature(settings: Settings) -> None:
    """X-Slack-Signature with its timestamp, over the raw body (stale after 5 minutes)."""
    slack.verify_request(settings.slack_signing_secret, request.get_data(cache=True),
                         dict(request.headers))


def graph_client_state(settings: Settings) -> None:
    """Graph signs nothing: each notification carries the clientState we gave it when
    subscribing. The subscription's validation handshake carries no notification."""
    if "validationToken" in request.args:
        return
    found = graph_mail.parse_notifications(request.get_data(cache=True))
    if not settings.graph_email_enabled:  # e.g. EMAIL_BACKEND=ews: Graph's ids mean nothing
        raise VerificationNotConfigured("email over Graph is not configured here")
    graph_mail.verify_client_state(found, settings.graph_client_state)


def repairs_signature(settings: Settings) -> None:
    """X-Signature with X-Signature-Timestamp (HMAC-SHA256 of `timestamp.body` under
    REPAIRS_SYSTEM_SECRET), within five minutes of our clock."""
    headers = {name: request.headers.get(name, "") for name in
               (repairs_system.TIMESTAMP_HEADER, repairs_system.SIGNATURE_HEADER)}
    repairs_system.verify(settings.repairs_system_secret, request.get_data(cache=True),
                          headers, container().clock())
