"""Tables and queries for legal holds, retention, subject access and erasure."""
