"""Awaab's Law hazard cases: opened from routed contacts, their clocks, the written
summary to the tenant, and reminders and missed-clock alerts for staff."""
