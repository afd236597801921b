"""Loading and saving a complaint case: the row lock, the version check, the API view.

``ComplaintStore`` holds what every complaint use case needs and the one way they
change a case: lock the row, apply a domain change, save it with any letters in the
same transaction, and enqueue the send jobs after commit.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from contact_hub.clock import Clock
from contact_hub.domain import complaints as domain
from contact_hub.domain.complaints.serialisation import complaint_to_dict
from contact_hub.domain.contacts.references import ALPHABET, LENGTH
from contact_hub.domain.errors import Conflict, Invalid, NotFound
from contact_hub.domain.working_days import CalendarNotCovered, WorkingCalendar
from contact_hub.queueing import JobRequest
from contact_hub.services.complaints.letters import Letter, queue_letters
from contact_hub.services.homes.matching import place_of
from contact_hub.services.outbox import Outbox
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.services.workspace.agent_work import mark_resolved
from contact_hub.storage.complaints import repository as crepo

logger = logging.getLogger(__name__)

Change = Callable[[domain.Complaint, datetime], domain.Transition]


def new_complaint_reference() -> str:
    """A reference like ``CMP-7K3QM9P``: distinct from contact references (``CH-``)."""
    return "CMP-" + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


@dataclass(frozen=True)
class ComplaintView:
    """A case as the API shows it."""

    complaint: domain.Complaint
    reply_channel: str
    building_id: str | None
    survey: dict[str, Any]
    notices: list[dict[str, Any]] = field(default_factory=list)
    home: dict[str, Any] | None = None  # the property of its contacts, from the register

    def to_dict(self) -> dict[str, Any]:
        """The case's JSON: the domain record plus reply route, building, survey, notices."""
        data = complaint_to_dict(self.complaint)
        data.pop("schema_version", None)
        data.update(
            reply_channel=self.reply_channel,
            building_id=self.building_id,
            survey=self.survey,
            notices=self.notices,
            property=self.home,
        )
        return data


class ComplaintStore:
    """Dependencies of the complaint use cases, and loading and saving a case."""

    def __init__(
        self,
        uow: UnitsOfWork,
        outbox: Outbox,
        clock: Clock,
        calendar: WorkingCalendar,
        homes: int,
        *,
        organisation: str,
    ) -> None:
        self.uow = uow
        self.outbox = outbox
        self.clock = clock
        self.calendar = calendar
        self.homes = homes
        self.organisation = organisation  # signs every letter

    def _act(
        self, reference: str, change: Change, letter: Letter | None = None, *, survey: bool = False
    ) -> ComplaintView:
        """Apply ``change`` to the locked case, save it, then enqueue its letters."""
        try:
            with self.uow() as uow:
                row = self._locked(uow.session, reference)
                transition = self._run(change, crepo.to_domain(row), self.clock())
                jobs: list[JobRequest] = []
                view = self._save(uow.session, row, transition, letter, survey, jobs)
                uow.enqueue_all(jobs)
                uow.commit()
        except crepo.StaleDataError as error:
            raise Conflict(f"{reference} was changed by someone else; try again") from error
        event = transition.events[-1]
        logger.info("complaint %s reference=%s", event.kind, reference)
        return view

    def _locked(self, session: Session, reference: str) -> crepo.ComplaintRow:
        row = crepo.complaint_by_reference(session, reference, for_update=True)
        if row is None:
            raise NotFound(f"no complaint {reference}")
        return row

    def _run(self, change: Change, complaint: Any, now: datetime) -> domain.Transition:
        """The domain's refusals as our errors: a wrong move is 409, an uncovered date 400."""
        try:
            return change(complaint, now)
        except domain.InvalidTransition as error:
            raise Conflict(error.reason) from error
        except CalendarNotCovered as error:
            raise Invalid(str(error)) from error

    def _save(
        self,
        session: Session,
        row: crepo.ComplaintRow,
        transition: domain.Transition,
        letter: Letter | None,
        survey: bool,
        jobs: list[JobRequest],
    ) -> ComplaintView:
        complaint = transition.complaint
        now = self.clock()
        crepo.write(row, complaint, now)
        if not complaint.is_open:
            _resolve_contacts(session, row, transition.events[-1].actor, now)
        jobs.extend(queue_letters(self.outbox, session, row, transition, letter, survey,
                                  self.organisation))
        if survey:
            row.survey_sent_at = now
        session.flush()
        return self._view(session, row, complaint)

    def _insert(
        self,
        session: Session,
        complaint: domain.Complaint,
        customer_id: int,
        reply_channel: str,
        reply_to: str,
        building_id: str | None,
        now: datetime,
    ) -> crepo.ComplaintRow:
        row = crepo.ComplaintRow(
            customer_id=customer_id,
            reply_channel=reply_channel,
            reply_to=reply_to[:500],
            building_id=building_id,
            created_at=now,
        )
        crepo.write(row, complaint, now)
        session.add(row)
        session.flush()
        return row

    def _new_reference(self, session: Session) -> str:
        while True:
            reference = new_complaint_reference()
            if not crepo.reference_taken(session, reference):
                return reference

    def _building_safety(
        self,
        session: Session,
        building_id: str | None,
        concerns: tuple[domain.BuildingSafetyConcern, ...],
    ) -> domain.BuildingSafety:
        """The case's building safety; ``building_id`` must be in the register (else 400)."""
        if building_id is None:
            return domain.BuildingSafety(concerns=concerns)
        building = crepo.get_building(session, building_id)
        if building is None:
            raise Invalid(f"building_id: {building_id} is not in the building register")
        return domain.BuildingSafety(higher_risk_building=building.higher_risk, concerns=concerns)

    def _view(
        self, session: Session, row: crepo.ComplaintRow, complaint: domain.Complaint
    ) -> ComplaintView:
        survey = {
            "sent_at": _iso(row.survey_sent_at),
            "score": row.satisfaction_score,
            "comment": row.satisfaction_comment,
            "answered_at": _iso(row.satisfaction_recorded_at),
        }
        notices = [
            {
                "kind": n.kind,
                "deadline": n.deadline_kind,
                "due_on": n.due_on.isoformat(),
                "status": n.status,
                "created_at": _iso(n.created_at),
            }
            for n in crepo.notices_for(session, row.id)
        ]
        homes = [c.home for c in crepo.contacts_of_complaint(session, row.id) if c.home]
        home = place_of(homes[0]).to_dict() if homes else None
        return ComplaintView(complaint, row.reply_channel, row.building_id, survey, notices, home)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _resolve_contacts(session: Session, row: crepo.ComplaintRow, actor: str, now: datetime) -> None:
    """A case that has ended (closed or declined) takes its contacts out of the agents'
    queues: the complaint was where they were dealt with."""
    for contact in crepo.contacts_of_complaint(session, row.id):
        mark_resolved(session, contact, actor, now,
                      {"complaint": row.reference, "status": row.status})
