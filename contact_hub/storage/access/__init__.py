"""Tables and queries for API tokens, staff accounts and the access audit."""
