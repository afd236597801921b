"""Who is signed in to the staff pages, for how long, and what they may do.

The session is Flask's signed cookie (HttpOnly, SameSite=Lax, Secure on https) holding
the person's id and when they last did something; after SESSION_IDLE_MINUTES without a
request they are signed out. Every page view checks a permission from
`domain.access.roles`, the same rules API tokens meet; a refusal is a 403 page that says why.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Request, abort, g, redirect, request, session, url_for
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect
from werkzeug.wrappers import Response as WerkzeugResponse

from contact_hub.domain.access.roles import Permission, allowed, refusal
from contact_hub.services.access.audit import Reader
from contact_hub.settings import Settings
from contact_hub.web.context import container

SESSION_COOKIE = "contact_hub_session"
csrf = CSRFProtect()


class Forbidden(Exception):
    """A signed-in person asked for something their role does not allow."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, without building a signer for a request that carries
    no session cookie: every webhook and API call, most of what the service answers."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)


def configure(app: Flask, settings: Settings) -> None:
    """Session cookie and CSRF settings for the pages (the API keeps bearer tokens)."""
    app.config.update(
        SECRET_KEY=settings.secret_key or _local_secret(settings.home),
        SESSION_COOKIE_NAME=SESSION_COOKIE,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        WTF_CSRF_CHECK_DEFAULT=False,  # checked by the pages' blueprints, not webhooks
        WTF_CSRF_TIME_LIMIT=None,  # lives as long as the session, which times out idle
        WTF_CSRF_SSL_STRICT=settings.secure_cookies,
    )
    app.session_interface = CookieSessions()
    csrf.init_app(app)


def _local_secret(home: Path) -> str:
    """The embedded default: a random key kept under CONTACT_HUB_HOME, made once, so
    sessions survive a restart (production must set SECRET_KEY)."""
    path = home / "secret_key"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip()


def page_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint of staff pages: the person is loaded and every POST checks CSRF."""
    blueprint = Blueprint(name, import_name)
    blueprint.before_request(_load_member)
    return blueprint


def _load_member() -> None:
    g.member = None
    g.signed_out_idle = False
    user_id = session.get("user_id")
    if user_id is None:
        _protect()
        return
    c = container()
    now = c.clock().timestamp()
    idle_limit = c.settings.session_idle_minutes * 60
    if now - float(session.get("seen", 0)) > idle_limit:
        session.clear()
        g.signed_out_idle = True
    else:
        g.member = c.staff.get(int(user_id))
        if g.member is None:
            session.clear()
        elif not _background_refresh():
            session["seen"] = now  # a page's own polling is not the person doing something
    _protect()


def _background_refresh() -> bool:
    return request.method == "GET" and request.headers.get("HX-Request") == "true"


def _protect() -> None:
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        csrf.protect()


def sign_in_as(member_id: int) -> None:
    """Start a fresh session (a new cookie, so a planted one cannot be reused)."""
    session.clear()
    session.permanent = True
    session["user_id"] = member_id
    session["seen"] = container().clock().timestamp()


def require(permission: Permission) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Signed out: to the sign-in page, then back here. Not allowed: a 403 saying why."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if g.get("member") is None:
                return to_sign_in()
            if not allowed(g.member.role, permission):
                raise Forbidden(refusal(g.member.role, permission))
            return view(*args, **kwargs)

        wrapper.permission = permission  # type: ignore[attr-defined]
        return wrapper

    return decorate


def may(permission: Permission) -> bool:
    """For templates: whether to show a button (the view checks again)."""
    member = g.get("member")
    return member is not None and allowed(member.role, permission)


def to_sign_in() -> WerkzeugResponse:
    """To the sign-in page, then back. A page's background refresh sends the whole page
    there (htmx's HX-Redirect) rather than swapping the sign-in form into a table."""
    page = request.headers.get("HX-Current-URL") if _background_refresh() else None
    target = urlsplit(page).path if page else (
        request.full_path if request.method == "GET" else request.path)
    arguments: dict[str, Any] = {"next": target.rstrip("?")}
    if g.get("signed_out_idle"):
        arguments["idle"] = 1
    destination = url_for("sign_in.login", **arguments)
    if page:
        answer = WerkzeugResponse(status=204)
        answer.headers["HX-Redirect"] = destination
        return answer
    return redirect(destination)


def safe_next(target: str | None) -> str | None:
    """Only a path on this site (no scheme, host or //), so sign-in cannot bounce away."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc and "\\" not in target else None


def not_found(what: str) -> None:
    abort(404, description=what)


def record_read(record_type: str, record_id: int | str) -> None:
    """Audit that the signed-in person read one resident's record on a page (the API's
    reads are audited the same way, `via` telling them apart)."""
    member = g.member
    reader = Reader(actor=member.email, role=member.role, via="workspace")
    container().access_audit.record(reader, record_type, record_id)
