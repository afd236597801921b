"""Security headers on every answer: a Content-Security-Policy with no inline script,
no framing, no MIME sniffing, a strict referrer policy, and HSTS when served over https."""

from __future__ import annotations

from flask import Flask, Response

# Everything the pages use is served by the app itself; no inline script or style.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
HSTS = "max-age=31536000; includeSubDomains"


def install(app: Flask, *, https: bool) -> None:
    """Add the headers to every response `app` sends (a view's own value wins)."""
    wanted = [("Content-Security-Policy", CONTENT_SECURITY_POLICY),
              ("X-Frame-Options", "DENY"),
              ("X-Content-Type-Options", "nosniff"),
              ("Referrer-Policy", "same-origin"),
              ("Cross-Origin-Opener-Policy", "same-origin")]
    if https:
        wanted.append(("Strict-Transport-Security", HSTS))
    lowered = [(name.lower(), name, value) for name, value in wanted]

    @app.after_request
    def add_headers(response: Response) -> Response:
        # One pass over the answer's headers, not one per header: every webhook pays this.
        present = {name.lower() for name, _ in response.headers}
        response.headers.extend([(name, value) for key, name, value in lowered
                                 if key not in present])
        return response
