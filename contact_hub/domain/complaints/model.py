"""The complaint case: value objects, stage records and the aggregate.

Immutable dataclasses; every change goes through a function in
``complaint_lifecycle`` / ``exclusions`` / ``complaint_records`` that
returns a :class:`Transition` (the new complaint plus the events appended to its
timeline) or raises :class:`InvalidTransition`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import IntEnum, StrEnum
from typing import Any, ClassVar

from contact_hub.domain.complaints.deadlines import add_years, london_date

BSA_RETENTION_YEARS = 7


class InvalidTransition(Exception):
    """An action is not allowed in the complaint's current state.

    ``reason`` is written for a complaint handler; the API returns it with 409.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Stage(IntEnum):
    """The Code allows exactly two stages (5.2, 5.3): no stage 0, no stage 3."""

    ONE = 1
    TWO = 2


class Status(StrEnum):
    """Where the complaint is in the two-stage process."""

    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    RESPONDED = "responded"
    ESCALATION_REQUESTED = "escalation_requested"
    CLOSED = "closed"
    DECLINED = "declined"


class ComplainantKind(StrEnum):
    """Who is complaining; members of the public cannot use the Ombudsman (policy)."""

    RESIDENT = "resident"
    LEASEHOLDER = "leaseholder"
    FORMER_RESIDENT = "former_resident"
    MEMBER_OF_PUBLIC = "member_of_public"


class Decision(StrEnum):
    """The decision on the complaint stated in a stage response."""

    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    NOT_UPHELD = "not_upheld"


class RemedyType(StrEnum):
    """Remedies listed in Code 7.1."""

    APOLOGY = "apology"
    EXPLANATION = "explanation"
    ACTION = "action"
    DECISION_CHANGE = "decision_change"
    RECORD_AMENDMENT = "record_amendment"
    FINANCIAL = "financial"
    POLICY_CHANGE = "policy_change"


class ExclusionGround(StrEnum):
    """Reasons the policy allows for not considering a complaint (Code 2.2)."""

    OVER_12_MONTHS = "over_12_months"
    LEGAL_PROCEEDINGS_FILED = "legal_proceedings_filed"
    ALREADY_CONSIDERED = "already_considered"
    OTHER_APPEAL_ROUTE = "other_appeal_route"
    # Stage 2 only: asked for more than 30 days after the stage 1 response (policy).
    ESCALATION_OUT_OF_TIME = "escalation_out_of_time"


class BuildingSafetyConcern(StrEnum):
    """What makes a complaint a Building Safety Act 'relevant complaint' (s.93)."""

    STRUCTURAL_FAILURE = "structural_failure"
    FIRE_OR_SMOKE_SPREAD = "fire_or_smoke_spread"
    ACCOUNTABLE_PERSON_DUTIES = "accountable_person_duties"


@dataclass(frozen=True)
class Person:
    """A member of staff (handler) with the name residents are told."""

    id: str
    name: str


@dataclass(frozen=True)
class Advocate:
    """Someone the resident has authorised to complain for them."""

    name: str
    relationship: str
    authorised_on: date


@dataclass(frozen=True)
class Complainant:
    """The person complaining, and any advocate acting for them."""

    name: str
    resident_id: str | None = None
    kind: ComplainantKind = ComplainantKind.RESIDENT
    advocate: Advocate | None = None

    @property
    def can_use_housing_ombudsman(self) -> bool:
        """Members of the public have no access to the Housing Ombudsman (policy)."""
        return self.kind is not ComplainantKind.MEMBER_OF_PUBLIC


@dataclass(frozen=True)
class ComplaintDefinition:
    """Our understanding of the complaint and the outcomes sought (Code 5.6)."""

    understanding: str
    outcomes_sought: tuple[str, ...]


@dataclass(frozen=True)
class BuildingSafety:
    """Facts needed to decide whether this is a BSA relevant complaint."""

    higher_risk_building: bool = False
    concerns: tuple[BuildingSafetyConcern, ...] = ()

    @property
    def relevant_complaint(self) -> bool:
        """A building safety risk or accountable-person duty in a higher-risk building."""
        return self.higher_risk_building and bool(self.concerns)


@dataclass(frozen=True)
class Remedy:
    """Something offered to put things right; amounts in pence to avoid float rounding."""

    id: str
    type: RemedyType
    description: str
    reason: str
    amount_pence: int | None = None
    reimburses_loss: bool = False
    offset_against_debt: bool = False
    resident_consented_to_offset: bool = False


@dataclass(frozen=True)
class OutstandingAction:
    """Work promised in a response, tracked until done (Code 6.6)."""

    id: str
    description: str
    owner: str
    due_on: date
    done_at: datetime | None = None


@dataclass(frozen=True)
class Extension:
    """The one extension allowed per stage."""

    reason: str
    new_due: date
    agreed_at: datetime


@dataclass(frozen=True)
class StageResponse:
    """What a stage response said, as sent (the checklist has been passed)."""

    stage: Stage
    definition: ComplaintDefinition
    decision: Decision
    reasons: str
    remedies: tuple[Remedy, ...]
    outstanding_actions: tuple[OutstandingAction, ...]


@dataclass(frozen=True)
class StageRecord:
    """Dates and people for one stage; the names are those the API shows."""

    # Derived values written into the serialised dict for readers; ignored on load.
    SERIALISED_PROPERTIES: ClassVar[tuple[str, ...]] = ("response_due",)

    stage: Stage
    requested_at: datetime
    acknowledge_by: date
    handler: Person | None = None
    definition: ComplaintDefinition | None = None
    acknowledged_at: datetime | None = None
    response_due_base: date | None = None
    extension: Extension | None = None
    responded_at: datetime | None = None
    response: StageResponse | None = None
    requested_late: bool = False
    late_acceptance_reason: str | None = None

    @property
    def response_due(self) -> date | None:
        """The response deadline after any extension."""
        return self.extension.new_due if self.extension else self.response_due_base


@dataclass(frozen=True)
class Exclusion:
    """One ground for declining, with the case-specific detail that evidences it."""

    ground: ExclusionGround
    detail: str


@dataclass(frozen=True)
class Declined:
    """A decision not to consider (stage 1) or not to escalate (stage 2)."""

    stage: Stage
    exclusions: tuple[Exclusion, ...]
    explanation: str
    declined_at: datetime


@dataclass(frozen=True)
class UnreasonableBehaviourFlag:
    """Vexatious or repeated complaints: flagged and reviewed, never dropped."""

    reason: str
    review_on: date
    flagged_at: datetime
    flagged_by: str


@dataclass(frozen=True)
class ComplaintEvent:
    """One entry of the append-only timeline.

    ``at`` is when it happened (may be back-dated to record work done outside
    the system); ``recorded_at`` is when it was entered.
    """

    kind: str
    at: datetime
    recorded_at: datetime
    actor: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Complaint:
    """A complaint case: the aggregate that storage persists as a whole."""

    SERIALISED_PROPERTIES: ClassVar[tuple[str, ...]] = (
        "stage",
        "is_priority",
        "is_bsa_relevant",
        "retain_until",
    )

    reference: str
    complainant: Complainant
    channel: str
    received_at: datetime
    summary: str
    status: Status
    stages: tuple[StageRecord, ...]
    contact_ids: tuple[str, ...] = ()
    issue_occurred_on: date | None = None
    concerns_health_and_safety: bool = False
    concerns_safeguarding: bool = False
    building_safety: BuildingSafety = BuildingSafety()
    remedies: tuple[Remedy, ...] = ()
    outstanding_actions: tuple[OutstandingAction, ...] = ()
    declined: Declined | None = None
    closed_reason: str | None = None
    unreasonable_behaviour: UnreasonableBehaviourFlag | None = None
    related_references: tuple[str, ...] = ()
    timeline: tuple[ComplaintEvent, ...] = ()

    @property
    def stage(self) -> Stage:
        """The stage the complaint is at now."""
        return self.stages[-1].stage

    @property
    def current(self) -> StageRecord:
        """The record of the current stage."""
        return self.stages[-1]

    def stage_record(self, stage: Stage) -> StageRecord | None:
        """The record for ``stage``, or None if the complaint never reached it."""
        return next((s for s in self.stages if s.stage == stage), None)

    @property
    def handler(self) -> Person | None:
        """The handler of the current stage."""
        return self.current.handler

    @property
    def is_open(self) -> bool:
        """Open until closed or declined."""
        return self.status not in (Status.CLOSED, Status.DECLINED)

    @property
    def is_bsa_relevant(self) -> bool:
        """A Building Safety Act relevant complaint (kept 7 years, BSR signposted)."""
        return self.building_safety.relevant_complaint

    @property
    def is_priority(self) -> bool:
        """Safety complaints are treated as a priority (policy)."""
        return self.concerns_health_and_safety or self.concerns_safeguarding or self.is_bsa_relevant

    @property
    def retain_until(self) -> date | None:
        """For BSA relevant complaints, 7 years after the latest entry in the record.

        Counted from the last event (closure, once closed) because the record must
        show the outcome; None means the landlord's ordinary retention applies.
        """
        if not self.is_bsa_relevant:
            return None
        last = self.timeline[-1].at if self.timeline else self.received_at
        return add_years(london_date(last), BSA_RETENTION_YEARS)


@dataclass(frozen=True)
class Transition:
    """The result of an action: the new complaint and the events it appended."""

    complaint: Complaint
    events: tuple[ComplaintEvent, ...]
