"""The public web form at /contact, inbound: what a resident typed, as one normalised
message. Pure: no Flask (the view validates the fields and passes them in).

The resident chooses how we reply: by email, or by text to a UK mobile. That address is
the message's sender (so the contact joins the resident's other email or SMS contacts)
and the reply channel. The submission id is made when the form is shown, so sending the
same form twice (a double click, a refresh) stores one contact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from channels.base import Attachment, Channel, InboundMessage, PayloadInvalid, clean_text
from channels.phone import normalise_phone

MAX_DESCRIPTION_CHARS = 5000
SUBMISSION_ID = re.compile(r"[0-9a-f]{32}")
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}")
RECIPIENT = "web-form"


class ReplyBy(StrEnum):
    EMAIL = "email"
    TEXT = "text"


@dataclass(frozen=True)
class WebFormSubmission:
    """The form's fields as the resident gave them (already within length limits)."""

    submission_id: str
    description: str
    reply_by: ReplyBy
    email: str = ""
    phone: str = ""
    name: str = ""
    address: str = ""
    attachments: tuple[Attachment, ...] = ()  # staged uploads (`upload:` links)


def reply_address_problem(reply_by: ReplyBy, email: str, phone: str) -> tuple[str, str] | None:
    """(field, message) when the chosen way to reply cannot work, else None."""
    if reply_by == ReplyBy.EMAIL:
        if not EMAIL.fullmatch(email.strip()):
            return "email", "Enter an email address like name@example.org, so we can reply"
        return None
    number = normalise_phone(phone)
    if not number.valid or not number.e164 or not number.e164.startswith("+44"):
        return "phone", "Enter a UK mobile number, like 07700 900123, so we can text you"
    if not number.mobile:
        return "phone", "Enter a mobile number we can text (this looks like a landline)"
    return None


def parse_submission(form: WebFormSubmission, received_at: datetime) -> InboundMessage:
    """The submission as an inbound message on channel `web`.

    Raises:
        PayloadInvalid: the submission id or the way to reply is not usable (the view checks
            these first, so this is a backstop).
    """
    if not SUBMISSION_ID.fullmatch(form.submission_id):
        raise PayloadInvalid("submission id: malformed")
    problem = reply_address_problem(form.reply_by, form.email, form.phone)
    if problem is not None:
        raise PayloadInvalid(problem[1])
    if form.reply_by == ReplyBy.EMAIL:
        sender, reply_channel = form.email.strip().lower(), Channel.EMAIL
    else:
        number = normalise_phone(form.phone)
        assert number.e164 is not None
        sender, reply_channel = number.e164, Channel.SMS
    description = clean_text(form.description).strip()[:MAX_DESCRIPTION_CHARS]
    if not description and not form.attachments:
        raise PayloadInvalid("description: required")
    given = {
        "name": clean_text(form.name).strip(), "address": clean_text(form.address).strip(),
        "email": form.email.strip(), "phone": form.phone.strip(), "reply_by": form.reply_by.value,
    }
    return InboundMessage(
        channel=Channel.WEB,
        provider_message_id=f"web-{form.submission_id}",
        sender=sender,
        recipient=RECIPIENT,
        text=_text(description, given["name"], given["address"]),
        received_at=received_at,
        raw={"form": given},
        attachments=form.attachments,
        reply_channel=reply_channel,
    )


def _text(description: str, name: str, address: str) -> str:
    """What staff read (and the router classifies): the description, then who and where."""
    lines = [description]
    if name:
        lines.append(f"Name: {name}")
    if address:
        lines.append(f"Address: {address}")
    return "\n\n".join(line for line in lines if line)
