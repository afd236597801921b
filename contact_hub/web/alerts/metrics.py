"""Escalation figures for /metrics and /readyz: alerts by state, time to acknowledge,
and the on-call rota's health (a gap is a warning, never a reason to report not-ready)."""

from __future__ import annotations

from typing import Any

from contact_hub.bootstrap import Container
from contact_hub.metrics import render as render_families
from contact_hub.services.escalation.queries import AlertFigures

ACK_BUCKETS = (30, 60, 120, 300, 600, 900, 1200, 1800, 3600)
TTA = "contact_hub_alert_time_to_acknowledge_seconds"


def render(figures: AlertFigures) -> str:
    """Prometheus text: alerts by state and a time-to-acknowledge histogram."""
    states, seconds = figures.states, figures.seconds_to_acknowledge
    text = render_families([("contact_hub_alerts", "gauge", "Alerts by state", [
        ({"state": state}, states.get(state, 0)) for state in ("open", "acknowledged", "resolved")
    ])])
    lines = [f"# HELP {TTA} Seconds from an alert opening to its acknowledgement",
             f"# TYPE {TTA} histogram"]
    for bound in ACK_BUCKETS:
        lines.append(f'{TTA}_bucket{{le="{bound}"}} {sum(1 for s in seconds if s <= bound)}')
    lines.append(f'{TTA}_bucket{{le="+Inf"}} {len(seconds)}')
    lines.append(f"{TTA}_sum {sum(seconds):g}")
    lines.append(f"{TTA}_count {len(seconds)}")
    return text + "\n".join(lines) + "\n"


def oncall_detail(services: Container) -> dict[str, Any]:
    """The rota's state for /readyz: gaps in the next 14 days, fallback configured."""
    status = services.oncall.status()
    return {
        "status": status.state,
        "detail": status.detail,
        # Every emergency path that cannot page anyone now (empty when all can).
        "paging_problems": services.oncall.paging_problems(),
        "gaps": [{"tier": g.tier, "starts": g.starts.isoformat(), "ends": g.ends.isoformat()}
                 for g in status.gaps],
    }
