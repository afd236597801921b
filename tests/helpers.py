"""Test helpers without fixtures: Twilio-shaped forms and signatures."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from twilio.request_validator import RequestValidator

AUTH_TOKEN = "test-auth-token-0123456789abcdef"
ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
PUBLIC_BASE = "https://hub.example.org"
MOBILE = "+447400123456"  # a GB mobile libphonenumber accepts (Ofcom drama ranges do not)


class TwilioSigner:
    """Builds form posts exactly as Twilio sends them, signed with twilio's validator."""

    def __init__(self, token: str = AUTH_TOKEN, base: str = PUBLIC_BASE) -> None:
        self.validator = RequestValidator(token)
        self.base = base

    def headers(self, path: str, form: dict[str, str]) -> dict[str, str]:
        signature = self.validator.compute_signature(self.base + path, form)
        return {"X-Twilio-Signature": signature}

    def post(self, client: Any, path: str, form: dict[str, str]) -> Any:
        return client.post(
            path,
            data=urlencode(form),
            content_type="application/x-www-form-urlencoded",
            headers=self.headers(path, form),
        )


def sms_form(
    body: str, sender: str = MOBILE, sid: str | None = None, **extra: str
) -> dict[str, str]:
    """A recorded-shape Twilio inbound SMS form (see tests/fixtures/twilio_sms/)."""
    form = {
        "ToCountry": "GB",
        "ToState": "",
        "SmsMessageSid": sid or "SM" + "a" * 32,
        "NumMedia": "0",
        "ToCity": "",
        "FromZip": "",
        "SmsSid": sid or "SM" + "a" * 32,
        "FromState": "",
        "SmsStatus": "received",
        "FromCity": "",
        "Body": body,
        "FromCountry": "GB",
        "To": "+443300000000",
        "MessagingServiceSid": "MG" + "0" * 32,
        "ToZip": "",
        "NumSegments": "1",
        "MessageSid": sid or "SM" + "a" * 32,
        "AccountSid": ACCOUNT_SID,
        "From": sender,
        "ApiVersion": "2010-04-01",
    }
    form.update(extra)
    return form
