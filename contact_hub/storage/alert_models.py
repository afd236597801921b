"""Tables for emergency alerts and their escalation (issue 4)."""
