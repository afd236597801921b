"""Agents correct the router: reclassify a contact with a reason, audited and re-routed.

Re-routing runs the same routed handlers as the router's own decision, so reclassifying
to complaint raises the complaint and reclassifying to emergency opens an alert.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy.orm import Session

import routing
from contact_hub.clock import Clock
from contact_hub.domain.contacts.types import Category, ContactStatus
from contact_hub.domain.errors import Invalid, NotFound
from contact_hub.services.contacts.inbound import thread_contact
from contact_hub.services.contacts.routing import (
    AGENT_RECLASSIFIED,
    RoutedHandler,
    run_handlers,
)
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage import repository as repo
from routing.types import CATEGORIES, QUEUES

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, tuple[int, str]] = {
    Category.EMERGENCY: (1, "emergencies"), Category.COMPLAINT: (2, "complaints")}


class Reclassifier:
    """Applies an agent's category (and optionally queue) to a contact."""

    def __init__(
        self,
        uow: UnitsOfWork,
        handlers: Sequence[RoutedHandler],
        clock: Clock,
    ) -> None:
        self.uow = uow
        self.handlers = handlers
        self.clock = clock

    def reclassify(
        self, contact_id: int, category: str, reason: str, actor: str, queue: str | None = None
    ) -> None:
        """Record the agent's decision and run what follows from it.

        Raises:
            NotFound: no such contact.
            Invalid: unknown category or queue, or no reason given.
        """
        _validate(category, reason, queue)
        with self.uow() as uow:
            contact = uow.contacts.get(contact_id)
            if contact is None:
                raise NotFound(f"no contact {contact_id}")
            session = uow.session
            thread_contact(session, contact)  # an agent may be quicker than the hand-off
            decision = _decision(contact, category, reason.strip(), queue)
            self._record(session, contact, decision, actor, reason.strip())
            run_handlers(self.handlers, uow, contact, decision)
            uow.commit()
        logger.info("contact reclassified contact_id=%s category=%s", contact_id, category)

    def _record(
        self,
        session: Session,
        contact: repo.Contact,
        decision: routing.Decision,
        actor: str,
        reason: str,
    ) -> None:
        now = self.clock()
        previous = contact.category
        contact.category = decision.category
        contact.priority = decision.priority
        contact.queue = decision.queue
        contact.decision = decision.to_dict()
        contact.status = ContactStatus.ROUTED  # an agent's decision routes a contact still waiting
        contact.routed_at = contact.routed_at or now
        session.add(
            repo.ContactEvent(
                contact_id=contact.id,
                at=now,
                kind="reclassified",
                actor=actor,
                detail={
                    "from": previous,
                    "to": decision.category,
                    "reason": reason,
                    "queue": decision.queue,
                },
            )
        )


def _validate(category: str, reason: str, queue: str | None) -> None:
    if category not in CATEGORIES:
        raise Invalid(f"category: must be one of {', '.join(CATEGORIES)}")
    if not reason or not reason.strip():
        raise Invalid("reason: required, so the change can be audited")
    if queue is not None and queue not in QUEUES:
        raise Invalid(f"queue: must be one of {', '.join(QUEUES)}")


def _decision(
    contact: repo.Contact, category: str, reason: str, queue: str | None
) -> routing.Decision:
    previous = contact.decision or {}
    default_priority, default_queue = DEFAULTS.get(category, (3, None))
    keep_queue = previous.get("queue") not in (None, "emergencies", "complaints")
    chosen_queue = queue or default_queue or (previous["queue"] if keep_queue else "general")
    emergency = category == Category.EMERGENCY
    return routing.Decision(
        category=category,
        priority=default_priority,
        queue=chosen_queue,
        reasons=(routing.Reason(cue=AGENT_RECLASSIFIED, words=reason),),
        hazards=tuple(previous.get("hazards", ())),
        vulnerabilities=tuple(previous.get("vulnerabilities", ())),
        also_complaint=bool(previous.get("also_complaint")) and emergency,
        safety_advice=tuple(previous.get("safety_advice", ())) if emergency else (),
        related_request=previous.get("related_request"),
    )
