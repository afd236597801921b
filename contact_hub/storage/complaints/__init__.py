"""Tables and queries for complaint cases."""
