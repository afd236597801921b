"""Agents' inbox and contact pages: queues, take next, the conversation, reply, resolve.

Views parse a form, call one service (the same ones the API uses), and redirect or render.
"""

from __future__ import annotations

from typing import Any

from flask import flash, g, redirect, render_template, url_for
from werkzeug.wrappers import Response

from contact_hub.domain.access import roles
from contact_hub.domain.contacts.types import Category
from contact_hub.domain.errors import Conflict, Invalid
from contact_hub.domain.workspace.queue_targets import QUEUE_LABELS, duration_words
from contact_hub.services.safety.queries import QuestionLine
from contact_hub.services.workspace import queries as workspace_queries
from contact_hub.services.workspace.agent_work import WORK_QUEUES
from contact_hub.web.context import container
from contact_hub.web.pages.access import may, not_found, page_blueprint, record_read, require
from contact_hub.web.pages.forms import (
    ActionForm,
    NoteForm,
    ReclassifyForm,
    ReplyForm,
    ResidentForm,
    ResolveForm,
    new_idempotency_key,
)

bp = page_blueprint("inbox", __name__)
FORM_NAMES = ("reply", "note", "resolve", "reclassify", "resident")
PENDING = "pending"
CHECK_NOW_LIMIT = 20


@bp.get("/inbox")
@require(roles.WORK_CONTACTS)
def inbox() -> str:
    return render_template("inbox.html", lines=_lines(), take=ActionForm(),
                           questions=_questions(),
                           refresh=container().settings.workspace_refresh_seconds)


@bp.get("/inbox/queues")
@require(roles.WORK_CONTACTS)
def queue_table() -> str:
    """The queue table alone, polled by the inbox page to stay current."""
    return render_template("_queue_table.html", lines=_lines(), take=ActionForm(),
                           questions=_questions())


def _lines() -> list[workspace_queries.QueueLine]:
    c = container()
    return workspace_queries.inbox_lines(c.agent_work.summary(), c.clock())


def _questions() -> list[QuestionLine]:
    """Safety questions still waiting for the resident's answer, soonest to escalate first."""
    return container().queries.safety.lines(PENDING, CHECK_NOW_LIMIT, 0)[0]


@bp.post("/inbox/<queue>/next")
@require(roles.WORK_CONTACTS)
def take_next(queue: str) -> Response:
    if queue not in WORK_QUEUES:
        not_found(f"There is no queue called {queue}.")
    contact_id = container().agent_work.claim_next(queue, g.member.email)
    if contact_id is None:
        flash(f"Nothing is waiting in {QUEUE_LABELS.get(queue, queue)}.", "info")
        return redirect(url_for("inbox.inbox"))
    return redirect(url_for("inbox.contact", contact_id=contact_id))


@bp.get("/contacts/<int:contact_id>")
@require(roles.WORK_CONTACTS)
def contact(contact_id: int) -> str:
    return _contact_page(contact_id)


def _contact_page(contact_id: int, status: int = 200, **bound: Any) -> Any:
    c = container()
    page = c.queries.workspace.contact_page(contact_id)
    repair = c.repairs.repair_of(contact_id)
    if page is None:
        not_found(f"There is no contact {contact_id}.")
    assert page is not None
    record_read("contact", contact_id)
    if page.resident is not None:
        record_read("customer", page.resident.customer_id)
    forms: dict[str, Any] = {
        "reply": ReplyForm(formdata=None, idempotency_key=new_idempotency_key()),
        "note": NoteForm(formdata=None),
        "resolve": ResolveForm(formdata=None),
        "reclassify": ReclassifyForm(formdata=None,
                                     category=page.category or Category.SERVICE_REQUEST),
        "resident": _resident_form(page),
        "action": ActionForm(formdata=None),
    }
    forms.update(bound)
    invalid = next((name for name in FORM_NAMES if forms[name].errors), None)
    html = render_template(
        "contact.html", page=page, forms=forms, check=c.agent_work.reply_check(contact_id),
        invalid=invalid, may_edit=may(roles.EDIT_RESIDENT), duration_words=duration_words,
        now=c.clock(), repair=repair,
    )
    return (html, status) if status != 200 else html


def _resident_form(page: workspace_queries.ContactPage) -> ResidentForm:
    resident = page.resident
    if resident is None:
        return ResidentForm(formdata=None)
    return ResidentForm(
        formdata=None, display_name=resident.display_name,
        preferred_channel=resident.preferred_channel or "",
        vulnerabilities=list(resident.vulnerabilities),
        reasonable_adjustments=[code for code, _ in resident.adjustments],
    )


def _invalid(contact_id: int, name: str, form: Any, message: str | None = None) -> Any:
    if message:
        field = message.split(":", 1)[0] if ":" in message else None
        target = getattr(form, field, None) if field else None
        text = message.split(":", 1)[1].strip() if target is not None else message
        errors = list(target.errors) if target is not None else []
        if target is not None:
            target.errors = [*errors, text.capitalize()]
        else:
            form.form_errors.append(text)
    return _contact_page(contact_id, 400, **{name: form})


@bp.post("/contacts/<int:contact_id>/reply")
@require(roles.WORK_CONTACTS)
def reply(contact_id: int) -> Any:
    form = ReplyForm()
    if not form.validate():
        return _invalid(contact_id, "reply", form)
    container().agent_work.reply(
        contact_id, g.member.email, form.body.data or "", form.idempotency_key.data
    )
    flash("Reply queued to the resident.", "success")
    return redirect(url_for("inbox.contact", contact_id=contact_id) + "#timeline")


@bp.post("/contacts/<int:contact_id>/note")
@require(roles.WORK_CONTACTS)
def note(contact_id: int) -> Any:
    form = NoteForm()
    if not form.validate():
        return _invalid(contact_id, "note", form)
    container().agent_work.add_note(contact_id, g.member.email, form.text.data or "")
    flash("Internal note added.", "success")
    return redirect(url_for("inbox.contact", contact_id=contact_id) + "#timeline")


@bp.post("/contacts/<int:contact_id>/resolve")
@require(roles.WORK_CONTACTS)
def resolve(contact_id: int) -> Any:
    form = ResolveForm()
    if not form.validate():
        return _invalid(contact_id, "resolve", form)
    try:
        container().agent_work.resolve(contact_id, g.member.email, form.note.data or None)
    except Conflict as error:
        return _invalid(contact_id, "resolve", form, str(error))
    flash("Contact resolved: it has left its queue.", "success")
    return redirect(url_for("inbox.inbox"))


@bp.post("/contacts/<int:contact_id>/release")
@require(roles.WORK_CONTACTS)
def release(contact_id: int) -> Any:
    ActionForm()
    try:
        container().agent_work.release(
            contact_id, g.member.email, admin=may(roles.RELEASE_ANY)
        )
    except Conflict as error:
        flash(str(error).capitalize() + ".", "error")
        return redirect(url_for("inbox.contact", contact_id=contact_id))
    flash("Contact released back to its queue.", "success")
    return redirect(url_for("inbox.inbox"))


@bp.post("/contacts/<int:contact_id>/reclassify")
@require(roles.WORK_CONTACTS)
def reclassify(contact_id: int) -> Any:
    form = ReclassifyForm()
    if not form.validate():
        return _invalid(contact_id, "reclassify", form)
    try:
        container().reclassifier.reclassify(
            contact_id, category=form.category.data or "", reason=form.reason.data or "",
            actor=g.member.email, queue=form.queue.data or None,
        )
    except (Invalid, Conflict) as error:
        return _invalid(contact_id, "reclassify", form, str(error))
    flash("Contact reclassified.", "success")
    return redirect(url_for("inbox.contact", contact_id=contact_id))


@bp.post("/contacts/<int:contact_id>/resident")
@require(roles.EDIT_RESIDENT)
def update_resident(contact_id: int) -> Any:
    form = ResidentForm()
    c = container()
    page = c.queries.workspace.contact_page(contact_id)
    if page is None or page.resident is None:
        not_found(f"Contact {contact_id} has no resident record yet.")
    assert page is not None and page.resident is not None
    if not form.validate():
        return _invalid(contact_id, "resident", form)
    try:
        c.customers.update(page.resident.customer_id, g.member.email, form.changes(),
                           form.reason.data or "")
    except Invalid as error:
        return _invalid(contact_id, "resident", form, str(error))
    flash("Resident's record updated.", "success")
    return redirect(url_for("inbox.contact", contact_id=contact_id) + "#resident")
