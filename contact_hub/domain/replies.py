"""The words we send back to residents, as pure functions of what we know.

Kept short enough for two SMS segments; every reply carries the reference so the
resident can quote it on any channel.
"""

from __future__ import annotations

from collections.abc import Sequence

DANGER_LINE = "If anyone is in danger call 999."


def acknowledgement(
    reference: str, category: str, organisation: str, channel: str = "sms"
) -> str:
    """The first reply to a routed contact, by category, worded for its channel."""
    if category == "emergency":
        return (
            f"{organisation}: we are treating this as an emergency and alerting our "
            f"on-call team now. Your reference is {reference}. {DANGER_LINE}"
        )
    if category == "complaint":
        return (
            f"{organisation}: thank you for telling us. We have logged your complaint, "
            f"reference {reference}. A complaints advisor will contact you within 5 working "
            "days to confirm what it is about and when we will respond."
        )
    return (
        f"{organisation}: thanks, we have your message. Your reference is {reference}. "
        f"We will be in touch soon. {_ADD_MORE.get(channel, _ADD_MORE['sms'])}"
    )


_ADD_MORE = {
    "sms": "Reply to this number to add anything.",
    "email": "Reply to this email to add anything (keep the reference in the subject).",
    "messenger": "Reply here to add anything.",
    "instagram": "Reply here to add anything.",
    "whatsapp": "Reply here to add anything.",
}


def emergency_immediate(reference: str, advice: Sequence[str], organisation: str) -> str:
    """The instant reply to an emergency: what to do now, then that we are acting."""
    lines = [*advice] if advice else [DANGER_LINE]
    lines.append(f"{organisation} is alerting the on-call team now. Reference {reference}.")
    return " ".join(lines)


def help_reply(organisation: str) -> str:
    """The answer to a HELP/INFO keyword, which might also be a resident in trouble."""
    return (
        f"{organisation}: text us about a repair or problem at any time. {DANGER_LINE} "
        "Smell gas? Call 0800 111 999. Reply STOP to stop texts."
    )
