"""GET shows the form; POST checks it and receives it as a contact on channel `web`."""

from __future__ import annotations

import logging
import secrets

from flask import Blueprint, render_template, request
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

from channels.web_form import SUBMISSION_ID, ReplyBy, WebFormSubmission, reply_address_problem
from contact_hub.services.webform.intake import NotStored, Upload
from contact_hub.web.context import container
from contact_hub.web.webform.forms import ContactForm

logger = logging.getLogger(__name__)
bp = Blueprint("webform", __name__)
Page = tuple[str, int]
FORM_OVERHEAD_BYTES = 64 * 1024


@bp.before_request
def allow_uploads() -> None:
    """This page alone may receive files: room for the allowed number at the allowed size."""
    intake = container().webform
    request.max_content_length = (
        intake.limits.max_files * intake.limits.max_bytes + FORM_OVERHEAD_BYTES)


@bp.route("/contact", methods=["GET", "POST"])
def contact() -> Page:
    form = ContactForm()
    if request.method == "GET":
        form.submission.data = secrets.token_hex(16)
        return _form(form, 200)
    intake = container().webform
    if not intake.within_rate_limit(request.remote_addr or "unknown"):
        return render_template("webform/limited.html", **_page()), 429
    if form.website.data:  # the honeypot: thank the bot, store nothing
        logger.info("web form honeypot filled; nothing stored")
        return render_template("webform/thanks.html", reference=None, advice=None,
                               **_page()), 200
    uploads = [_upload(f) for f in form.photos.data or [] if isinstance(f, FileStorage)
               and f.filename]
    if not _valid(form, uploads):
        return _form(form, 400)
    try:
        received = intake.submit(_submission(form), uploads)
    except NotStored as outage:
        logger.error("web form not stored: database unavailable")
        return render_template("webform/unavailable.html", advice=outage.advice,
                               **_page()), 503
    return render_template("webform/thanks.html", reference=received.reference,
                           advice=received.safety_advice, **_page()), 200


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error: RequestEntityTooLarge) -> Page:
    form = ContactForm(formdata=None)
    form.submission.data = secrets.token_hex(16)
    limits = container().webform.limits
    form.form_errors.append(
        f"The files were too large to send: attach at most {limits.max_files}, each under "
        f"{limits.max_bytes // (1024 * 1024)} MB.")
    return _form(form, 413)


def _valid(form: ContactForm, uploads: list[Upload]) -> bool:
    ok = form.validate_on_submit()
    if form.csrf_token.errors:
        form.csrf_token.errors = []
        form.form_errors.append("This form had expired, so nothing was sent. Please send it "
                                "again: what you typed is still here.")
    if form.reply_by.data in (ReplyBy.EMAIL.value, ReplyBy.TEXT.value):
        problem = reply_address_problem(ReplyBy(form.reply_by.data), form.email.data or "",
                                        form.phone.data or "")
        if problem is not None:
            getattr(form, problem[0]).errors = [*getattr(form, problem[0]).errors, problem[1]]
            ok = False
    upload_problem = container().webform.upload_problem(uploads)
    if upload_problem is not None:
        form.photos.errors = [upload_problem]
        ok = False
    if not SUBMISSION_ID.fullmatch(form.submission.data or ""):
        form.submission.data = secrets.token_hex(16)
    return ok


def _submission(form: ContactForm) -> WebFormSubmission:
    return WebFormSubmission(
        submission_id=form.submission.data or "", description=form.description.data or "",
        reply_by=ReplyBy(form.reply_by.data), email=form.email.data or "",
        phone=form.phone.data or "", name=form.name.data or "",
        address=form.address.data or "",
    )


def _upload(storage: FileStorage) -> Upload:
    return Upload(filename=(storage.filename or "")[:200], data=storage.read())


def _form(form: ContactForm, status: int) -> Page:
    if not form.submission.data:
        form.submission.data = secrets.token_hex(16)
    return render_template("webform/form.html", form=form, **_page()), status


def _page() -> dict[str, object]:
    limits = container().webform.limits
    return {"max_files": limits.max_files, "max_megabytes": limits.max_bytes // (1024 * 1024)}
