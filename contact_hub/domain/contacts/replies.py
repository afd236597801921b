"""The words we send back to residents, as pure functions of what we know.

Kept short enough for two SMS segments; every reply carries the reference so the
resident can quote it on any channel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from contact_hub.domain.contacts.types import Category

DANGER_LINE = "If anyone is in danger, call 999."
GAS_NUMBER = "0800 111 999"
GAS_LINE = f"If you smell gas, call the National Gas Emergency Service free on {GAS_NUMBER}."


@dataclass(frozen=True)
class Paging:
    """Whether an emergency raised now reaches a person, and the landlord's own phone
    line for when it does not: the words never promise what the system cannot do."""

    anyone_reachable: bool = True
    out_of_hours_number: str | None = None


PAGING_WORKS = Paging()


def acknowledgement(
    reference: str, category: str, organisation: str, channel: str = "sms",
    paging: Paging = PAGING_WORKS,
) -> str:
    """The first reply to a routed contact, by category, worded for its channel."""
    if category == Category.EMERGENCY:
        if not paging.anyone_reachable:
            return f"{organisation}: {nobody_paged(paging)} Your reference is {reference}."
        return (
            f"{organisation}: we are treating this as an emergency and alerting our "
            f"on-call team now. Your reference is {reference}. {DANGER_LINE}"
        )
    if category == Category.COMPLAINT:
        return (
            f"{organisation}: thank you for telling us. We have logged your complaint, "
            f"reference {reference}. A complaints advisor will contact you within 5 working "
            "days to confirm what it is about and when we will respond."
        )
    return (
        f"{organisation}: thanks, we have your message. Your reference is {reference}. "
        f"We will be in touch soon. {_ADD_MORE.get(channel, _ADD_MORE['sms'])}"
    )


def nobody_paged(paging: Paging, *, already_said: str = "") -> str:
    """What a resident with an emergency is told when no on-call person can be paged;
    the 999 and gas lines are left out when the advice before it (`already_said`) has them."""
    phone = (
        f"Please call our out-of-hours emergency line now on {paging.out_of_hours_number}."
        if paging.out_of_hours_number
        else "Please phone our emergency repairs line now."
    )
    lines = ["we could not alert our on-call team automatically."]
    if "999" not in already_said.replace(GAS_NUMBER, ""):
        lines.append(DANGER_LINE)
    if GAS_NUMBER not in already_said:
        lines.append(GAS_LINE)
    lines += [phone, "An advisor will see your message first."]
    return " ".join(lines)


_ADD_MORE = {
    "sms": "Reply to this number to add anything.",
    "email": "Reply to this email to add anything (keep the reference in the subject).",
    "messenger": "Reply here to add anything.",
    "instagram": "Reply here to add anything.",
    "whatsapp": "Reply here to add anything.",
}


def emergency_immediate(
    reference: str, advice: Sequence[str], organisation: str, paging: Paging = PAGING_WORKS
) -> str:
    """The instant reply to an emergency: what to do now, then what we are doing."""
    lines = [*advice] if advice else [DANGER_LINE]
    if paging.anyone_reachable:
        lines.append(f"{organisation} is alerting the on-call team now. Reference {reference}.")
    else:
        said = " ".join(lines)
        lines.append(f"{organisation}: {nobody_paged(paging, already_said=said)} "
                     f"Reference {reference}.")
    return " ".join(lines)


def help_reply(organisation: str) -> str:
    """The answer to a HELP/INFO keyword, which might also be a resident in trouble."""
    return (
        f"{organisation}: text us about a repair or problem at any time. {DANGER_LINE} "
        "Smell gas? Call 0800 111 999. Reply STOP to stop texts."
    )
