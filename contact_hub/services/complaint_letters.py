"""Letters to a complainant: which channel they go back through, and queueing them.

Every letter goes through the outbox in the case's own transaction; a channel with
no transport here (a posted letter) is queued as suppressed, to be sent by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sqlalchemy.orm import Session

from contact_hub.domain import complaints as domain
from contact_hub.domain.adjustments import ADJUSTMENTS, LETTER_FORMATS
from contact_hub.domain.complaint_messages import Message, satisfaction_survey_question
from contact_hub.queueing import JobRequest
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.storage import complaint_repository as crepo
from contact_hub.storage import repository as repo

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
    electronic = row.reply_channel in outbox.transports
    formats = _formats_needed(session, row.customer_id)
    key = f"complaint-{complaint.reference}-{len(complaint.timeline)}-{kind}"
    contact_id = int(complaint.contact_ids[0]) if complaint.contact_ids else None
    letter = NewMessage(
        key=key, kind=f"complaint_{kind}", channel=row.reply_channel, recipient=row.reply_to,
        body=body, contact_id=contact_id,
        suppressed_because=None if electronic
        else f"no {row.reply_channel} transport here: send it by hand{formats}",
    )
    _, job = outbox.queue(session, letter)
    if formats and electronic:
        outbox.queue(session, replace(
            letter, key=f"{key}-format", kind=f"complaint_{kind}_format", channel="letter",
            recipient=BY_POST, suppressed_because=f"a copy to send by hand{formats}"))
    return [job] if job else []


def _formats_needed(session: Session, customer_id: int | None) -> str:
    """The other formats this resident's letters must be made in, as words for the outbox
    row's reason (e.g. " (letters and documents in large print: ...)"); "" if none."""
    customer = session.get(repo.Customer, customer_id) if customer_id is not None else None
    needed = [ADJUSTMENTS[a] for a in (customer and customer.reasonable_adjustments or [])
              if a in LETTER_FORMATS]
    return f" ({'; '.join(needed)}: a reasonable adjustment)" if needed else ""
