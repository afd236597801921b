"""Can an emergency reach a person? The paging paths as configured, judged before any
resident is promised that someone is being alerted.

Pure: the settings layer says what is configured, the rota says who holds a tier now;
these functions say what cannot page anyone (for start-up, `/readyz` and the logs) and
whether the words a resident gets may say "we are alerting our on-call team".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PagingPaths:
    """What is configured for paging on-call staff."""

    slack: bool  # SLACK_BOT_TOKEN and SLACK_EMERGENCY_CHANNEL
    phone_delivery: str  # "twilio" (really sent), "dry_run" (stored, shown), "none"
    rota: bool  # ONCALL_ROTA_FILE
    fallback_number: bool  # ONCALL_FALLBACK_NUMBER

    @property
    def phone_target(self) -> bool:
        """Someone has a number to text and call (the rota's, else the fallback)."""
        return self.rota or self.fallback_number

    def phone_pages(self, someone_on_call_now: bool) -> bool:
        """An SMS/voice page reaches (or, dry-run, would reach) a person now."""
        return self.phone_delivery != "none" and (someone_on_call_now or self.fallback_number)

    def anyone_reachable(self, someone_on_call_now: bool) -> bool:
        """True when an emergency raised now pages at least one person or channel."""
        return self.slack or self.phone_pages(someone_on_call_now)


def problems(paths: PagingPaths, someone_on_call_now: bool) -> list[str]:
    """Every emergency path that cannot page anyone, in words an operator acts on."""
    found: list[str] = []
    if not paths.phone_target:
        found.append(
            "no on-call rota (ONCALL_ROTA_FILE) and no fallback number "
            "(ONCALL_FALLBACK_NUMBER): SMS and voice pages reach nobody"
        )
    elif not (someone_on_call_now or paths.fallback_number):
        found.append("nobody on the rota is on call now and there is no fallback number")
    if paths.phone_delivery == "dry_run":
        found.append(
            "Twilio is not configured for sending (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, "
            "TWILIO_FROM_NUMBER): SMS and voice pages are stored in the outbox, not sent"
        )
    elif paths.phone_delivery == "none":
        found.append(
            "Twilio is not configured for sending (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, "
            "TWILIO_FROM_NUMBER): SMS and voice pages cannot be sent"
        )
    if not paths.slack:
        found.append(
            "Slack is not configured (SLACK_BOT_TOKEN and SLACK_EMERGENCY_CHANNEL): "
            "no Slack alerts"
        )
    if not paths.anyone_reachable(someone_on_call_now):
        found.append(
            "NOBODY CAN BE PAGED: a resident reporting an emergency is told to call 999 "
            "(or the gas emergency line) and the out-of-hours number, and the contact is "
            "flagged for the first agent"
        )
    return found
