"""One resident across channels: agents link an identity (a phone, an email, a social id)
to a resident's record, or unlink it into a record of its own; each audited with who,
when and why on both records.

A resident is a `Customer`; each address they write from is an `Identity`. The first
message from a new address makes a new record, so the same person's email and mobile
start as two residents. Linking moves the identity to the chosen record with the contacts
it sent (and their conversations): the profile, the contact page's history and the
router's context then see one resident. A record left with no identity is folded into the
chosen one: its vulnerabilities and adjustments are added (never lost), and its complaint,
hazard and repair cases move with it. Unlinking does the reverse for one identity; the new
record starts with the old one's vulnerabilities and adjustments (an agent reviews them:
missing a vulnerability is worse than an extra one).

Suggestions: identities of other records that the property register gives to the same
household member as one of this record's identities (their email and their phone) are
listed for an agent to link; never linked automatically, as families share addresses.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from channels.base import Channel
from contact_hub.clock import Clock
from contact_hub.domain.errors import Conflict, Invalid, NotFound
from contact_hub.services.contacts.identities import sender_key
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage import repository as repo
from contact_hub.storage.complaints import models as complaints
from contact_hub.storage.homes import models as homes

logger = logging.getLogger(__name__)

# What an agent may link by hand: the kinds `sender_key` gives for each channel.
LINKABLE = {"phone": Channel.SMS, "email": Channel.EMAIL, "messenger": Channel.MESSENGER,
            "instagram": Channel.INSTAGRAM}
# Cases that follow a record folded into another (the same person).
_CASE_TABLES = (complaints.ComplaintRow, homes.HazardCase, homes.RepairRequest)


@dataclass(frozen=True)
class LinkSuggestion:
    """Another record whose identity the register gives to the same household member."""

    customer_id: int
    identity_id: int
    kind: str
    value: str
    member_name: str


class IdentityLinks:
    """Link and unlink residents' identities, audited; suggest links from the register."""

    def __init__(self, uow: UnitsOfWork, clock: Clock) -> None:
        self.uow = uow
        self.clock = clock

    def link(self, customer_id: int, kind: str, value: str, actor: str, reason: str) -> int:
        """Give `customer_id` the identity (kind, value): moved with its contacts if another
        record has it, created if nobody does. Returns the identity's id.

        Raises:
            NotFound: no such customer.
            Invalid: an unknown kind, an address that is not one, or no reason.
            Conflict: the identity is already this resident's.
        """
        key = self._key(kind, value)
        why = _reason(reason)
        now = self.clock()
        with self.uow.transaction() as uow:
            session = uow.session
            target = _customer(session, customer_id)
            identity = repo.identity_by_value(session, key.kind, key.value)
            if identity is not None and identity.customer_id == customer_id:
                raise Conflict(f"{key.kind} {key.value} is already this resident's")
            if identity is None:
                identity = repo.Identity(customer_id=customer_id, kind=key.kind,
                                         value=key.value, valid=key.valid,
                                         sms_capable=key.sms_capable, created_at=now)
                session.add(identity)
                session.flush()
                _audit(session, customer_id, actor, why, now,
                       {"identity_linked": {"identity": _label(identity), "from": None}})
                return identity.id
            source_id = identity.customer_id
            moved = _move(session, identity, customer_id)
            _audit(session, customer_id, actor, why, now, {"identity_linked": {
                "identity": _label(identity), "from": source_id, "contacts_moved": moved}})
            _audit(session, source_id, actor, why, now, {"identity_unlinked": {
                "identity": _label(identity), "to": customer_id, "contacts_moved": moved}})
            if not _has_identities(session, source_id):
                _fold(session, source_id, target, actor, why, now)
            identity_id = identity.id
        logger.info("identity linked identity_id=%s customer_id=%s", identity_id, customer_id)
        return identity_id

    def unlink(self, customer_id: int, identity_id: int, actor: str, reason: str) -> int:
        """Move the identity, with the contacts it sent, to a new record of its own; return
        the new record's id. Raises NotFound, Invalid (no reason), Conflict (its only one)."""
        why = _reason(reason)
        now = self.clock()
        with self.uow.transaction() as uow:
            session = uow.session
            source = _customer(session, customer_id)
            identity = session.get(repo.Identity, identity_id)
            if identity is None or identity.customer_id != customer_id:
                raise NotFound(f"customer {customer_id} has no identity {identity_id}")
            others = session.scalar(select(repo.Identity.id).where(
                repo.Identity.customer_id == customer_id, repo.Identity.id != identity_id))
            if others is None:
                raise Conflict("this is the resident's only identity: link it to another "
                               "resident instead")
            fresh = repo.Customer(created_at=now, vulnerabilities=list(
                source.vulnerabilities or []), reasonable_adjustments=source.reasonable_adjustments)
            session.add(fresh)
            session.flush()
            moved = _move(session, identity, fresh.id)
            _audit(session, customer_id, actor, why, now, {"identity_unlinked": {
                "identity": _label(identity), "to": fresh.id, "contacts_moved": moved}})
            _audit(session, fresh.id, actor, why, now, {"identity_linked": {
                "identity": _label(identity), "from": customer_id, "contacts_moved": moved,
                "copied": "vulnerabilities and adjustments, to review"}})
            new_id = fresh.id
        logger.info("identity unlinked identity_id=%s new_customer_id=%s", identity_id, new_id)
        return new_id

    def suggested(self, customer_id: int) -> list[LinkSuggestion]:
        """`suggestions` in a read session of its own (for the API)."""
        with self.uow() as uow:
            session = uow.session
            return self.suggestions(session, customer_id)

    def suggestions(self, session: Session, customer_id: int) -> list[LinkSuggestion]:
        """Identities of other records that belong to the same household member as one of
        this record's identities, by the property register."""
        mine = session.execute(select(repo.Identity.kind, repo.Identity.value).where(
            repo.Identity.customer_id == customer_id)).all()
        members = {m for kind, value in mine for m in session.scalars(
            select(homes.MemberAddress.member_id).where(
                homes.MemberAddress.kind == kind, homes.MemberAddress.value == value))}
        found: list[LinkSuggestion] = []
        for member_id in sorted(members):
            member = session.get(homes.HouseholdMember, member_id)
            if member is None or not member.current:
                continue
            addresses = session.execute(select(homes.MemberAddress.kind,
                                               homes.MemberAddress.value).where(
                homes.MemberAddress.member_id == member_id)).all()
            for kind, value in addresses:
                other = repo.identity_by_value(session, kind, value)
                if other is not None and other.customer_id != customer_id:
                    found.append(LinkSuggestion(other.customer_id, other.id, kind, value,
                                                member.name))
        return found

    def _key(self, kind: str, value: str) -> Any:
        channel = LINKABLE.get(kind)
        if channel is None:
            raise Invalid(f"kind: one of {', '.join(LINKABLE)}")
        if not isinstance(value, str) or not value.strip() or len(value) > 320:
            raise Invalid("value: the phone number, email address or social id")
        key = sender_key(channel, value)
        if not key.valid:
            raise Invalid(f"value: {value!r} is not a {kind} we can reach")
        return key


def _customer(session: Session, customer_id: int) -> repo.Customer:
    customer = session.get(repo.Customer, customer_id, with_for_update=True)
    if customer is None:
        raise NotFound(f"no customer {customer_id}")
    return customer


def _reason(reason: str) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise Invalid("reason: required (linking and unlinking residents is audited)")
    return reason.strip()[:1000]


def _label(identity: repo.Identity) -> str:
    return f"{identity.kind}:{identity.value}"


def _move(session: Session, identity: repo.Identity, customer_id: int) -> int:
    """The identity, the contacts it sent and their conversations to `customer_id`."""
    identity.customer_id = customer_id
    contacts = session.execute(select(repo.Contact.id, repo.Contact.conversation_id).where(
        repo.Contact.identity_id == identity.id)).all()
    ids = [c.id for c in contacts]
    conversations = {c.conversation_id for c in contacts if c.conversation_id is not None}
    if ids:
        session.execute(update(repo.Contact).where(repo.Contact.id.in_(ids))
                        .values(customer_id=customer_id))
    if conversations:
        session.execute(update(repo.Conversation).where(
            repo.Conversation.id.in_(conversations)).values(customer_id=customer_id))
    return len(ids)


def _has_identities(session: Session, customer_id: int) -> bool:
    return session.scalar(select(repo.Identity.id).where(
        repo.Identity.customer_id == customer_id).limit(1)) is not None


def _fold(session: Session, source_id: int, target: repo.Customer, actor: str, why: str,
          now: Any) -> None:
    """A record left with no identity is the same person: keep what it knew on `target`."""
    source = session.get(repo.Customer, source_id)
    assert source is not None
    target.vulnerabilities = sorted({*(target.vulnerabilities or []),
                                     *(source.vulnerabilities or [])})
    adjustments = {*(target.reasonable_adjustments or []),
                   *(source.reasonable_adjustments or [])}
    target.reasonable_adjustments = sorted(adjustments) or target.reasonable_adjustments
    target.display_name = target.display_name or source.display_name
    target.preferred_channel = target.preferred_channel or source.preferred_channel
    for table in _CASE_TABLES:
        session.execute(update(table).where(table.customer_id == source_id)
                        .values(customer_id=target.id))
    session.execute(update(repo.Contact).where(repo.Contact.customer_id == source_id)
                    .values(customer_id=target.id))
    _audit(session, target.id, actor, why, now, {"merged": {
        "from": source_id, "vulnerabilities": target.vulnerabilities,
        "reasonable_adjustments": target.reasonable_adjustments}})
    _audit(session, source_id, actor, why, now, {"merged": {"into": target.id}})


def _audit(session: Session, customer_id: int, actor: str, reason: str, at: Any,
           changes: dict[str, Any]) -> None:
    session.add(repo.CustomerChange(customer_id=customer_id, at=at, actor=actor,
                                    reason=reason, changes=changes))
