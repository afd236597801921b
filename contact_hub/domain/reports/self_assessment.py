"""The self-assessment against the Housing Ombudsman's Complaint Handling Code (2024), pure.

One row per provision the system can speak to: the requirement, the evidence the system
holds for the year (a figure from the annual report, or how the system enforces it), and
the landlord's own commentary. ``basis`` says what kind of evidence it is:

- ``measured``: a figure from this year's report; the landlord judges whether it complies;
- ``enforced``: the software refuses to do otherwise (the evidence names the rule);
- ``landlord``: a matter of policy or governance the system cannot see; commentary needed.

Provision numbers and wording follow reference/complaint-rules.md §1 (2024 numbering).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Report = Mapping[str, Any]


@dataclass(frozen=True)
class Provision:
    """One Code provision and where its evidence comes from."""

    code: str
    requirement: str
    basis: str
    evidence: Callable[[Report], str]


def _measure(report: Report, code: str) -> dict[str, Any]:
    return next(m for m in report["tsm"] if m["code"] == code)


def _pct(report: Report, code: str, what: str) -> str:
    m = _measure(report, code)
    if m["value"] is None:
        return f"{what}: none in the year"
    return f"{what}: {m['value']:g} % ({m['numerator']} of {m['denominator']})"


def _fixed(text: str) -> Callable[[Report], str]:
    return lambda _report: text


def _channels(report: Report) -> str:
    channels = report["volumes"]["by_channel"]
    if not channels:
        return "no complaints received in the year"
    listed = ", ".join(f"{name} {count}" for name, count in channels.items())
    return f"complaints received by channel: {listed}"


def _declined(report: Report) -> str:
    d = report["declined"]
    return (f"{d['total']} declined in the year, each with recorded grounds; the decline "
            "letter gives the reasons and the right to go to the Ombudsman (enforced)")


def _stage1_timely(report: Report) -> str:
    with_ext = _pct(report, "CH02(1)", "stage 1 responses within the Code's timescale")
    base = _measure(report, "CH02(1) without extensions")
    if base["value"] is None:
        return with_ext
    return f"{with_ext}; {base['value']:g} % within 10 working days without extensions"


def _stage2_timely(report: Report) -> str:
    with_ext = _pct(report, "CH02(2)", "stage 2 responses within the Code's timescale")
    base = _measure(report, "CH02(2) without extensions")
    if base["value"] is None:
        return with_ext
    return f"{with_ext}; {base['value']:g} % within 20 working days without extensions"


def _extensions(stage: str, limit: int) -> Callable[[Report], str]:
    def evidence(report: Report) -> str:
        count = report["extensions"][stage]["count"]
        return (f"{count} stage {stage} extensions in the year, each with its reason told to "
                f"the resident; an extension beyond {limit} working days is refused (enforced)")
    return evidence


def _remedies(report: Report) -> str:
    r = report["remedies"]
    offered = sum(r["by_type"].values())
    return (f"{offered} remedies offered, £{r['compensation_pounds']} compensation in "
            f"{r['financial_payments']} payments; each tracked with the response (enforced)")


def _learning(report: Report) -> str:
    imp = report["improvements"]
    return (f"{len(report['lessons'])} lessons recorded; {imp['agreed_in_year']} service "
            f"improvements agreed, {imp['done']} done, {imp['open']} open, "
            f"{imp['overdue']} overdue on {report['as_of']}")


def _categories(report: Report) -> str:
    cats = report["categories"]
    unclassified = next((r["complaints"] for r in cats["by_category"]
                         if r["code"] == "unclassified"), 0)
    return (f"{cats['complaints'] - unclassified} of {cats['complaints']} complaints "
            "classified by category and service area; root causes recorded for "
            f"{report['root_causes']['complaints_with_a_cause']}")


def _independent(report: Report) -> str:
    i = report["independent_investigations"]
    return (f"{i['flagged']} complaints flagged for independent investigation; a handler from "
            f"the team concerned is refused (enforced); {i['awaiting_independent_handler']} "
            "awaiting an independent handler")


def _governing_body(report: Report) -> str:
    g = report["governing_body_response"]
    if not g["completed"]:
        return "the governing body's response has not been recorded yet"
    return f"governing body's response recorded by {g['responded_by'] or 'the MRC'}"


def _ombudsman(report: Report) -> str:
    o = report["ombudsman"]
    return (f"{o['referrals']} referrals to the Ombudsman; {o['maladministration_findings']} "
            f"findings of maladministration or service failure; {o['cases_with_orders']} cases "
            f"with orders, {o['cases_with_orders_complied']} complied with")


def _satisfaction(report: Report) -> str:
    s = report["satisfaction"]["complaint"]
    if not s["answers"]:
        return "no answers to the complaint-handling survey in the year"
    return (f"{s['satisfied_percent']:g} % of {s['answers']} complainants satisfied with how "
            "their complaint was handled")


PROVISIONS: tuple[Provision, ...] = (
    Provision("1.2", "A complaint is any expression of dissatisfaction, however made",
              "measured", _channels),
    Provision("1.3", "Residents need not use the word 'complaint'; they are offered the choice",
              "enforced", _fixed("the classifier treats expressed dissatisfaction as a complaint "
                                 "without the word (routing rules, tested)")),
    Provision("2.1-2.4", "Complaints are accepted unless a valid, evidenced exclusion applies; "
              "a refusal explains why and gives the right to the Ombudsman", "enforced",
              _declined),
    Provision("2.3", "Complaints within 12 months of the issue are accepted; later ones are "
              "considered with discretion", "enforced",
              _fixed("over 12 months prompts a discretion review, never an automatic refusal")),
    Provision("3.1", "Residents can complain through several channels", "measured", _channels),
    Provision("5.2-5.3", "Exactly two stages; no stage 0 or informal stage", "enforced",
              _fixed("the case has stage 1 and stage 2 only")),
    Provision("5.6", "The complaint definition (understanding and outcomes sought) is set out "
              "at each stage", "enforced",
              _fixed("an acknowledgement cannot be recorded without both")),
    Provision("5.14", "Restrictions for unacceptable behaviour are evidenced and reviewed",
              "enforced", _fixed("a flag needs a reason and a future review date; deadlines "
                                 "still run while flagged")),
    Provision("6.2", "Stage 1 acknowledged, defined and logged within 5 working days",
              "measured", lambda r: _pct(r, "ACK5(1)", "stage 1 acknowledged within 5 "
                                                       "working days")),
    Provision("6.3", "Stage 1 full response within 10 working days of acknowledgement",
              "measured", _stage1_timely),
    Provision("6.4-6.5", "Stage 1 extensions no more than 10 working days, with reasons and "
              "the Ombudsman's details", "enforced", _extensions("1", 10)),
    Provision("6.9", "Each response states the stage, definition, decision, reasons, remedy, "
              "outstanding actions and how to escalate", "enforced",
              _fixed("every response carries the escalation route: yes, enforced (a response "
                     "cannot be issued until the checklist passes)")),
    Provision("6.11", "Stage 2 acknowledged within 5 working days of the escalation request",
              "measured", lambda r: _pct(r, "ACK5(2)", "stage 2 acknowledged within 5 "
                                                       "working days")),
    Provision("6.13", "The stage 2 investigator is not the stage 1 investigator", "enforced",
              _fixed("assigning the stage 1 handler to stage 2 is refused")),
    Provision("6.14", "Stage 2 full response within 20 working days of acknowledgement",
              "measured", _stage2_timely),
    Provision("6.15-6.16", "Stage 2 extensions no more than 20 working days, with reasons and "
              "the Ombudsman's details", "enforced", _extensions("2", 20)),
    Provision("7.1-7.3", "Remedies put things right, reflect the impact and are followed "
              "through", "measured", _remedies),
    Provision("Policy", "Complaints about complaint-handling staff, heads of service, or "
              "involving serious injury, discrimination, data protection, safeguarding or a "
              "child are investigated independently", "enforced", _independent),
    Provision("8.1", "An annual complaints performance and service improvement report with "
              "this self-assessment", "enforced",
              _fixed("this report, produced from the case records")),
    Provision("8.2", "The governing body reviews the report and its response is published "
              "alongside", "landlord", _governing_body),
    Provision("9.1-9.3", "Complaints are used as intelligence: learning and service "
              "improvements", "measured", _learning),
    Provision("9.7", "The governing body receives volumes, categories, outcomes and "
              "Ombudsman compliance", "measured",
              lambda r: f"{_categories(r)}; {_ombudsman(r)}"),
    Provision("TP09", "Residents' satisfaction with complaint handling", "measured",
              _satisfaction),
    Provision("4.1-4.3", "A complaints officer with authority, trained staff, resourced as a "
              "core service", "landlord", _fixed("not held in the system")),
    Provision("9.5", "A Member Responsible for Complaints on the governing body", "landlord",
              lambda r: f"response recorded by {r['governing_body_response']['responded_by']}"
              if r["governing_body_response"]["responded_by"] else "not recorded"),
)


def self_assessment(report: Report, commentary: Mapping[str, str]) -> list[dict[str, Any]]:
    """The checklist rows for ``report`` with the landlord's commentary by provision."""
    return [
        {
            "provision": p.code,
            "requirement": p.requirement,
            "basis": p.basis,
            "evidence": p.evidence(report),
            "commentary": commentary.get(p.code),
        }
        for p in PROVISIONS
    ]


PROVISION_CODES = tuple(p.code for p in PROVISIONS)
