"""Tables for complaint cases (issue 5)."""
