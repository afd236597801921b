"""Erasure (UK GDPR Article 17): anonymise a person where the law allows.

What must be kept stays, with the reason said (see holds.py): an explicit legal hold keeps
everything; an open complaint keeps the case, its contacts and the address its reply goes
to; a Building Safety Act relevant complaint keeps its record for 7 years; an emergency
alert still open keeps its contacts. Everything else loses the person's name, addresses,
needs and words, the free text of their survey answers included (the scores stay). Rows
are anonymised, not deleted, so counts by category and channel and the complaint reports
still add up. Asking twice changes nothing the second time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from contact_hub.clock import Clock
from contact_hub.domain.errors import NotFound
from contact_hub.domain.privacy.retention import REMOVED, RetentionPolicy
from contact_hub.services.privacy import audit
from contact_hub.services.privacy.anonymiser import (
    anonymise_complaint,
    anonymise_contacts,
    anonymise_customer,
    anonymise_hazard_case,
    anonymise_household_member,
    anonymise_surveys,
    scrub_outbound,
)
from contact_hub.services.privacy.holds import Keep, check_reason, what_to_keep
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage import repository as repo
from contact_hub.storage.privacy import repository as prepo

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ErasureReport:
    """What one erasure did and what it kept, and why."""

    customer_id: int
    anonymised: dict[str, int]
    kept: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"customer_id": self.customer_id, "anonymised": self.anonymised,
                "kept": self.kept}


class Erasure:
    """Erase a person on request, audited."""

    def __init__(
        self, uow: UnitsOfWork, clock: Clock, policy: RetentionPolicy
    ) -> None:
        self.uow = uow
        self.clock = clock
        self.policy = policy

    def erase(self, customer_id: int, actor: str, reason: str = "") -> ErasureReport:
        """Anonymise ``customer_id`` except what must be kept.

        Raises:
            NotFound: no such customer.
            Invalid: the reason is too long or has control characters.
        """
        check_reason(reason)
        now = self.clock()
        with self.uow.transaction() as uow:
            session = uow.session
            customer = session.get(repo.Customer, customer_id)
            if customer is None:
                raise NotFound(f"no customer {customer_id}")
            report = self._erase(session, customer, now)
            audit.record(session, now, actor, "erase", customer_id,
                         {**report.to_dict(), "reason": reason.strip() or None})
        logger.info("erasure customer_id=%s anonymised=%s kept=%s", customer_id,
                    report.anonymised, len(report.kept))
        return report

    def _erase(self, session: Session, customer: repo.Customer, now: Any) -> ErasureReport:
        keep = what_to_keep(session, customer.id, self.policy, now)
        if keep.everything:
            return ErasureReport(customer.id, {}, [{"what": "everything",
                                                    "why": keep.everything}])
        kept: list[dict[str, Any]] = []
        contacts = prepo.contacts_of(session, customer.id)
        addresses = [identity.value for identity in prepo.identities_of(session, customer.id)]
        erasable = [c for c in contacts if c.id not in keep.contacts]
        # Survey answers' words go with their contacts (anonymise_contacts); counted here.
        surveys = anonymise_surveys(session, [c.id for c in erasable])
        count = {"contacts": anonymise_contacts(session, erasable, now), "complaints": 0,
                 "surveys": surveys, "outbound_messages": 0, "customer": 0}
        kept += [{"what": f"contact {c.reference}", "why": keep.contacts[c.id]}
                 for c in contacts if c.id in keep.contacts]
        count.update(self._registers(session, customer.id, keep, kept, now))
        for row in prepo.complaints_of(session, customer.id):
            if row.id in keep.complaints:
                kept.append({"what": f"complaint {row.reference}",
                             "why": keep.complaints[row.id]})
            elif anonymise_complaint(session, row, now):
                count["complaints"] += 1
        if keep.identity:
            kept.append({"what": "name and addresses", "why": keep.identity})
            return ErasureReport(customer.id, count, kept)
        # Messages to their addresses with no contact of theirs (e.g. a letter), last.
        held = set(keep.contacts)
        for message in prepo.outbound_to(session, (), addresses):
            if message.contact_id not in held and message.body != REMOVED:
                scrub_outbound(message)
                count["outbound_messages"] += 1
        count["customer"] = int(anonymise_customer(session, customer, now))
        return ErasureReport(customer.id, count, kept)

    def _registers(
        self, session: Session, customer_id: int, keep: Keep, kept: list[dict[str, Any]],
        now: Any,
    ) -> dict[str, int]:
        """Hazard cases and household records: anonymised unless kept (and why)."""
        count = {"hazard_cases": 0, "household_members": 0}
        contact_ids = [c.id for c in prepo.contacts_of(session, customer_id)]
        for case in prepo.hazard_cases_of(session, customer_id, contact_ids):
            if case.id in keep.hazard_cases:
                kept.append({"what": f"hazard case {case.reference}",
                             "why": keep.hazard_cases[case.id]})
            elif anonymise_hazard_case(session, case, now):
                count["hazard_cases"] += 1
        addresses = [i.value for i in prepo.identities_of(session, customer_id)]
        for member, tenancy, _home in prepo.household_members_reached_at(session, addresses):
            if member.id in keep.household:
                kept.append({"what": f"household record #{member.id} of {tenancy.reference}",
                             "why": keep.household[member.id]})
            elif anonymise_household_member(session, member, now):
                count["household_members"] += 1
        return count
