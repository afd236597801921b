"""Stage responses: the content checklist and issuing the response (Code 6.6, 6.9)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from contact_hub.domain.complaints.deadlines import london_date
from contact_hub.domain.complaints.lifecycle import replace_current
from contact_hub.domain.complaints.model import (
    Complaint,
    Decision,
    InvalidTransition,
    OutstandingAction,
    Remedy,
    StageRecord,
    StageResponse,
    Status,
    Transition,
)
from contact_hub.domain.complaints.records import check_new_actions, check_remedy
from contact_hub.domain.complaints.timeline import append_event, check_when


@dataclass(frozen=True)
class ResponseDraft:
    """What the handler wants to send. ``None`` means "not stated yet".

    An empty tuple of remedies or outstanding actions is a statement ("none"),
    so the checklist can tell a considered "no remedy" from a forgotten one.
    """

    decision: Decision | None = None
    reasons: str = ""
    remedies: tuple[Remedy, ...] | None = None
    outstanding_actions: tuple[OutstandingAction, ...] | None = None


def response_checklist(record: StageRecord, draft: ResponseDraft) -> tuple[str, ...]:
    """What a stage response still lacks (Code 6.9 / 6.17, policy "responses ... will confirm").

    The stage and the way to escalate are filled in from the stage itself by the
    message template, so they cannot be missing; the rest must come from the handler.
    """
    missing: list[str] = []
    if record.definition is None:
        missing.append("the complaint definition (acknowledge the stage first)")
    if draft.decision is None:
        missing.append("the decision on the complaint")
    if not draft.reasons.strip():
        missing.append("the reasons for the decision")
    if draft.remedies is None:
        missing.append("any remedy offered (state none if none)")
    if draft.outstanding_actions is None:
        missing.append("any outstanding actions (state none if none)")
    return tuple(missing)


def respond(
    complaint: Complaint, *, at: datetime, now: datetime, actor: str, draft: ResponseDraft
) -> Transition:
    """Issue the stage response once the checklist is complete.

    The response is sent when the answer is known; outstanding actions are
    tracked afterwards (Code 6.6), so they do not hold the response back.
    """
    if complaint.status is not Status.ACKNOWLEDGED:
        raise InvalidTransition(
            f"stage {complaint.stage} is {complaint.status.value}; a response can only be "
            "issued once the stage has been acknowledged and before it has been answered"
        )
    when = check_when(complaint, at, now)
    missing = response_checklist(complaint.current, draft)
    if missing:
        raise InvalidTransition("the response cannot be issued without: " + "; ".join(missing))
    assert complaint.current.definition is not None and draft.decision is not None  # checked above
    remedies = draft.remedies or ()
    actions = draft.outstanding_actions or ()
    for remedy in remedies:
        check_remedy(complaint, remedy)
    check_new_actions(complaint, actions)
    response = StageResponse(
        stage=complaint.stage,
        definition=complaint.current.definition,
        decision=draft.decision,
        reasons=draft.reasons.strip(),
        remedies=remedies,
        outstanding_actions=actions,
    )
    due = complaint.current.response_due
    details = {
        "stage": int(complaint.stage),
        "decision": draft.decision.value,
        "on_time": due is not None and london_date(when) <= due,
    }
    return append_event(
        complaint,
        kind="responded",
        at=when,
        now=now,
        actor=actor,
        details=details,
        stages=replace_current(complaint, responded_at=when, response=response),
        status=Status.RESPONDED,
        remedies=(*complaint.remedies, *remedies),
        outstanding_actions=(*complaint.outstanding_actions, *actions),
    )
