"""`contact-hub try`: be a resident for a minute.

Sends the running service a webhook exactly as the provider would (Twilio's form and
X-Twilio-Signature made with twilio's own RequestValidator; Meta's JSON and
X-Hub-Signature-256), or, for email, puts the message in the local mailbox the running
service reads (no Exchange needed), then reports what the resident heard or was sent back. A call is
walked through the IVR's TwiML step by step: the caller says TEXT at the first question,
nobody answers a ring, and TEXT is also what they leave as a message.
"""

from __future__ import annotations

import json
import secrets
import time
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own service's TwiML only
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import urljoin

import requests
from twilio.request_validator import RequestValidator

from channels.local_mailbox import LocalMailbox
from channels.meta import signature_for
from contact_hub.domain.contacts.types import ContactStatus
from contact_hub.services.contacts.queries import ContactRecord

DEMO_ACCOUNT_SID = "AC" + "0" * 32  # the dry run never calls Twilio
DEMO_NUMBER = "+443300000000"  # the landlord's number the resident writes to
TIMEOUT = 15.0
MAX_CALL_STEPS = 12


@dataclass
class Exchange:
    """What happened: the provider ids sent (to find the contact) and what was heard."""

    channel: str
    provider_ids: list[str] = field(default_factory=list)
    heard: list[str] = field(default_factory=list)  # immediate replies, IVR speech


class TryError(Exception):
    """The service could not be reached or refused the request (the message says why)."""


def _post(url: str, *, refusals: str, **kwargs: object) -> requests.Response:
    try:
        response = requests.post(url, timeout=TIMEOUT, **kwargs)  # type: ignore[arg-type]
    except requests.RequestException as error:
        raise TryError(f"could not reach {url} ({type(error).__name__}): is it running? "
                       "Start it with `contact-hub serve`") from None
    if response.status_code == 403:
        raise TryError(f"the service refused the signature: {refusals}")
    if response.status_code >= 400:
        raise TryError(f"the service answered {response.status_code}: {response.text[:300]}")
    return response


class TwilioResident:
    """A resident texting or calling, signed with the service's Twilio auth token."""

    def __init__(self, base_url: str, auth_token: str, sender: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.validator = RequestValidator(auth_token)
        self.sender = sender

    def _signed(self, url: str, form: dict[str, str]) -> requests.Response:
        signature = self.validator.compute_signature(url, form)
        return _post(
            url, data=form, headers={"X-Twilio-Signature": signature},
            refusals="the service's TWILIO_AUTH_TOKEN differs from the one used here "
                     "(set the same TWILIO_AUTH_TOKEN for both, or unset it for both)",
        )

    def text(self, body: str, *, whatsapp: bool = False) -> Exchange:
        prefix = "whatsapp:" if whatsapp else ""
        sid = "SM" + secrets.token_hex(16)
        form = {
            "MessageSid": sid, "SmsSid": sid, "AccountSid": DEMO_ACCOUNT_SID,
            "From": prefix + self.sender, "To": prefix + DEMO_NUMBER, "Body": body,
            "NumMedia": "0", "NumSegments": "1",
        }
        response = self._signed(f"{self.base_url}/webhooks/twilio/sms", form)
        exchange = Exchange("whatsapp" if whatsapp else "sms", [sid])
        exchange.heard.extend(_message_texts(response.text))
        return exchange

    def call(self, words: str, press: str | None = None) -> Exchange:
        """Ring the freephone number and follow the IVR's TwiML until it hangs up: the
        caller says `words` at the menu (or presses `press`), and leaves them as a message."""
        call_sid = "CA" + secrets.token_hex(16)
        base = {"CallSid": call_sid, "AccountSid": DEMO_ACCOUNT_SID, "From": self.sender,
                "To": DEMO_NUMBER, "CallStatus": "in-progress", "Direction": "inbound"}
        caller = _Caller(words, press, Exchange("voice", [call_sid]),
                         lambda url, form: self._signed(url, {**base, **form}))
        step: Step | None = (f"{self.base_url}/webhooks/twilio/voice", {})
        for _ in range(MAX_CALL_STEPS):
            if step is None:
                break
            url, form = step
            step = caller.hear(caller.post(url, form).text, url)
        return caller.exchange


def _message_texts(twiml: str) -> list[str]:
    root = ET.fromstring(twiml)  # noqa: S314 - our own service's answer
    return [" ".join(m.itertext()).strip() for m in root.iter("Message")]


Step = tuple[str, dict[str, str]]  # the next request the caller's phone makes: URL, form


@dataclass
class _Caller:
    """A caller's side of the IVR: says or presses once, leaves a message, hangs up."""

    words: str
    press: str | None
    exchange: Exchange
    post: Callable[[str, dict[str, str]], requests.Response]
    answered: bool = False  # has said (or pressed) their piece

    def hear(self, twiml: str, url: str) -> Step | None:
        """Hear one TwiML answer; return the next request, None when the call ends."""
        root = ET.fromstring(twiml)  # noqa: S314 - our own service's answer
        for verb in root:
            if verb.tag == "Say":
                self.exchange.heard.append(_speech(verb))
            elif verb.tag == "Gather":
                self.exchange.heard.extend(_speech(say) for say in verb.iter("Say"))
                return self._answer(urljoin(url, verb.get("action", url)))
            elif verb.tag == "Dial":
                self.exchange.heard.append("(ringing... nobody answers in this simulation)")
                if verb.get("action"):
                    return (urljoin(url, verb.get("action", "")),
                            {"DialCallStatus": "no-answer", "DialCallDuration": "0"})
            elif verb.tag == "Record":
                return self._leave_message(verb, url)
            elif verb.tag == "Redirect" and verb.text:
                return urljoin(url, verb.text.strip()), {}
            elif verb.tag == "Hangup":
                return None
        return None

    def _answer(self, action: str) -> Step | None:
        if self.answered:
            self.exchange.heard.append("(the caller hangs up)")
            return None
        self.answered = True
        if self.press:
            self.exchange.heard.append(f"(the caller presses {self.press})")
            return action, {"Digits": self.press}
        self.exchange.heard.append(f"(the caller says) {self.words}")
        return action, {"SpeechResult": self.words, "Confidence": "0.92"}

    def _leave_message(self, verb: ET.Element, url: str) -> Step | None:
        """The caller leaves their words as a voicemail; Twilio's transcript follows."""
        self.answered = True
        recording = "RE" + secrets.token_hex(16)
        self.exchange.provider_ids.append(recording)
        self.exchange.heard.append(f"(the caller leaves a message) {self.words}")
        details = {"RecordingSid": recording, "RecordingDuration": "12",
                   "RecordingUrl": f"https://api.twilio.com/recordings/{recording}"}
        callback = verb.get("transcribeCallback")
        if callback:
            self.post(urljoin(url, callback), {
                **details, "TranscriptionSid": "TR" + secrets.token_hex(16),
                "TranscriptionText": self.words, "TranscriptionStatus": "completed"})
        action = verb.get("action")
        return (urljoin(url, action), details) if action else None


def _speech(verb: ET.Element) -> str:
    return " ".join(" ".join(verb.itertext()).split())


class MetaResident:
    """A resident writing on Facebook Messenger, signed with the service's app secret."""

    def __init__(self, base_url: str, app_secret: str, sender: str) -> None:
        self.url = base_url.rstrip("/") + "/webhooks/meta"
        self.app_secret = app_secret
        self.sender = sender

    def message(self, text: str) -> Exchange:
        mid = "m_" + secrets.token_hex(24)
        now = int(datetime.now(UTC).timestamp() * 1000)
        page = "100000000000001"
        payload = {"object": "page", "entry": [{"id": page, "time": now, "messaging": [{
            "sender": {"id": self.sender}, "recipient": {"id": page}, "timestamp": now,
            "message": {"mid": mid, "text": text}}]}]}
        raw = json.dumps(payload, separators=(",", ":")).encode()
        _post(self.url, data=raw,
              headers={"Content-Type": "application/json",
                       "X-Hub-Signature-256": signature_for(self.app_secret, raw)},
              refusals="the service's META_APP_SECRET differs from the one used here")
        return Exchange("messenger", [mid])


class EmailResident:
    """A resident emailing the landlord: the message goes into the local mailbox that the
    running service reads (outside production, with no Exchange or Microsoft 365)."""

    def __init__(self, mailbox: LocalMailbox, sender: str) -> None:
        self.mailbox = mailbox
        self.sender = sender

    def send(self, text: str, subject: str = "A problem at my home") -> Exchange:
        message = EmailMessage()
        message["From"], message["To"] = self.sender, self.mailbox.mailbox
        message["Subject"] = subject
        message["Date"] = format_datetime(datetime.now(UTC))
        message_id = f"<try-{secrets.token_hex(12)}@contact-hub.localhost>"
        message["Message-ID"] = message_id
        message.set_content(text)
        try:
            self.mailbox.deliver(bytes(message))
        except OSError as error:
            raise TryError(f"could not write to the local mailbox {self.mailbox.directory} "
                           f"({error.strerror})") from None
        return Exchange("email", [message_id],
                        [f"(emailed {self.mailbox.mailbox} from {self.sender})"])


SETTLED = (ContactStatus.ROUTED, ContactStatus.NEEDS_ATTENTION, "resolved")
IN_FLIGHT = ("queued", "sending")


def settled(detail: ContactRecord | None) -> bool:
    """Routed, and every reply to it has left the outbox (sent, simulated or refused)."""
    return (detail is not None and detail.summary.status in SETTLED
            and all(m.status not in IN_FLIGHT for m in detail.outbound))


def wait_for(read: Callable[[], ContactRecord | None], wait: float) -> ContactRecord | None:
    """Read until the contact has settled or `wait` seconds have passed."""
    deadline = time.monotonic() + wait
    detail = read()
    while not settled(detail) and time.monotonic() < deadline:
        time.sleep(0.3)
        detail = read()
    return detail


def report(exchange: Exchange, detail: ContactRecord | None, base_url: str) -> list[str]:
    """What to print: what the resident heard or got back, and where to look next."""
    lines = [f"{_HEARD[exchange.channel]}:"] if exchange.heard else []
    lines += [f"  {line}" for line in exchange.heard]
    if detail is None and exchange.channel == "email":
        return [*lines, "No contact yet: the service has not read its local mailbox. Is "
                "`contact-hub serve` running with the same CONTACT_HUB_HOME? (It takes the "
                "message in when it is; give it longer with --wait.)"]
    if detail is None:
        return [*lines, "No contact was stored: nothing reached the service as a message "
                "(on a call, leave a message: try `--press 2`)."]
    contact = detail.summary
    lines.append(f"Contact {contact.reference} (id {contact.id}): {contact.category or '-'}, "
                 f"{contact.status}" + (f", flags: {', '.join(contact.flags)}"
                                        if contact.flags else ""))
    if not settled(detail):
        lines.append("  (still being worked on; look again in a moment)")
    lines.append("Sent back to the resident:" if detail.outbound else
                 "Nothing has been sent back to the resident.")
    for message in detail.outbound:
        if message.transport == "twiml":
            lines.append(f"  [{message.kind}: the reply above, in the webhook's answer]")
            continue
        how = _HOW.get(message.status, message.status)
        reason = f" ({message.error_message})" if message.error_message else ""
        lines.append(f"  [{message.kind}, {message.channel} to {message.recipient}, "
                     f"{how}{reason}] {message.body}")
    lines += [
        "Look next:",
        f"  the contact:  curl -H \"Authorization: Bearer $TOKEN\" "
        f"{base_url}/api/v1/contacts/{contact.id}",
        "  a token:      contact-hub tokens create --role agent",
        f"  readiness and paging: {base_url}/readyz",
    ]
    return lines


_HEARD = {"sms": "Replied at once", "whatsapp": "Replied at once", "email": "Sent",
          "voice": "On the call", "messenger": "Replied at once"}
_HOW = {"simulated": "dry run: stored, not sent", "sent": "sent", "delivered": "delivered",
        "suppressed": "not sent", "failed": "failed", "unknown": "outcome unknown"}
