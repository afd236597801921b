"""Signing in and out, and `/`: a signed-in person's start page."""

from __future__ import annotations

from flask import g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from contact_hub.domain.access.roles import START_PAGES
from contact_hub.services.access.entra import EntraSignInFailed
from contact_hub.web.context import container
from contact_hub.web.pages.access import not_found, page_blueprint, safe_next, sign_in_as
from contact_hub.web.pages.forms import ActionForm, SignInForm

bp = page_blueprint("sign_in", __name__)
ENTRA_FLOW = "entra_flow"  # the session's key to its Microsoft sign-in flow, kept in Redis
START_VIEWS = {"inbox": "inbox.inbox", "complaints": "complaint_pages.cases",
               "dashboard": "dashboard.dashboard"}


@bp.get("/")
def start() -> Response:
    if g.member is None:
        return redirect(url_for("sign_in.login"))
    return redirect(url_for(START_VIEWS[START_PAGES[g.member.role]]))


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int] | str:
    form = SignInForm()
    refusal, status = None, 200
    if request.method == "POST":
        status = 400
    if form.validate_on_submit():
        outcome = container().staff.sign_in(
            form.email.data or "", form.password.data or "", request.remote_addr or "unknown"
        )
        if outcome.member is not None:
            sign_in_as(outcome.member.id)
            return redirect(safe_next(request.args.get("next")) or url_for("sign_in.start"))
        refusal = outcome.refusal
        status = 429 if outcome.throttled else 400
    form.password.data = ""  # never echo a password back into the page
    return _sign_in_page(form, refusal, status)


@bp.get("/login/microsoft")
def microsoft() -> Response | tuple[str, int]:
    """Off to Microsoft to sign in; the flow waits server-side for the way back."""
    entra = container().entra
    if entra is None:
        not_found("Microsoft sign-in is not set up here.")
    assert entra is not None
    try:
        key, authorize = entra.start(_callback_url(), safe_next(request.args.get("next")))
    except EntraSignInFailed as failure:
        return _sign_in_page(SignInForm(), failure.message, 503)
    session[ENTRA_FLOW] = key
    return redirect(authorize)


@bp.get("/login/microsoft/callback")
def microsoft_callback() -> Response | tuple[str, int]:
    """Back from Microsoft: signed in, or the sign-in page saying why not."""
    entra = container().entra
    if entra is None:
        not_found("Microsoft sign-in is not set up here.")
    assert entra is not None
    outcome, next_page = entra.finish(session.pop(ENTRA_FLOW, None), request.args.to_dict())
    if outcome.member is None:
        return _sign_in_page(SignInForm(formdata=None), outcome.refusal, 403)
    sign_in_as(outcome.member.id)
    return redirect(safe_next(next_page) or url_for("sign_in.start"))


def _callback_url() -> str:
    """Where Microsoft sends people back: on PUBLIC_BASE_URL when set (behind a proxy the
    request's own host may not be the one registered with Entra)."""
    base = container().settings.public_base_url
    path = url_for("sign_in.microsoft_callback")
    return base.rstrip("/") + path if base else url_for("sign_in.microsoft_callback",
                                                          _external=True)


def _sign_in_page(form: SignInForm, refusal: str | None, status: int) -> tuple[str, int]:
    return render_template(
        "sign_in.html", form=form, refusal=refusal, idle=request.args.get("idle") == "1",
        microsoft=container().entra is not None, next_page=safe_next(request.args.get("next")),
    ), status


@bp.post("/logout")
def logout() -> Response:
    ActionForm()  # CSRF is checked before the view
    session.clear()
    return redirect(url_for("sign_in.login", signed_out=1))
