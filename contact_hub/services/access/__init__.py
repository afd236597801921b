"""Who may use the service: API tokens, staff accounts and sign-in, the access audit."""
