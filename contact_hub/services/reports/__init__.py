"""Learning and accountability use cases: recording what complaints taught us on the case,
building the annual report (with the self-assessment and the landlord's commentary) from
the stored records, and printing it as PDF."""
