"""What the session concept tests route with: one router, an email when the text starts with a
subject line, else an SMS."""

from __future__ import annotations

from routing import Decision, Message, Router

ROUTER = Router()


def route(text: str) -> Decision:
    """An email when the text starts with a subject line, else an SMS."""
    return ROUTER.route(Message(text, "email" if text.startswith("Subject:") else "sms"))


def rules_cues(decision: Decision, prefix: str) -> list[str]:
    """The rules' own cues starting with `prefix` (not the learned model's)."""
    return [r.cue for r in decision.reasons if r.cue.startswith(prefix)]
