"""The public web form at /contact: no sign-in, accessible, protected against abuse
(CSRF token, honeypot field, per-address rate limit, uploads checked by content)."""
