"""Errors on the staff pages are pages (with a way back), never JSON or a traceback."""

from __future__ import annotations

from flask import render_template, request

from contact_hub.web.pages.access import Forbidden

NOT_PAGES = ("/api/", "/webhooks/", "/healthz", "/readyz", "/metrics", "/static/")
TITLES = {
    400: "There is a problem with the request",
    403: "You cannot do this",
    404: "Page not found",
    405: "That cannot be done here",
    413: "That was too large to send",
    429: "Too many attempts",
    500: "Sorry, something went wrong",
}


def is_page_request() -> bool:
    """A person's browser asking for a page (not the API, a webhook or an asset)."""
    return not request.path.startswith(NOT_PAGES)


def render(status: int, message: str) -> tuple[str, int]:
    title = TITLES.get(status, "Something went wrong")
    return render_template("error.html", status=status, title=title, message=message), status


def forbidden(error: Forbidden) -> tuple[str, int]:
    return render(403, error.why)


def csrf_message() -> str:
    return ("This form had expired or did not come from this site, so nothing was changed. "
            "Go back, reload the page and try again.")
