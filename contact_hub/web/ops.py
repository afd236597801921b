"""Operator endpoints: liveness, readiness, Prometheus metrics."""

from __future__ import annotations

import hmac
import logging
from datetime import datetime
from typing import Any

from flask import Blueprint, Response, jsonify, request
from redis.exceptions import RedisError
from rq.registry import FailedJobRegistry
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from contact_hub import metrics
from contact_hub.services.health import ServiceFigures
from contact_hub.web.alerts import metrics as alert_metrics
from contact_hub.web.context import container
from contact_hub.web.reports.metrics import kpi_families

logger = logging.getLogger(__name__)
bp = Blueprint("ops", __name__)


@bp.get("/healthz")
def healthz() -> Response:
    return jsonify({"status": "ok"})


# A contact waiting longer than this for a worker means the workers are behind (a burst
# being worked off, or too few workers): readiness says `degraded`, still 200, because this
# process takes webhooks in as well as ever and must stay in the load balancer.
BACKLOG_DEGRADED_SECONDS = 60.0


@bp.get("/readyz")
def readyz() -> tuple[Response, int]:
    checks: dict[str, Any] = {"database": _check_database(), "redis": _check_redis()}
    ready = all(value == "ok" for value in checks.values())
    status = "ready" if ready else "not_ready"
    if ready:
        oldest = _oldest_waiting_seconds()
        checks["backlog"] = {"oldest_waiting_seconds": round(oldest, 1)}
        if oldest > BACKLOG_DEGRADED_SECONDS:
            status = "degraded"
    return jsonify({"status": status, "checks": checks,
                    "oncall": alert_metrics.oncall_detail(container())}), (
        200 if ready else 503
    )


def _oldest_waiting_seconds() -> float:
    """How long the oldest contact still waiting for a worker has waited (0: none)."""
    waiting = container().queries.health.oldest_waiting().values()
    now = container().clock()
    return max((max(0.0, (now - at).total_seconds()) for at in waiting), default=0.0)


def _check_database() -> str:
    problem = container().queries.health.database_problem()
    if problem is not None:
        logger.warning("readiness: database unreachable error=%s", problem)
        return "unreachable"
    return "ok"


def _check_redis() -> str:
    try:
        container().redis.ping()
    except RedisError as error:
        logger.warning("readiness: redis unreachable error=%s", type(error).__name__)
        return "unreachable"
    return "ok"


@bp.get("/metrics")
def prometheus() -> Response:
    _require_metrics_token()
    families = _row_families(container().queries.health.figures(), container().clock())
    families.extend(_redis_families())
    families.extend(kpi_families(container().contact_kpis.recent_rates()))
    text = metrics.render(families) + alert_metrics.render(container().queries.alerts.figures())
    return Response(text, mimetype="text/plain; version=0.0.4")


def _row_families(facts: ServiceFigures, now: datetime) -> list[Any]:
    """Contacts, the outbox and notified emails by status, and how long contacts wait."""
    return [
        ("contact_hub_contacts", "gauge", "Contacts by channel and category", [
            ({"channel": ch, "category": cat or "unrouted"}, n) for ch, cat, n in facts.contacts
        ]),
        ("contact_hub_contacts_by_status", "gauge", "Contacts by status", [
            ({"status": status}, n) for status, n in facts.contacts_by_status.items()
        ]),
        # Workers down or behind: ordinary contacts wait (emergencies are queued at once).
        ("contact_hub_oldest_waiting_contact_seconds", "gauge",
         "Age of the oldest contact waiting for a worker, by status", [
            ({"status": status}, max(0.0, (now - at).total_seconds()))
            for status, at in facts.oldest_waiting.items()
        ]),
        ("contact_hub_outbound_messages", "gauge", "Outbox rows by status", [
            ({"status": status}, n) for status, n in facts.outbound_by_status.items()
        ]),
        # Emails a person must look at (fetch kept failing) show as needs_attention.
        ("contact_hub_email_messages", "gauge", "Notified emails by status", [
            ({"status": status}, n) for status, n in facts.emails_by_status.items()
        ]),
    ]


def _require_metrics_token() -> None:
    """With METRICS_TOKEN set, /metrics answers only `Authorization: Bearer <it>` (401)."""
    expected = container().settings.metrics_token
    if expected is None:
        return
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), expected.encode()
    ):
        raise Unauthorized("/metrics needs Authorization: Bearer $METRICS_TOKEN",
                           www_authenticate=WWWAuthenticate("bearer"))


def _redis_families() -> list[Any]:
    services = container()
    try:
        services.dispatcher.flush_counts()  # this process's; others' follow within a second
        webhooks = metrics.webhook_counts(services.redis)
        lengths = services.dispatcher.queue_lengths()
        failed = {name: FailedJobRegistry(queue=queue).count
                  for name, queue in services.dispatcher.queues.items()}
    except RedisError:
        return [("contact_hub_redis_up", "gauge", "Redis reachable", [({}, 0)])]
    return [
        ("contact_hub_redis_up", "gauge", "Redis reachable", [({}, 1)]),
        ("contact_hub_webhooks_total", "counter", "Webhook requests by outcome", [
            ({"channel": ch, "outcome": outcome}, n) for (ch, outcome), n in webhooks.items()
        ]),
        ("contact_hub_jobs_queued", "gauge", "Jobs waiting per queue", [
            ({"queue": name}, n) for name, n in lengths.items()
        ]),
        ("contact_hub_jobs_failed", "gauge", "Jobs in the failed registry per queue", [
            ({"queue": name}, n) for name, n in failed.items()
        ]),
    ]
