"""Letters and messages to the complainant, as templates kept as data.

Wording lives in ``TEMPLATES`` (``string.Template``) so it can be reviewed or
replaced without touching the logic. Contact details come only from
reference/complaint-rules.md: the Housing Ombudsman's phone number and website.
The Building Safety Regulator's address, phone and email (which SI 2023/907
reg. 12(2)(f) requires in the policy) are not in our sources, so the BSR is
signposted by its GOV.UK complaints page; a landlord can supply fuller details
through ``Signposts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from string import Template

from contact_hub.domain.complaints.deadlines import escalation_window_ends, london_date
from contact_hub.domain.complaints.model import (
    Complaint,
    Decision,
    ExclusionGround,
    Remedy,
    Stage,
    StageResponse,
)


@dataclass(frozen=True)
class Message:
    """A message to the complainant in plain text, channel-neutral."""

    subject: str
    body: str


@dataclass(frozen=True)
class Signposts:
    """Where a complainant can take things next."""

    ombudsman: str = (
        "the Housing Ombudsman Service: phone 0300 111 3000, website www.housing-ombudsman.org.uk"
    )
    building_safety_regulator: str = (
        "the Building Safety Regulator: "
        "www.gov.uk/guidance/complain-about-a-building-safety-risk-in-a-high-rise-building"
    )


DEFAULT_SIGNPOSTS = Signposts()

TEMPLATES: dict[str, Template] = {
    "acknowledgement_subject": Template("Your complaint $reference: stage $stage acknowledged"),
    "acknowledgement": Template(
        "Dear $name,\n\nThank you for contacting us. We have logged your complaint at stage "
        "$stage with reference $reference.\n\nOur understanding of your complaint: $understanding"
        "\n\nThe outcomes you are seeking:\n$outcomes\n\nIf we have misunderstood anything, "
        "please tell us. $handler is handling your complaint and we will respond in full by "
        "$target.$ombudsman_note"
    ),
    "extension_subject": Template("Your complaint $reference: we need more time"),
    "extension": Template(
        "Dear $name,\n\nWe need more time to respond to your stage $stage complaint "
        "($reference) because: $reason\n\nWe will now respond by $new_date.$ombudsman_note"
    ),
    "decline_subject": Template("Your complaint $reference: not taken forward"),
    "decline": Template(
        "Dear $name,\n\nWe are not able to $what under our complaints policy.\n\n"
        "Why: $explanation\n\nThe policy grounds that apply:\n$grounds$ombudsman_right"
    ),
    "response_subject": Template("Your complaint $reference: our stage $stage response"),
    "response": Template(
        "Dear $name,\n\nThis is our stage $stage response to your complaint $reference."
        "\n\nYour complaint: $understanding\n\nOutcomes you sought:\n$outcomes\n\n"
        "Our decision: $decision\n\nOur reasons: $reasons\n\nWhat we will do to put things "
        "right:\n$remedies\n\nOutstanding actions:\n$actions\n\n$next_steps"
    ),
    "stage1_next_steps": Template(
        "If you are not satisfied, you can ask us to take your complaint to stage 2. You do "
        "not need to give a reason. Please contact us by $escalate_by, quoting $reference."
        "$ombudsman_note"
    ),
    "stage2_next_steps": Template(
        "This is our final response. If you remain dissatisfied you can refer your complaint "
        "to $ombudsman."
    ),
    "ombudsman_note": Template(
        "\n\nYou can contact $ombudsman at any time for advice about your complaint."
    ),
    "ombudsman_right": Template("\n\nYou have the right to take this decision to $ombudsman."),
    "bsr_note": Template(
        "\n\nBecause your complaint concerns building safety in a higher-risk building, if you "
        "are not satisfied with our final response you can refer it to $bsr."
    ),
    "survey": Template(
        "How satisfied are you with the way we handled your complaint $reference? "
        "Reply 1 (very satisfied) to 5 (very dissatisfied)."
    ),
}

DECISION_WORDS = {
    Decision.UPHELD: "we uphold your complaint",
    Decision.PARTLY_UPHELD: "we partly uphold your complaint",
    Decision.NOT_UPHELD: "we do not uphold your complaint",
}

GROUND_WORDS = {
    ExclusionGround.OVER_12_MONTHS: (
        "the issue happened, or you became aware of it, over 12 months ago"
    ),
    ExclusionGround.LEGAL_PROCEEDINGS_FILED: "legal proceedings about it have been filed at court",
    ExclusionGround.ALREADY_CONSIDERED: (
        "it has already been considered under our complaints policy"
    ),
    ExclusionGround.OTHER_APPEAL_ROUTE: "another appeal route is available for it",
    ExclusionGround.ESCALATION_OUT_OF_TIME: (
        "stage 2 was requested more than 30 days after our stage 1 response"
    ),
}


def long_date(day: date) -> str:
    """'Thursday 14 January 2027': unambiguous for residents."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _bullets(lines: list[str]) -> str:
    """A list as a letter shows it: each item starts with a capital."""
    return "\n".join(f"- {line[:1].upper()}{line[1:]}" for line in lines) if lines else "- None"


def _ombudsman_note(complaint: Complaint, signposts: Signposts) -> str:
    if not complaint.complainant.can_use_housing_ombudsman:
        return ""
    return TEMPLATES["ombudsman_note"].substitute(ombudsman=signposts.ombudsman)


def _addressee(complaint: Complaint) -> str:
    """Write to the advocate when one is acting for the resident (policy)."""
    advocate = complaint.complainant.advocate
    return advocate.name if advocate else complaint.complainant.name


def acknowledgement_message(
    complaint: Complaint, signposts: Signposts = DEFAULT_SIGNPOSTS
) -> Message:
    """Acknowledgement: reference, our understanding, target date and handler's name."""
    record = complaint.current
    if record.definition is None or record.handler is None or record.response_due is None:
        raise ValueError("the current stage has not been acknowledged")
    fields = {"reference": complaint.reference, "stage": int(record.stage)}
    body = TEMPLATES["acknowledgement"].substitute(
        fields,
        name=_addressee(complaint),
        understanding=record.definition.understanding,
        outcomes=_bullets(list(record.definition.outcomes_sought)),
        handler=record.handler.name,
        target=long_date(record.response_due),
        ombudsman_note=_ombudsman_note(complaint, signposts),
    )
    return Message(TEMPLATES["acknowledgement_subject"].substitute(fields), body)


def extension_notice(complaint: Complaint, signposts: Signposts = DEFAULT_SIGNPOSTS) -> Message:
    """The reason and the new date together, with the Ombudsman's details (Code 6.5)."""
    record = complaint.current
    if record.extension is None:
        raise ValueError("the current stage has not been extended")
    fields = {"reference": complaint.reference, "stage": int(record.stage)}
    body = TEMPLATES["extension"].substitute(
        fields,
        name=_addressee(complaint),
        reason=record.extension.reason,
        new_date=long_date(record.extension.new_due),
        ombudsman_note=_ombudsman_note(complaint, signposts),
    )
    return Message(TEMPLATES["extension_subject"].substitute(fields), body)


def decline_message(complaint: Complaint, signposts: Signposts = DEFAULT_SIGNPOSTS) -> Message:
    """Why we are not taking it forward, and the right to go to the Ombudsman (Code 2.4)."""
    declined = complaint.declined
    if declined is None:
        raise ValueError("the complaint has not been declined")
    what = "consider your complaint" if declined.stage is Stage.ONE else "escalate your complaint"
    right = (
        TEMPLATES["ombudsman_right"].substitute(ombudsman=signposts.ombudsman)
        if complaint.complainant.can_use_housing_ombudsman
        else ""
    )
    grounds = [f"{GROUND_WORDS[e.ground]}: {e.detail}" for e in declined.exclusions]
    body = TEMPLATES["decline"].substitute(
        name=_addressee(complaint),
        what=what,
        explanation=declined.explanation,
        grounds=_bullets(grounds),
        ombudsman_right=right,
    )
    return Message(TEMPLATES["decline_subject"].substitute(reference=complaint.reference), body)


def _remedy_line(remedy: Remedy) -> str:
    line = f"{remedy.description} ({remedy.reason})"
    if remedy.amount_pence is not None:
        line = f"£{remedy.amount_pence // 100:,}.{remedy.amount_pence % 100:02d}: {line}"
    if remedy.offset_against_debt:
        line += "; this will be used to reduce the amount you owe us, as agreed"
    return line


def _next_steps(complaint: Complaint, response: StageResponse, signposts: Signposts) -> str:
    stage1 = complaint.stage_record(Stage.ONE)
    if response.stage is Stage.ONE and stage1 and stage1.responded_at:
        text = TEMPLATES["stage1_next_steps"].substitute(
            escalate_by=long_date(escalation_window_ends(stage1.responded_at)),
            reference=complaint.reference,
            ombudsman_note=_ombudsman_note(complaint, signposts),
        )
    elif complaint.complainant.can_use_housing_ombudsman:
        text = TEMPLATES["stage2_next_steps"].substitute(ombudsman=signposts.ombudsman)
    else:
        text = "This is our final response."
    if complaint.is_bsa_relevant:
        text += TEMPLATES["bsr_note"].substitute(bsr=signposts.building_safety_regulator)
    return text


def stage_response_message(
    complaint: Complaint, stage: Stage, signposts: Signposts = DEFAULT_SIGNPOSTS
) -> Message:
    """The full stage response: every item the Code and policy require, in order."""
    record = complaint.stage_record(stage)
    if record is None or record.response is None:
        raise ValueError(f"stage {int(stage)} has no response")
    response = record.response
    actions = [
        f"{a.description} (by {long_date(a.due_on)}, {a.owner})"
        for a in response.outstanding_actions
    ]
    fields = {"reference": complaint.reference, "stage": int(stage)}
    body = TEMPLATES["response"].substitute(
        fields,
        name=_addressee(complaint),
        understanding=response.definition.understanding,
        outcomes=_bullets(list(response.definition.outcomes_sought)),
        decision=DECISION_WORDS[response.decision],
        reasons=response.reasons,
        remedies=_bullets([_remedy_line(r) for r in response.remedies]),
        actions=_bullets(actions),
        next_steps=_next_steps(complaint, response, signposts),
    )
    return Message(TEMPLATES["response_subject"].substitute(fields), body)


def satisfaction_survey_question(complaint: Complaint) -> str:
    """The question asked after closure, to learn how the complaint was handled (policy)."""
    return TEMPLATES["survey"].substitute(reference=complaint.reference)


def responded_on(complaint: Complaint, stage: Stage) -> date | None:
    """The London date a stage response was issued, for letters and reports."""
    record = complaint.stage_record(stage)
    return london_date(record.responded_at) if record and record.responded_at else None
