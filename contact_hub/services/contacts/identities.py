"""Who is this? Resolve a sender address to a customer and their identity.

Phone numbers are keyed on E.164 (SMS, voice and WhatsApp are the same person); a
number phonenumbers cannot parse is kept raw and flagged rather than rejected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from channels.base import Channel
from channels.phone import normalise_phone
from contact_hub.storage import repository as repo

PHONE_CHANNELS = {Channel.SMS, Channel.VOICE, Channel.WHATSAPP, Channel.PHONE}


@dataclass(frozen=True)
class SenderKey:
    """The identity a sender address resolves to, before touching the database."""

    kind: str
    value: str
    valid: bool
    sms_capable: bool

    @property
    def flags(self) -> list[str]:
        return [] if self.valid else ["sender_unparseable"]


def sender_key(channel: Channel, sender: str) -> SenderKey:
    """Normalise a provider's sender address for `channel`."""
    if channel in PHONE_CHANNELS:
        number = normalise_phone(sender)
        return SenderKey("phone", number.key, number.valid, number.mobile)
    if channel == Channel.EMAIL:
        return SenderKey("email", sender.strip().lower(), "@" in sender, False)
    return SenderKey(channel.value, sender.strip(), True, False)


def resolve_identity(session: Session, key: SenderKey, now: datetime) -> repo.Identity:
    """The identity for `key`, creating the customer on first contact.

    A concurrent first message from the same sender loses the unique-constraint race
    inside a savepoint and then finds the winner's row.
    """
    found = repo.identity_by_value(session, key.kind, key.value)
    if found is not None:
        return found
    try:
        with session.begin_nested():
            customer = repo.Customer(created_at=now, vulnerabilities=[])
            identity = repo.Identity(
                customer=customer,
                kind=key.kind,
                value=key.value,
                valid=key.valid,
                sms_capable=key.sms_capable,
                created_at=now,
            )
            session.add_all([customer, identity])
            session.flush()
            return identity
    except repo.IntegrityError:
        found = repo.identity_by_value(session, key.kind, key.value)
        if found is None:
            raise
        return found
