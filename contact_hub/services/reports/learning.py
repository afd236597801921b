"""Recording learning on a complaint case: classification (and the independent-
investigation rule), root causes, lessons, service improvements, the Ombudsman's
determination; and the two handling moves the rule needs (reassigning the handler,
recording a withdrawal). Each is one domain change saved under the case's row lock."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from contact_hub.clock import Clock
from contact_hub.domain import complaints as domain
from contact_hub.domain.reports import learning
from contact_hub.domain.reports.categories import ComplaintVocabulary
from contact_hub.domain.reports.independence import IndependenceRule
from contact_hub.domain.working_days import WorkingCalendar
from contact_hub.services.complaints.store import ComplaintStore, ComplaintView
from contact_hub.services.outbox import Outbox
from contact_hub.services.unit_of_work import UnitsOfWork


class ComplaintLearning(ComplaintStore):
    """What a complaint was about, why it happened and what changed because of it."""

    def __init__(
        self,
        uow: UnitsOfWork,
        outbox: Outbox,
        clock: Clock,
        calendar: WorkingCalendar,
        homes: int,
        vocabulary: ComplaintVocabulary,
        rule: IndependenceRule,
        *,
        organisation: str,
    ) -> None:
        super().__init__(uow, outbox, clock, calendar, homes,
                         organisation=organisation)
        self.vocabulary = vocabulary
        self.rule = rule

    def classify(
        self,
        reference: str,
        *,
        actor: str,
        at: datetime | None,
        classification: domain.Classification,
        triggers: Iterable[domain.IndependenceTrigger],
        subject_team: str | None,
        detail: str,
    ) -> ComplaintView:
        """Record the service area and category; flag independent investigation by rule."""
        found = tuple(triggers)
        return self._act(reference, lambda c, now: learning.classify(
            c, classification=classification, triggers=found, subject_team=subject_team,
            detail=detail, vocabulary=self.vocabulary, rule=self.rule, at=at or now, now=now,
            actor=actor))

    def add_root_cause(
        self, reference: str, *, actor: str, at: datetime | None, cause: domain.RootCause
    ) -> ComplaintView:
        """Record a root cause the investigation found."""
        return self._act(reference, lambda c, now: learning.add_root_cause(
            c, cause=cause, at=at or now, now=now, actor=actor))

    def record_lesson(
        self, reference: str, *, actor: str, at: datetime | None, lesson: domain.Lesson
    ) -> ComplaintView:
        """Record a lesson learnt from the complaint."""
        return self._act(reference, lambda c, now: learning.record_lesson(
            c, lesson=lesson, at=at or now, now=now, actor=actor))

    def agree_improvement(
        self, reference: str, *, actor: str, at: datetime | None,
        improvement: domain.ServiceImprovement,
    ) -> ComplaintView:
        """Record a service improvement agreed because of the complaint."""
        return self._act(reference, lambda c, now: learning.agree_improvement(
            c, improvement=improvement, at=at or now, now=now, actor=actor))

    def complete_improvement(
        self, reference: str, improvement_id: str, *, actor: str, at: datetime | None
    ) -> ComplaintView:
        """Mark a service improvement done."""
        return self._act(reference, lambda c, now: learning.complete_improvement(
            c, improvement_id=improvement_id, at=at or now, now=now, actor=actor))

    def record_ombudsman(
        self, reference: str, *, actor: str, at: datetime | None, case: domain.OmbudsmanCase
    ) -> ComplaintView:
        """Record the Ombudsman referral, determination and orders (an admin's job)."""
        return self._act(reference, lambda c, now: learning.record_ombudsman(
            c, case=case, at=at or now, now=now, actor=actor))

    def assign(
        self, reference: str, *, actor: str, at: datetime | None, handler: domain.Person
    ) -> ComplaintView:
        """Give the current stage to another handler (independent where the rule says)."""
        return self._act(reference, lambda c, now: domain.assign_handler(
            c, handler=handler, at=at or now, now=now, actor=actor))

    def withdraw(
        self, reference: str, *, actor: str, at: datetime | None, reason: str
    ) -> ComplaintView:
        """Record that the resident withdrew the complaint before its stage response."""
        return self._act(reference, lambda c, now: domain.withdraw(
            c, at=at or now, now=now, actor=actor, reason=reason))
