"""Value types the router takes and returns (stdlib only, frozen, JSON-friendly)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

CHANNELS = frozenset(
    {"sms", "voice", "email", "messenger", "instagram", "whatsapp", "web", "phone", "letter",
     "in_person"}
)
IVR_CHOICES = frozenset({"emergency", "repair", "complaint", "tenancy", "other"})
CATEGORIES = ("emergency", "complaint", "service_request")
QUEUES = (
    "repairs", "tenancy", "income", "anti_social_behaviour", "complaints", "emergencies", "general",
)
HAZARDS = (
    "gas", "carbon_monoxide", "fire", "electrical", "water", "sewage", "structural", "security",
    "loss_of_essential_service", "lift", "welfare",
)
VULNERABILITIES = ("elderly", "child", "disability", "medical_equipment", "pregnancy", "alone")


@dataclass(frozen=True)
class Message:
    """One inbound contact as the router sees it."""

    text: str
    channel: str = "sms"
    subject: str | None = None
    ivr_choice: str | None = None


@dataclass(frozen=True)
class OpenRequest:
    """A contact or service request of the same customer that is still open."""

    reference: str
    category: str
    queue: str
    hazards: tuple[str, ...]
    opened_at: datetime
    text: str


@dataclass(frozen=True)
class Context:
    """What we already know about the customer when the contact arrives."""

    open_requests: tuple[OpenRequest, ...] = ()
    recorded_vulnerabilities: tuple[str, ...] = ()
    now: datetime | None = None


@dataclass(frozen=True)
class Reason:
    """One cue that fired, with the words that triggered it (shown to agents)."""

    cue: str
    words: str


@dataclass(frozen=True)
class Decision:
    """What happens to a contact, and why."""

    category: str
    priority: int
    queue: str
    reasons: tuple[Reason, ...] = ()
    hazards: tuple[str, ...] = ()
    vulnerabilities: tuple[str, ...] = ()
    also_complaint: bool = False
    safety_advice: tuple[str, ...] = ()
    related_request: str | None = None
    # ISO 639-1 code of the text ("en", "pl", ...), None when not detected (rules-only preview).
    language: str | None = None
    # Not an emergency, but unsure: the resident gets the safety advice and the safety question.
    ask_safety_question: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict (reasons as {cue, words} objects)."""
        return {
            "category": self.category,
            "priority": self.priority,
            "queue": self.queue,
            "reasons": [{"cue": r.cue, "words": r.words} for r in self.reasons],
            "hazards": list(self.hazards),
            "vulnerabilities": list(self.vulnerabilities),
            "also_complaint": self.also_complaint,
            "safety_advice": list(self.safety_advice),
            "related_request": self.related_request,
            "language": self.language,
            "ask_safety_question": self.ask_safety_question,
        }
