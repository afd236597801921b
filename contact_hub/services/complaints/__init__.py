"""Complaint cases (issue 5): thin use cases over the pure core in ``domain.complaints``.

Each use case loads the case under a row lock (and an optimistic version check),
applies one domain action, saves it, and queues any letter to the complainant in
the same transaction through the outbox; send jobs are enqueued after commit.
Reminders and breach alerts live in ``monitor``.

``ComplaintService`` is the one object the app wires; its parts live by concept:

- ``intake``: raising and joining cases from contacts, recording staff's;
- ``actions``: stage actions, remedies, flags, safety, the survey answer;
- ``queries``: one case, a page of cases, the TSM report, the buildings;
- ``letters``: the reply channel and letters queued through the outbox;
- ``store``: load and save a case under its lock, and the API view.
"""

from __future__ import annotations

from contact_hub.services.complaints.actions import ComplaintActions, SafetyUpdate
from contact_hub.services.complaints.intake import ComplaintIntake, NewComplaint, ResidentDetails
from contact_hub.services.complaints.queries import ComplaintQueries
from contact_hub.services.complaints.store import ComplaintView, new_complaint_reference

__all__ = [
    "ComplaintService",
    "ComplaintView",
    "NewComplaint",
    "ResidentDetails",
    "SafetyUpdate",
    "new_complaint_reference",
]


class ComplaintService(ComplaintIntake, ComplaintActions, ComplaintQueries):
    """Raises, progresses, lists and reports complaint cases."""
