"""Signing in and out, and `/`: a signed-in person's start page."""

from __future__ import annotations

from flask import g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from contact_hub.domain.access.roles import START_PAGES
from contact_hub.web.context import container
from contact_hub.web.pages.access import page_blueprint, safe_next, sign_in_as
from contact_hub.web.pages.forms import ActionForm, SignInForm

bp = page_blueprint("sign_in", __name__)
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
    return render_template(
        "sign_in.html", form=form, refusal=refusal, idle=request.args.get("idle") == "1"
    ), status


@bp.post("/logout")
def logout() -> Response:
    ActionForm()  # CSRF is checked before the view
    session.clear()
    return redirect(url_for("sign_in.login", signed_out=1))
