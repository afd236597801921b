"""The retention job: anonymise what has been kept as long as the rules say.

`plan` lists what is due and what is held back (and why) without changing anything:
`contact-hub privacy retention --dry-run` prints it. `run` applies the same plan in the
same transaction, and records one audit row per run and one per person anonymised.
Every worker calls `tick` on its timer; a Redis key taken with NX makes it run at most
once per RETENTION_INTERVAL_HOURS across all workers, and a second run finds nothing to
do (every row it changes is marked `anonymised_at`), so running it twice is safe.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy.orm import Session

from contact_hub.clock import Clock
from contact_hub.domain.privacy.retention import REMOVED, RetentionPolicy, is_due
from contact_hub.services.privacy import audit, registers
from contact_hub.services.privacy.anonymiser import (
    anonymise_complaint,
    anonymise_contacts,
    anonymise_customer,
    anonymise_hazard_case,
    anonymise_household_member,
    scrub_outbound,
)
from contact_hub.services.privacy.holds import closed_at, complaint_keep_reason
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage import repository as repo
from contact_hub.storage.complaints.models import ComplaintRow
from contact_hub.storage.homes.models import HazardCase
from contact_hub.storage.privacy import repository as prepo

logger = logging.getLogger(__name__)

BATCH = 1000  # records anonymised per kind per run; the next run takes the rest
PAGE = 500  # rows read at a time; records held back never stop the scan
LOCK_KEY = "contact_hub:retention:last_run"
ACTOR = "retention"


@dataclass(frozen=True)
class Item:
    """One record the rules looked at: due (and why) or held back (and why)."""

    kind: str  # complaint | hazard_case | contact | outbound_message | household_member | customer
    id: int
    label: str  # a reference or id: never a name, number or text
    due: bool
    why: str

    def line(self) -> str:
        verb = "anonymise" if self.due else "keep"
        return f"{verb} {self.kind} {self.label}: {self.why}"


@dataclass
class RetentionPlan:
    items: list[Item] = field(default_factory=list)

    @property
    def due(self) -> list[Item]:
        return [item for item in self.items if item.due]

    @property
    def held(self) -> list[Item]:
        return [item for item in self.items if not item.due]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.due:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        return counts

    def lines(self) -> list[str]:
        return [item.line() for item in self.items]

    def note(self, kind: str, id: int, label: str, due: bool, why: str) -> None:  # noqa: A002
        self.items.append(Item(kind, id, label, due, why))


class RetentionJob:
    """Applies the retention policy (see docs/privacy.md)."""

    def __init__(
        self,
        uow: UnitsOfWork,
        redis: Redis | None,
        clock: Clock,
        policy: RetentionPolicy,
        interval: timedelta,
        page: int = PAGE,
    ) -> None:
        self.page = page
        self.uow = uow
        self.redis = redis
        self.clock = clock
        self.policy = policy
        self.interval = interval

    def plan(self) -> RetentionPlan:
        """What a run would do now, changing nothing (the run is rolled back)."""
        with self.uow() as uow:
            session = uow.session
            try:
                return self._execute(session, self.clock())
            finally:
                session.rollback()

    def run(self) -> RetentionPlan:
        """Anonymise what is due now; audited; a second run finds nothing."""
        now = self.clock()
        with self.uow.transaction() as uow:
            session = uow.session
            plan = self._execute(session, now)
            audit.record(session, now, ACTOR, "retention", None, {
                "anonymised": plan.counts(), "held": len(plan.held),
                "policy": vars(self.policy).copy(),
                "complaints": [i.label for i in plan.due if i.kind == "complaint"][:200],
                "hazard_cases": [i.label for i in plan.due if i.kind == "hazard_case"][:200],
            })
        if plan.due:
            logger.info("retention anonymised %s; held back %s", plan.counts(), len(plan.held))
        return plan

    def tick(self) -> RetentionPlan | None:
        """Run if no worker has in the last interval (the workers' timer calls this)."""
        if self.interval <= timedelta(0) or self.redis is None:
            return None
        try:
            taken = self.redis.set(LOCK_KEY, self.clock().isoformat(), nx=True,
                                   ex=int(self.interval.total_seconds()))
        except RedisError:
            return None  # next tick; the database is the record, nothing is lost
        return self.run() if taken else None

    # --- deciding and applying, in order: cases, contacts, messages, then people -----------

    def _execute(self, session: Session, now: datetime) -> RetentionPlan:
        plan = RetentionPlan()
        on_hold = prepo.customers_on_hold(session)
        for row in self._complaints(session, now, on_hold, plan):
            anonymise_complaint(session, row, now)
            linked = [c for c in prepo.contacts_of_complaint(session, row.id)
                      if c.anonymised_at is None]
            hazards = prepo.hazard_case_of_contacts(session, [c.id for c in linked])
            linked = [c for c in linked if self._hazard_held(hazards.get(c.id), now) is None]
            plan.items += [Item("contact", c.id, c.reference, True,
                                f"part of complaint {row.reference}, which has expired")
                           for c in linked]
            anonymise_contacts(session, linked, now)
        self._hazard_cases(session, now, on_hold, plan)
        anonymise_contacts(session, self._contacts(session, now, on_hold, plan), now)
        cutoff = self.policy.contact_cutoff(now)
        for message in prepo.unlinked_outbound_before(session, cutoff, REMOVED, BATCH):
            plan.items.append(Item("outbound_message", message.id, f"#{message.id}", True,
                                   f"sent {message.created_at.date().isoformat()}; "
                                   + self.policy.contact_rule()))
            scrub_outbound(message)
        for member in registers.household_members_due(session, self.policy, now, plan.note,
                                                      BATCH, self.page):
            anonymise_household_member(session, member, now)
        session.flush()  # people whose last records went just now are found below
        for customer in prepo.customers_with_nothing_left(session, cutoff, BATCH):
            if customer.id in on_hold:
                continue
            plan.items.append(Item("customer", customer.id, f"#{customer.id}", True,
                                   "known since before the cutoff, and every contact and "
                                   "case of theirs has expired"))
            anonymise_customer(session, customer, now)
            audit.record(session, now, ACTOR, "retention", customer.id,
                         {"anonymised": "customer"})
        return plan

    def _hazard_cases(
        self, session: Session, now: datetime, on_hold: set[int], plan: RetentionPlan
    ) -> None:
        """Expired hazard cases and their contacts (a contact also in a complaint that is
        still kept stays with that complaint)."""
        for case in registers.hazard_cases_due(session, self.policy, now, on_hold, plan.note,
                                               BATCH, self.page):
            anonymise_hazard_case(session, case, now)
            linked = [c for c in prepo.contacts_of_hazard_case(session, case.id)
                      if c.anonymised_at is None]
            complaints = prepo.complaint_of_contacts(session, [c.id for c in linked])
            linked = [c for c in linked if c.id not in complaints
                      or complaints[c.id].anonymised_at is not None]
            plan.items += [Item("contact", c.id, c.reference, True,
                                f"part of hazard case {case.reference}, which has expired")
                           for c in linked]
            anonymise_contacts(session, linked, now)

    def _complaints(
        self, session: Session, now: datetime, on_hold: set[int], plan: RetentionPlan
    ) -> list[ComplaintRow]:
        due: list[ComplaintRow] = []
        before = self.policy.earliest_cutoff(now)
        after = 0
        while len(due) < BATCH:
            page = prepo.closed_complaints_before(session, before, self.page, after)
            for row in page:
                if self._complaint_due(row, now, on_hold, plan):
                    due.append(row)
            if len(page) < self.page:
                break
            after = page[-1].id
        return due

    def _complaint_due(
        self, row: ComplaintRow, now: datetime, on_hold: set[int], plan: RetentionPlan
    ) -> bool:
        ended = closed_at(row)
        expires = self.policy.complaint_expires_on(ended, bsa_relevant=row.bsa_relevant)
        kept_until = (f"closed {ended.date().isoformat()}, kept until {expires.isoformat()}: "
                      + self.policy.complaint_rule(bsa_relevant=row.bsa_relevant))
        if not is_due(expires, now):
            if row.bsa_relevant and is_due(
                    self.policy.complaint_expires_on(ended, bsa_relevant=False), now):
                plan.items.append(Item("complaint", row.id, row.reference, False, kept_until))
            return False
        if row.customer_id in on_hold:
            plan.items.append(Item("complaint", row.id, row.reference, False,
                                   f"legal hold on customer {row.customer_id}"))
            return False
        plan.items.append(Item("complaint", row.id, row.reference, True, kept_until))
        return True

    def _contacts(
        self, session: Session, now: datetime, on_hold: set[int], plan: RetentionPlan
    ) -> list[repo.Contact]:
        due: list[repo.Contact] = []
        cutoff, after = self.policy.contact_cutoff(now), 0
        while len(due) < BATCH:
            page = prepo.contacts_inactive_since(session, cutoff, self.page, after)
            due += self._contacts_due(session, page, now, on_hold, plan)
            if len(page) < self.page:
                break
            after = page[-1].id
        return due

    def _contacts_due(
        self, session: Session, candidates: Sequence[repo.Contact], now: datetime,
        on_hold: set[int], plan: RetentionPlan,
    ) -> list[repo.Contact]:
        ids = [contact.id for contact in candidates]
        cases = prepo.complaint_of_contacts(session, ids)
        hazards = prepo.hazard_case_of_contacts(session, ids)
        alerts = prepo.alert_of_contacts(session, ids)
        events = prepo.last_event_at(session, ids)
        due: list[repo.Contact] = []
        for contact in candidates:
            last = max(moment for moment in (contact.received_at, contact.resolved_at,
                                             events.get(contact.id)) if moment is not None)
            expires = self.policy.contact_expires_on(last)
            if not is_due(expires, now):
                continue
            held = self._contact_held(contact, cases.get(contact.id), alerts.get(contact.id),
                                      on_hold, now) or self._hazard_held(hazards.get(contact.id),
                                                                         now)
            why = held or (f"last activity {last.date().isoformat()}, kept until "
                           f"{expires.isoformat()}: " + self.policy.contact_rule())
            plan.items.append(Item("contact", contact.id, contact.reference, held is None, why))
            if held is None:
                due.append(contact)
        return due

    def _hazard_held(self, case: HazardCase | None, now: datetime) -> str | None:
        if case is None or case.anonymised_at is not None:
            return None
        return (registers.hazard_keep_reason(case, self.policy, now)
                or f"part of hazard case {case.reference}, kept until the case expires")

    def _contact_held(
        self, contact: repo.Contact, case: ComplaintRow | None, alert: Any,
        on_hold: set[int], now: datetime,
    ) -> str | None:
        if contact.customer_id in on_hold:
            return f"legal hold on customer {contact.customer_id}"
        if alert is not None and alert.state != "resolved":
            return f"emergency alert #{alert.id} is still {alert.state}"
        if case is not None and case.anonymised_at is None:
            return (complaint_keep_reason(case, self.policy, now)
                    or f"part of complaint {case.reference}, kept until the case expires")
        return None
