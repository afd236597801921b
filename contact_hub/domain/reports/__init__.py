"""Learning and accountability, pure: what complaints were about and taught us (categories,
root causes, lessons, improvements, the independent-investigation rule), the annual
complaints performance and service improvement report, the self-assessment against the
Code, and contact KPIs. Standard library only; the figures are functions of their inputs."""
