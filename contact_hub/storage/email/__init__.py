"""Tables and queries for email: notified messages, mailbox state, reply threading."""
