"""Letters to a complainant: which channel they go back through, and queueing them.

Every letter goes through the outbox in the case's own transaction; a channel with
no transport here (a posted letter) is queued as suppressed, to be sent by hand. So is a
letter due on Messenger, Instagram or WhatsApp when Meta's 24-hour window has closed (a
stage 1 response comes days after the complaint): a WhatsApp number gets it by SMS instead
where it can, anything else is held for a person rather than failing unseen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sqlalchemy.orm import Session

from channels.base import Channel
from channels.meta_window import WINDOW_CHANNELS, free_text_window
from contact_hub.domain import complaints as domain
from contact_hub.domain.complaints.messages import Message, satisfaction_survey_question
from contact_hub.domain.contacts.adjustments import ADJUSTMENTS, LETTER_FORMATS
from contact_hub.queueing import JobRequest
from contact_hub.services.contacts.identities import sender_key
from contact_hub.services.contacts.messaging_window import last_inbound_at
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.storage import repository as repo
from contact_hub.storage.complaints import repository as crepo

PHONE_CHANNELS = ("sms", "whatsapp", "voice", "phone")
# Channels letters can go back through; anything else is answered by post.
REPLY_CHANNELS = ("sms", "whatsapp", "email", "messenger", "instagram", "letter")
BY_POST = "the address on file"

Letter = Callable[[domain.Complaint], Message]


def reply_route(
    customer: repo.Customer,
    channel: str,
    address: str,
    sms_capable: bool,
    email: str | None,
) -> tuple[str, str]:
    """Where letters go: the preferred channel if we can reach it, else the complaint's own.

    A phone or voice complaint is answered by SMS to a mobile; with no electronic
    route, by post.

    Returns:
        The reply channel and the address on it.
    """
    preferred = customer.preferred_channel
    if preferred:
        found = _address_on_file(customer, preferred)
        if found:
            return preferred, found
    if channel in PHONE_CHANNELS and channel != "whatsapp":
        return ("sms", address) if sms_capable else ("letter", BY_POST)
    if channel == "whatsapp":
        return "whatsapp", f"whatsapp:{address}"
    if channel == "web" and email:
        return "email", email
    if channel in REPLY_CHANNELS and address:
        return channel, address
    return "letter", BY_POST


def _address_on_file(customer: repo.Customer, channel: str) -> str | None:
    if channel == "letter":
        return BY_POST
    kind = "phone" if channel in PHONE_CHANNELS else channel
    for identity in customer.identities:
        if identity.kind == kind and identity.opted_out_at is None:
            if channel in ("sms", "voice", "phone") and not identity.sms_capable:
                continue
            prefix = "whatsapp:" if channel == "whatsapp" else ""
            return prefix + identity.value
    return None


def queue_letters(
    outbox: Outbox,
    session: Session,
    row: crepo.ComplaintRow,
    transition: domain.Transition,
    letter: Letter | None,
    survey: bool,
) -> list[JobRequest]:
    """Queue the action's letter and, on closing, the satisfaction survey.

    Args:
        outbox: Where messages are queued, in ``session``'s transaction.
        session: The open transaction the case is saved in.
        row: The case, for its reply channel and address.
        transition: The action just applied; its last event names the letter.
        letter: Renders the letter from the changed case, or None for no letter.
        survey: Whether to send the satisfaction survey question too.

    Returns:
        Send jobs to enqueue once the transaction commits.
    """
    complaint = transition.complaint
    jobs: list[JobRequest] = []
    if letter is not None:
        message = letter(complaint)
        kind = transition.events[-1].kind
        body = f"{message.subject}\n\n{message.body}"
        jobs.extend(queue_letter(outbox, session, row, complaint, kind, body))
    if survey:
        question = satisfaction_survey_question(complaint)
        jobs.extend(queue_letter(outbox, session, row, complaint, "survey", question))
    return jobs


def queue_letter(
    outbox: Outbox,
    session: Session,
    row: crepo.ComplaintRow,
    complaint: domain.Complaint,
    kind: str,
    body: str,
) -> list[JobRequest]:
    """Queue a letter through the complainant's reply channel, once per timeline entry.

    A resident recorded as needing another format (large print, Braille, ...) also gets a
    copy prepared by a person: a `letter` row held with the formats as its reason.

    Returns:
        The send job, if the outbox made one (none for a suppressed or repeated letter).
    """
    formats = _formats_needed(session, row.customer_id)
    channel, recipient, held_because = _letter_route(outbox, session, row, formats)
    key = f"complaint-{complaint.reference}-{len(complaint.timeline)}-{kind}"
    contact_id = int(complaint.contact_ids[0]) if complaint.contact_ids else None
    letter = NewMessage(
        key=key, kind=f"complaint_{kind}", channel=channel, recipient=recipient,
        body=body, contact_id=contact_id, suppressed_because=held_because,
    )
    _, job = outbox.queue(session, letter)
    if formats and held_because is None:
        outbox.queue(session, replace(
            letter, key=f"{key}-format", kind=f"complaint_{kind}_format", channel="letter",
            recipient=BY_POST, suppressed_because=f"a copy to send by hand{formats}"))
    return [job] if job else []


def _letter_route(
    outbox: Outbox, session: Session, row: crepo.ComplaintRow, formats: str
) -> tuple[str, str, str | None]:
    """The channel and address a letter goes to now, and why it is held for a person
    instead of sent (None: it can go)."""
    channel, address = row.reply_channel, row.reply_to
    if channel not in outbox.transports:
        return channel, address, f"no {channel} transport here: send it by hand{formats}"
    if channel in WINDOW_CHANNELS:
        last = last_inbound_at(session, Channel(channel), address)
        window = free_text_window(channel, last, outbox.clock())
        if not window.allowed:
            number = _texts_instead(outbox, session, channel, address)
            if number is not None:
                return "sms", number, None
            return "letter", BY_POST, f"{window.reason}: send it by hand{formats}"
    return channel, address, None


def _texts_instead(outbox: Outbox, session: Session, channel: str, address: str) -> str | None:
    """The same number by SMS, for a WhatsApp letter Meta will not carry now, if texts
    can reach it (a mobile, not opted out, an SMS transport)."""
    if channel != Channel.WHATSAPP or "sms" not in outbox.transports:
        return None
    key = sender_key(Channel.SMS, address)
    identity = repo.identity_by_value(session, key.kind, key.value)
    if identity is None or not identity.sms_capable or identity.opted_out_at is not None:
        return None
    return identity.value


def _formats_needed(session: Session, customer_id: int | None) -> str:
    """The other formats this resident's letters must be made in, as words for the outbox
    row's reason (e.g. " (letters and documents in large print: ...)"); "" if none."""
    customer = session.get(repo.Customer, customer_id) if customer_id is not None else None
    needed = [ADJUSTMENTS[a] for a in (customer and customer.reasonable_adjustments or [])
              if a in LETTER_FORMATS]
    return f" ({'; '.join(needed)}: a reasonable adjustment)" if needed else ""
