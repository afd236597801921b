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


def assert_paged_by(text: str, cue: str) -> None:
    """Paged, and by the rules' `cue` (not only the learned model)."""
    decision = route(text)
    assert decision.category == "emergency"
    assert rules_cues(decision, cue)


def assert_paged(text: str) -> None:
    assert route(text).category == "emergency"


def assert_not_paged(text: str) -> None:
    assert route(text).category != "emergency"
