"""The staff workspace: server-rendered pages for agents, complaint handlers, on-call staff
and managers, enhanced by htmx; every asset is served by the app itself."""

from __future__ import annotations

from flask import Flask, g

from contact_hub.domain.access import roles
from contact_hub.domain.workspace.queue_targets import duration_words
from contact_hub.settings import Settings
from contact_hub.web import security_headers
from contact_hub.web.context import container
from contact_hub.web.pages import (
    access,
    complaint_pages,
    dashboard,
    inbox,
    media,
    oncall_board,
    sign_in,
    text,
)

BLUEPRINTS = (sign_in.bp, inbox.bp, complaint_pages.bp, oncall_board.bp, dashboard.bp, media.bp)
NAVIGATION = (
    ("inbox.inbox", "Inbox", roles.WORK_CONTACTS),
    ("complaint_pages.cases", "Complaints", roles.VIEW_COMPLAINTS),
    ("oncall_board.board", "On call", roles.VIEW_ONCALL),
    ("dashboard.dashboard", "Dashboard", roles.VIEW_DASHBOARD),
)


def register(app: Flask, settings: Settings) -> None:
    """Add the pages, their sessions and CSRF checks, and the security headers."""
    access.configure(app, settings)
    security_headers.install(app, https=settings.secure_cookies)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)

    @app.context_processor
    def page_globals() -> dict[str, object]:
        member = g.get("member")
        return {
            "member": member,
            "role_name": roles.ROLE_NAMES.get(member.role, member.role) if member else None,
            "navigation": [(view, label) for view, label, need in NAVIGATION
                           if access.may(need)],
            "may": access.may,
            "roles": roles,
            "organisation": container().settings.organisation_name,
            "duration_words": duration_words,
            "highlight": text.highlight,
        }
