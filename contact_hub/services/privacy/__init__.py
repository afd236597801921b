"""Privacy (UK GDPR): retention, legal holds, subject access export and erasure.

See docs/privacy.md for what is held, the retention defaults and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from contact_hub.services.privacy.erasure import Erasure, ErasureReport
from contact_hub.services.privacy.holds import HoldView, LegalHolds
from contact_hub.services.privacy.retention import RetentionJob, RetentionPlan
from contact_hub.services.privacy.subject_access import Bundle, SubjectAccess

__all__ = [
    "Bundle", "Erasure", "ErasureReport", "HoldView", "LegalHolds", "Privacy", "RetentionJob",
    "RetentionPlan", "SubjectAccess",
]


@dataclass(frozen=True)
class Privacy:
    """The privacy use cases, wired together in bootstrap."""

    retention: RetentionJob
    holds: LegalHolds
    access: SubjectAccess
    erasure: Erasure
