"""Tables and queries for learning and accountability: the landlord's commentary on the
annual report and self-assessment, and satisfaction surveys after resolved contacts."""
