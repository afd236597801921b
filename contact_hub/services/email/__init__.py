"""Email over Microsoft Graph: notified messages in, threading, outgoing headers, the
subscription on the shared inbox and the `email check` command."""
