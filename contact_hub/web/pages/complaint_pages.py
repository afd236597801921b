"""Complaint handlers' pages: cases by next deadline, a case with both stages' clocks, and
the Code's steps as forms that say what is missing before anything is sent.

Each action calls the same complaint service as the API; its refusals (the Code's rules)
come back beside the form."""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from contact_hub.domain import complaints as domain
from contact_hub.domain.access import roles
from contact_hub.domain.complaints.filters import ComplaintFilters
from contact_hub.domain.errors import DomainError, NotFound
from contact_hub.domain.working_days import london_date
from contact_hub.services.complaints import SafetyUpdate
from contact_hub.services.workspace import queries as workspace_queries
from contact_hub.web.context import container
from contact_hub.web.pages.access import not_found, page_blueprint, record_read, require
from contact_hub.web.pages.forms import (
    AcknowledgeForm,
    ActionForm,
    CaseFilterForm,
    CloseForm,
    DeclineForm,
    ExtendForm,
    FlagForm,
    RemedyForm,
    RespondForm,
    SafetyForm,
    SatisfactionForm,
)

bp = page_blueprint("complaint_pages", __name__)
CASE_FORMS = ("acknowledge", "respond", "extend", "close", "decline", "remedy", "satisfaction",
              "flag", "safety")
PAGE_SIZE = 50


@bp.get("/complaints")
@require(roles.VIEW_COMPLAINTS)
def cases() -> tuple[str, int] | str:
    form = CaseFilterForm(request.args)
    if not form.validate():
        return render_template("complaints.html", form=form, lines=[], total=0, page=1,
                               first=0, last=0, next_url=None, previous_url=None), 400
    filters = ComplaintFilters(
        stage=int(form.stage.data) if form.stage.data else None,
        status=form.status.data or None, handler_id=form.handler.data or None,
    )
    overdue = None if not form.overdue.data else form.overdue.data == "true"
    page = form.page.data or 1
    c = container()
    items, total = c.complaints.search(filters, overdue, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    lines = workspace_queries.case_lines(items, london_date(c.clock()))
    later: dict[str, Any] = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "complaints.html", form=form, lines=lines, total=total, page=page,
        first=(page - 1) * PAGE_SIZE + 1, last=(page - 1) * PAGE_SIZE + len(lines),
        next_url=url_for("complaint_pages.cases", **later, page=page + 1)
        if page * PAGE_SIZE < total else None,
        previous_url=url_for("complaint_pages.cases", **later, page=page - 1)
        if page > 1 else None,
    )


@bp.get("/complaints/<reference>")
@require(roles.VIEW_COMPLAINTS)
def case(reference: str) -> Any:
    return _case_page(reference)


def _case_page(reference: str, status: int = 200, **bound: Any) -> Any:
    c = container()
    try:
        view = c.complaints.get(reference)
    except NotFound:
        not_found(f"There is no complaint {reference}.")
        raise
    record_read("complaint", reference)
    held = c.queries.workspace.held_letters(reference)
    forms: dict[str, Any] = {
        "acknowledge": AcknowledgeForm(formdata=None),
        "respond": RespondForm(formdata=None),
        "extend": ExtendForm(formdata=None),
        "close": CloseForm(formdata=None),
        "decline": DeclineForm(formdata=None),
        "remedy": RemedyForm(formdata=None),
        "satisfaction": SatisfactionForm(formdata=None),
        "flag": FlagForm(formdata=None),
        "safety": _safety_form(view.complaint),
        "action": ActionForm(formdata=None),
    }
    forms.update(bound)
    complaint = view.complaint
    draft = _draft(complaint, forms["respond"])
    html = render_template(
        "complaint.html", view=view, c=complaint, forms=forms, held=held,
        invalid=next((n for n in CASE_FORMS if forms[n].errors or forms[n].form_errors), None),
        missing=domain.response_checklist(complaint.current, draft),
        checklist=domain.response_checklist(
            replace(complaint.current, definition=None),
            domain.ResponseDraft(decision=None, reasons="", remedies=None,
                                 outstanding_actions=None),
        ),
        today=london_date(c.clock()),
    )
    return (html, status) if status != 200 else html


def _safety_form(complaint: domain.Complaint) -> SafetyForm:
    return SafetyForm(
        formdata=None, health_and_safety=complaint.concerns_health_and_safety,
        safeguarding=complaint.concerns_safeguarding,
        building_safety_concerns=[c.value for c in complaint.building_safety.concerns],
    )


def _draft(complaint: domain.Complaint, form: RespondForm) -> domain.ResponseDraft:
    """The response as the form has it; the case's recorded remedies and actions count."""
    remedies = complaint.remedies or (() if form.no_remedy.data else None)
    actions = complaint.outstanding_actions or (() if form.no_outstanding_actions.data else None)
    return domain.ResponseDraft(
        decision=domain.Decision(form.decision.data) if form.decision.data else None,
        reasons=(form.reasons.data or "").strip(),
        remedies=remedies,
        outstanding_actions=actions,
    )


def _refused(reference: str, name: str, form: Any, error: DomainError) -> Any:
    form.form_errors.append(str(error)[:1].upper() + str(error)[1:])
    return _case_page(reference, 400, **{name: form})


def _done(reference: str, message: str) -> Response:
    flash(message, "success")
    return redirect(url_for("complaint_pages.case", reference=reference))


@bp.post("/complaints/<reference>/acknowledge")
@require(roles.HANDLE_COMPLAINTS)
def acknowledge(reference: str) -> Any:
    form = AcknowledgeForm()
    if not form.validate():
        return _case_page(reference, 400, acknowledge=form)
    outcomes = tuple(line.strip() for line in (form.outcomes_sought.data or "").splitlines()
                     if line.strip())
    try:
        container().complaints.acknowledge(
            reference, actor=g.member.email, at=None,
            handler=domain.Person(id=g.member.email, name=g.member.name),
            definition=domain.ComplaintDefinition(
                understanding=(form.understanding.data or "").strip(), outcomes_sought=outcomes,
            ),
        )
    except DomainError as error:
        return _refused(reference, "acknowledge", form, error)
    return _done(reference, "Acknowledged: the acknowledgement is on its way to the resident.")


@bp.post("/complaints/<reference>/respond")
@require(roles.HANDLE_COMPLAINTS)
def respond(reference: str) -> Any:
    form = RespondForm()
    form.validate()
    if not form.decision.data:
        form.decision.errors = [*form.decision.errors, "Choose the decision on the complaint"]
    if not (form.reasons.data or "").strip():
        form.reasons.errors = [*form.reasons.errors, "Give the reasons for the decision"]
    if form.errors:
        return _case_page(reference, 400, respond=form)
    c = container()
    try:
        draft = _draft(c.complaints.get(reference).complaint, form)
        c.complaints.respond(reference, actor=g.member.email, at=None, draft=draft)
    except DomainError as error:
        return _refused(reference, "respond", form, error)
    return _done(reference, "Response issued: the letter is on its way to the resident.")


@bp.post("/complaints/<reference>/extend")
@require(roles.HANDLE_COMPLAINTS)
def extend(reference: str) -> Any:
    form = ExtendForm()
    if not form.validate() or form.new_due.data is None:
        return _case_page(reference, 400, extend=form)
    try:
        container().complaints.extend(reference, actor=g.member.email, at=None,
                                      reason=form.reason.data or "", new_due=form.new_due.data)
    except DomainError as error:
        return _refused(reference, "extend", form, error)
    return _done(reference, "Extension recorded and the resident told.")


@bp.post("/complaints/<reference>/escalate")
@require(roles.HANDLE_COMPLAINTS)
def escalate(reference: str) -> Any:
    form = ActionForm()
    try:
        container().complaints.escalate(reference, actor=g.member.email, at=None)
    except DomainError as error:
        return _refused(reference, "action", form, error)
    return _done(reference, "Stage 2 requested: its clock has started.")


@bp.post("/complaints/<reference>/close")
@require(roles.HANDLE_COMPLAINTS)
def close(reference: str) -> Any:
    form = CloseForm()
    if not form.validate():
        return _case_page(reference, 400, close=form)
    try:
        container().complaints.close(reference, actor=g.member.email, at=None,
                                     reason=form.reason.data or "")
    except DomainError as error:
        return _refused(reference, "close", form, error)
    return _done(reference, "Case closed.")


@bp.post("/complaints/<reference>/decline")
@require(roles.DECLINE_COMPLAINTS)
def decline(reference: str) -> Any:
    form = DeclineForm()
    if not form.validate():
        return _case_page(reference, 400, decline=form)
    exclusion = domain.Exclusion(ground=domain.ExclusionGround(form.ground.data),
                                 detail=(form.detail.data or "").strip())
    try:
        container().complaints.decline(reference, actor=g.member.email, at=None,
                                       exclusions=(exclusion,),
                                       explanation=(form.explanation.data or "").strip())
    except DomainError as error:
        return _refused(reference, "decline", form, error)
    return _done(reference, "Declined: the letter with the reason and the Ombudsman's "
                            "details is on its way to the resident.")


@bp.post("/complaints/<reference>/remedies")
@require(roles.HANDLE_COMPLAINTS)
def remedy(reference: str) -> Any:
    form = RemedyForm()
    if not form.validate():
        return _case_page(reference, 400, remedy=form)
    pence = None if form.amount.data is None else int(form.amount.data * 100)
    offered = domain.Remedy(
        id=secrets.token_hex(4), type=domain.RemedyType(form.type.data),
        description=(form.description.data or "").strip(),
        reason=(form.reason.data or "").strip(), amount_pence=pence,
        reimburses_loss=bool(form.reimburses_loss.data),
        offset_against_debt=bool(form.offset_against_debt.data),
        resident_consented_to_offset=bool(form.resident_consented_to_offset.data),
    )
    try:
        container().complaints.record_remedy(reference, actor=g.member.email, at=None,
                                             remedy=offered)
    except DomainError as error:
        return _refused(reference, "remedy", form, error)
    return _done(reference, "Remedy recorded on the case.")


@bp.post("/complaints/<reference>/satisfaction")
@require(roles.HANDLE_COMPLAINTS)
def satisfaction(reference: str) -> Any:
    form = SatisfactionForm()
    if not form.validate():
        return _case_page(reference, 400, satisfaction=form)
    try:
        container().complaints.record_satisfaction(
            reference, score=int(form.score.data or 0),
            comment=(form.comment.data or "").strip() or None, at=None)
    except DomainError as error:
        return _refused(reference, "satisfaction", form, error)
    return _done(reference, "The resident's answer is recorded.")


@bp.post("/complaints/<reference>/flag")
@require(roles.HANDLE_COMPLAINTS)
def flag(reference: str) -> Any:
    form = FlagForm()
    if not form.validate() or form.review_on.data is None:
        return _case_page(reference, 400, flag=form)
    try:
        container().complaints.flag_unreasonable_behaviour(
            reference, actor=g.member.email, at=None,
            reason=(form.reason.data or "").strip(), review_on=form.review_on.data)
    except DomainError as error:
        return _refused(reference, "flag", form, error)
    return _done(reference, "Flag recorded; the case's deadlines still apply.")


@bp.post("/complaints/<reference>/safety")
@require(roles.HANDLE_COMPLAINTS)
def safety(reference: str) -> Any:
    form = SafetyForm()
    if not form.validate():
        return _case_page(reference, 400, safety=form)
    c = container()
    try:
        building = c.complaints.get(reference).building_id  # the building stays as recorded
        c.complaints.update_safety(reference, actor=g.member.email, at=None, update=SafetyUpdate(
            concerns_health_and_safety=bool(form.health_and_safety.data),
            concerns_safeguarding=bool(form.safeguarding.data),
            building_id=building,
            building_safety_concerns=tuple(domain.BuildingSafetyConcern(v)
                                           for v in form.building_safety_concerns.data or ()),
        ))
    except DomainError as error:
        return _refused(reference, "safety", form, error)
    return _done(reference, "Safety concerns recorded.")
