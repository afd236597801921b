"""Actions on a complaint case: each one domain change, saved under the row lock.

Acknowledge, extend, respond, escalate, decline and close move the case through its
stages (most send the complainant a letter); remedies, outstanding actions, flags,
safety and the survey answer are recorded against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from contact_hub.domain import complaints as domain
from contact_hub.domain.complaints.messages import (
    acknowledgement_message,
    decline_message,
    extension_notice,
    stage_response_message,
)
from contact_hub.domain.errors import Conflict, Invalid
from contact_hub.queueing import JobRequest
from contact_hub.services.complaints.store import ComplaintStore, ComplaintView
from contact_hub.storage.complaints import repository as crepo


@dataclass(frozen=True)
class SafetyUpdate:
    """What the complaint is about, for priority, the 12-month rule and the BSA."""

    concerns_health_and_safety: bool
    concerns_safeguarding: bool
    building_id: str | None
    building_safety_concerns: tuple[domain.BuildingSafetyConcern, ...]


class ComplaintActions(ComplaintStore):
    """Progresses a case through its stages and records what is done on it."""

    def acknowledge(
        self,
        reference: str,
        *,
        actor: str,
        at: datetime | None,
        handler: domain.Person,
        definition: domain.ComplaintDefinition,
        late_acceptance_reason: str | None = None,
    ) -> ComplaintView:
        """Acknowledge, define and log the stage; the acknowledgement letter goes out."""
        return self._act(
            reference,
            lambda c, now: domain.acknowledge(
                c,
                at=at or now,
                now=now,
                actor=actor,
                handler=handler,
                definition=definition,
                calendar=self.calendar,
                late_acceptance_reason=late_acceptance_reason,
            ),
            acknowledgement_message,
        )

    def extend(
        self, reference: str, *, actor: str, at: datetime | None, reason: str, new_due: date
    ) -> ComplaintView:
        """Agree the stage's one extension; the resident is told why and the new date."""
        return self._act(
            reference,
            lambda c, now: domain.extend(
                c,
                at=at or now,
                now=now,
                actor=actor,
                reason=reason,
                new_due=new_due,
                calendar=self.calendar,
            ),
            extension_notice,
        )

    def respond(
        self, reference: str, *, actor: str, at: datetime | None, draft: domain.ResponseDraft
    ) -> ComplaintView:
        """Issue the stage response (only once the checklist passes) and send it."""
        return self._act(
            reference,
            lambda c, now: domain.respond(c, at=at or now, now=now, actor=actor, draft=draft),
            lambda c: stage_response_message(c, c.stage),
        )

    def escalate(self, reference: str, *, actor: str, at: datetime | None) -> ComplaintView:
        """Log the resident's request for stage 2 (no reason asked of them)."""
        return self._act(
            reference,
            lambda c, now: domain.request_escalation(
                c, at=at or now, now=now, actor=actor, calendar=self.calendar
            ),
        )

    def decline(
        self,
        reference: str,
        *,
        actor: str,
        at: datetime | None,
        exclusions: tuple[domain.Exclusion, ...],
        explanation: str,
    ) -> ComplaintView:
        """Decline on the policy's grounds; the letter gives the right to the Ombudsman."""
        return self._act(
            reference,
            lambda c, now: domain.decline(
                c,
                exclusions=exclusions,
                explanation=explanation,
                at=at or now,
                now=now,
                actor=actor,
            ),
            decline_message,
        )

    def close(
        self, reference: str, *, actor: str, at: datetime | None, reason: str
    ) -> ComplaintView:
        """Close a responded case and ask the complainant how we handled it."""
        return self._act(
            reference,
            lambda c, now: domain.close(c, at=at or now, now=now, actor=actor, reason=reason),
            survey=True,
        )

    def record_remedy(
        self, reference: str, *, actor: str, at: datetime | None, remedy: domain.Remedy
    ) -> ComplaintView:
        """Record a remedy or compensation (never offset against debt without consent)."""
        return self._act(
            reference,
            lambda c, now: domain.record_remedy(
                c, remedy=remedy, at=at or now, now=now, actor=actor
            ),
        )

    def complete_action(
        self, reference: str, action_id: str, *, actor: str, at: datetime | None
    ) -> ComplaintView:
        """Mark a promised outstanding action done; until then it stays on reminder lists."""
        return self._act(
            reference,
            lambda c, now: domain.complete_outstanding_action(
                c, action_id=action_id, at=at or now, now=now, actor=actor
            ),
        )

    def flag_unreasonable_behaviour(
        self, reference: str, *, actor: str, at: datetime | None, reason: str, review_on: date
    ) -> ComplaintView:
        """Flag a vexatious or repeated complaint; deadlines and reminders still apply."""
        return self._act(
            reference,
            lambda c, now: domain.flag_unreasonable_behaviour(
                c, reason=reason, review_on=review_on, at=at or now, now=now, actor=actor
            ),
        )

    def review_unreasonable_behaviour(
        self,
        reference: str,
        *,
        actor: str,
        at: datetime | None,
        outcome: str,
        next_review_on: date | None,
    ) -> ComplaintView:
        """Review the flag (policy: restrictions are kept under regular review): keep it
        until `next_review_on`, or lift it (None)."""
        return self._act(
            reference,
            lambda c, now: domain.review_unreasonable_behaviour(
                c, outcome=outcome, next_review_on=next_review_on, at=at or now, now=now,
                actor=actor,
            ),
        )

    def update_safety(
        self, reference: str, *, actor: str, at: datetime | None, update: SafetyUpdate
    ) -> ComplaintView:
        """Mark safety concerns and the building (BSA relevant complaints are kept 7 years)."""
        with self.uow() as uow:
            session = uow.session
            row = self._locked(session, reference)
            building = self._building_safety(
                session, update.building_id, update.building_safety_concerns
            )
            transition = self._run(
                lambda c, now: domain.update_safety(
                    c,
                    at=at or now,
                    now=now,
                    actor=actor,
                    concerns_health_and_safety=update.concerns_health_and_safety,
                    concerns_safeguarding=update.concerns_safeguarding,
                    building_safety=building,
                ),
                crepo.to_domain(row),
                self.clock(),
            )
            row.building_id = update.building_id
            jobs: list[JobRequest] = []
            view = self._save(session, row, transition, None, False, jobs)
            uow.enqueue_all(jobs)
            uow.commit()
            return view

    def record_satisfaction(
        self, reference: str, *, score: int, comment: str | None, at: datetime | None
    ) -> ComplaintView:
        """Store the complainant's answer to the survey (1 very satisfied .. 5 very not)."""
        if not 1 <= score <= 5:
            raise Invalid("score: must be 1 (very satisfied) to 5 (very dissatisfied)")
        with self.uow() as uow:
            session = uow.session
            row = self._locked(session, reference)
            if row.survey_sent_at is None:
                raise Conflict(f"{reference} has not been sent the satisfaction survey yet")
            when = at or self.clock()
            if when > self.clock():
                raise Conflict("the answer cannot be recorded as given in the future")
            row.satisfaction_score, row.satisfaction_comment = score, comment
            row.satisfaction_recorded_at = when
            view = self._view(session, row, crepo.to_domain(row))
            uow.commit()
            return view
