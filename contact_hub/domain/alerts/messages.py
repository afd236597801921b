"""What on-call staff and residents are told about an alert: pure text, no I/O."""

from __future__ import annotations

from collections.abc import Iterable

VOICE_ACK_DIGIT = "1"


def hazard_words(hazards: Iterable[str]) -> str:
    """"gas, no heating" from hazard keys; "emergency" when none were named."""
    words = [h.replace("_", " ") for h in sorted(hazards)]
    return ", ".join(words) or "emergency"


def place_words(address: str | None, customer: object) -> str:
    """Where, as a page says it; an unknown address says so and asks for a call back first
    (an engineer must never guess the door)."""
    if address:
        return address
    return f"address NOT KNOWN: call the resident back first (resident #{customer})"


def page_sms(alert_id: int, hazards: Iterable[str], place: str, ack_code: str) -> str:
    """The SMS page: what, where, and how to acknowledge, in one segment where possible."""
    return (
        f"EMERGENCY alert {alert_id}: {hazard_words(hazards)} reported ({place}). "
        f"Reply ACK {ack_code} to acknowledge."
    )


def reminder_sms(alert_id: int, hazards: Iterable[str], place: str, ack_code: str,
                 minutes: int) -> str:
    """To whoever acknowledged an alert that is still open hours later."""
    return (
        f"Reminder: EMERGENCY alert {alert_id} ({hazard_words(hazards)}, {place}) was "
        f"acknowledged by you {_duration(minutes)} ago and is not resolved. When the home "
        f"is safe, reply RESOLVED {ack_code}."
    )


def reminder_reply(by: str, ack_code: str, minutes: int) -> str:
    """The Slack thread note under the card for the same reminder."""
    return (
        f"Acknowledged by {by} {_duration(minutes)} ago and still not resolved: is it in hand? "
        f"Press Resolve when the home is safe (or text RESOLVED {ack_code})."
    )


def _duration(minutes: int) -> str:
    """"45 minutes", "2 hours", "1 hour 30 minutes"."""
    hours, rest = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' * (hours != 1)}"] if hours else []
    if rest or not hours:
        parts.append(f"{rest} minute{'s' * (rest != 1)}")
    return " ".join(parts)


def voice_script(alert_id: int, hazards: Iterable[str], place: str) -> str:
    """What the paging call says before asking for the acknowledge key."""
    return (
        f"This is an emergency alert from the contact hub, alert number {alert_id}. "
        f"A resident has reported {hazard_words(hazards)}, {place}."
    )


def voice_prompt() -> str:
    return f"Press {VOICE_ACK_DIGIT} to acknowledge this alert and stop paging."


def resident_follow_up(reference: str, organisation: str) -> str:
    """Sent to the resident once someone on call has acknowledged their emergency."""
    return (
        f"{organisation}: An engineer has been told and is dealing with it "
        f"(ref {reference}). If you are in danger or smell gas, call 999 or the "
        f"National Gas Emergency line on 0800 111 999."
    )


def sms_resolve_reply(alert_id: int, resolved_now: bool) -> str:
    """The answer to an on-call "RESOLVED code" text."""
    if resolved_now:
        return f"Alert {alert_id} resolved. Thank you."
    return f"Alert {alert_id} was already resolved."


def sms_ack_reply(alert_id: int, acknowledged_now: bool, by: str | None) -> str:
    """The answer to an on-call "ACK code" text."""
    if acknowledged_now:
        return f"Alert {alert_id} acknowledged. Paging has stopped. Thank you."
    return f"Alert {alert_id} was already acknowledged by {by or 'someone else'}."


def sms_unknown_code(code: str) -> str:
    return f"No open alert has code {code}. Check the code in the page and try again."
