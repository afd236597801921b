"""The contact KPIs that are rates, as Prometheus gauges over the last 30 days (counts and
the time-to-acknowledge histogram are exported elsewhere: ops.py, alert_metrics.py)."""

from __future__ import annotations

from typing import Any

Family = tuple[str, str, str, list[tuple[dict[str, str], float]]]


def kpi_families(kpis: dict[str, Any]) -> list[Family]:
    """First-contact resolution and first response within target, where there is a rate."""
    fcr = kpis["first_contact_resolution"]["ratio"]
    families: list[Family] = [(
        "contact_hub_first_contact_resolution_ratio", "gauge",
        "Share of contacts resolved in the last 30 days with no further contact from the "
        "customer within 7 days", [({}, fcr)] if fcr is not None else [])]
    families.append((
        "contact_hub_first_response_within_target_ratio", "gauge",
        "Share of contacts received in the last 30 days whose first reply met the channel's "
        "target (FIRST_RESPONSE_TARGETS)",
        [({"channel": channel}, row["within_target_ratio"])
         for channel, row in kpis["first_response"].items()
         if row["within_target_ratio"] is not None]))
    families.append((
        "contact_hub_first_response_median_minutes", "gauge",
        "Median minutes to the first reply, contacts received in the last 30 days",
        [({"channel": channel}, row["median_minutes"])
         for channel, row in kpis["first_response"].items()
         if row["median_minutes"] is not None]))
    abandoned = kpis["calls"]["abandoned_ratio"]
    families.append((
        "contact_hub_ivr_abandoned_ratio", "gauge",
        "Share of IVR calls that ended in the last 30 days before the caller chose an option "
        "or left a message", [({}, abandoned)] if abandoned is not None else []))
    return families
