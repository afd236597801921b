"""GET /api/v1/safety-questions: the questions waiting for an answer ("check now")."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from contact_hub.domain.access import roles
from contact_hub.domain.safety.questions import Status
from contact_hub.services.safety.queries import QuestionLine
from contact_hub.web import params
from contact_hub.web.auth import require
from contact_hub.web.context import container
from contact_hub.web.serializers import envelope

bp = Blueprint("safety_questions", __name__, url_prefix="/api/v1")
STATUSES = tuple(s.value for s in Status)


@bp.get("/safety-questions")
@require(roles.WORK_CONTACTS)
def list_questions() -> Response:
    """Pending questions by default, soonest to escalate first; ?status= for the others."""
    status = params.choice(request.args, "status", STATUSES) or Status.PENDING.value
    limit, offset = params.paging(request.args)
    lines, total = container().queries.safety.lines(status, limit, offset)
    return jsonify(envelope([as_json(line) for line in lines], total, limit, offset))


def as_json(line: QuestionLine) -> dict[str, Any]:
    return {
        "id": line.id, "contact_id": line.contact_id, "reference": line.reference,
        "channel": line.channel, "language": line.language, "status": line.status,
        "asked_at": line.asked_at.isoformat(), "due_at": line.due_at.isoformat(),
        "settled_at": line.settled_at.isoformat() if line.settled_at else None,
        "answer": line.answer, "seconds_left": line.seconds_left,
        "category": line.category, "queue": line.queue,
    }
