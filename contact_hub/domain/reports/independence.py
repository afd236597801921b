"""The independent-investigation rule (policy: "If the complaint is about a member of the
complaints team it will be investigated independently ... Any escalated complaints
(including serious injury, data protection/legal matters, ... racism or discrimination and
any complaints involving a minor or vulnerable person) will be investigated by the relevant
head of service/director").

Which triggers apply is configuration (``INDEPENDENT_INVESTIGATION_TRIGGERS``); a flagged
complaint cannot be handled by someone in the team it concerns
(``IndependentInvestigation.allows``), enforced whenever a handler is named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from contact_hub.domain.complaints.model import (
    Complaint,
    IndependenceTrigger,
    IndependentInvestigation,
)

ALL_TRIGGERS = frozenset(IndependenceTrigger)


@dataclass(frozen=True)
class IndependenceRule:
    """The triggers that flag a complaint for independent investigation."""

    triggers: frozenset[IndependenceTrigger] = ALL_TRIGGERS

    def reasons(
        self, complaint: Complaint, found: Iterable[IndependenceTrigger]
    ) -> tuple[IndependenceTrigger, ...]:
        """The configured triggers present, in a stable order; a safeguarding concern
        already recorded on the case counts without being named again."""
        present = set(found)
        if complaint.concerns_safeguarding:
            present.add(IndependenceTrigger.SAFEGUARDING)
        return tuple(t for t in IndependenceTrigger if t in present and t in self.triggers)

    def assess(
        self,
        complaint: Complaint,
        found: Iterable[IndependenceTrigger],
        subject_team: str | None,
        detail: str,
    ) -> IndependentInvestigation | None:
        """The flag to record, or None when no configured trigger applies.

        ValueError when flagged without naming the team the complaint concerns: without
        it, nobody could check the investigator is independent.
        """
        reasons = self.reasons(complaint, found)
        if not reasons:
            return None
        if not subject_team or not subject_team.strip():
            raise ValueError(
                "name the team the complaint concerns (subject_team): it is flagged for "
                "independent investigation and must go to someone outside that team"
            )
        return IndependentInvestigation(reasons, subject_team.strip(), detail.strip())


def parse_triggers(value: str) -> frozenset[IndependenceTrigger]:
    """``safeguarding,involves_child`` → triggers; ``all`` (or empty) for every one;
    ``none`` to switch the rule off. ValueError names the unknown trigger."""
    words = [w.strip() for w in value.split(",") if w.strip()]
    if not words or words == ["all"]:
        return ALL_TRIGGERS
    if words == ["none"]:
        return frozenset()
    try:
        return frozenset(IndependenceTrigger(w) for w in words)
    except ValueError as error:
        known = ", ".join(t.value for t in IndependenceTrigger)
        raise ValueError(
            f"INDEPENDENT_INVESTIGATION_TRIGGERS: {error}; use all, none or some of {known}"
        ) from None
