"""A contact from arrival to routing: recording inbound messages (SMS, calls, Meta), the
spill while the database is down, routing and reclassifying, residents' records, API reads."""
