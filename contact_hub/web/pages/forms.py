"""The staff pages' forms: each field validated on the server, errors shown beside it.

Field limits mirror the services' own checks, so a bad value is caught here with a message
beside the field; the service still checks everything (the API uses it too).
"""

from __future__ import annotations

import secrets
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
)

from contact_hub.domain.complaints import model as complaint_model
from contact_hub.domain.contacts.adjustments import ADJUSTMENTS
from contact_hub.domain.contacts.types import Category
from contact_hub.domain.workspace.queue_targets import QUEUE_LABELS
from contact_hub.services.complaints.letters import REPLY_CHANNELS
from contact_hub.services.workspace.agent_work import MAX_REPLY_CHARACTERS
from routing.types import CATEGORIES, QUEUES, VULNERABILITIES

CATEGORY_LABELS: dict[str, str] = {
    Category.EMERGENCY: "Emergency",
    Category.COMPLAINT: "Complaint",
    Category.SERVICE_REQUEST: "Service request",
}


def _words(code: str) -> str:
    return code.replace("_", " ").capitalize()


def _choices(pairs: list[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class CheckboxesField(SelectMultipleField):
    """Several choices as a group of checkboxes (a fieldset in the template)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class SignInForm(FlaskForm):
    email = EmailField("Email address", validators=[
        DataRequired("Enter your email address"),
        Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
               message="Enter an email address like name@example.org"),
        Length(max=100, message="Enter an email address of at most 100 characters"),
    ])
    password = PasswordField("Password", validators=[
        DataRequired("Enter your password"),
        Length(max=200, message="Enter a password of at most 200 characters"),
    ])


def new_idempotency_key() -> str:
    return secrets.token_urlsafe(16)


class ReplyForm(FlaskForm):
    body = TextAreaField("Message to the resident", validators=[
        DataRequired("Write the reply before sending it"),
        Length(max=MAX_REPLY_CHARACTERS,
               message=f"Keep the reply to {MAX_REPLY_CHARACTERS} characters or fewer"),
    ])
    idempotency_key = HiddenField(validators=[DataRequired(), Length(max=64)])


class NoteForm(FlaskForm):
    text = TextAreaField("Internal note (never sent to the resident)", validators=[
        DataRequired("Write the note before adding it"),
        Length(max=MAX_REPLY_CHARACTERS,
               message=f"Keep the note to {MAX_REPLY_CHARACTERS} characters or fewer"),
    ])


class ResolveForm(FlaskForm):
    note = StringField("What was done (optional)", validators=[
        Optional(), Length(max=1000, message="Keep this to 1000 characters or fewer"),
    ])


class ReclassifyForm(FlaskForm):
    category = SelectField(
        "Category", choices=_choices([(c, CATEGORY_LABELS[c]) for c in CATEGORIES]),
        validators=[InputRequired("Choose a category")],
    )
    queue = SelectField(
        "Queue", choices=_choices([("", "Keep the usual queue for the category")]
                                  + [(q, QUEUE_LABELS.get(q, _words(q))) for q in QUEUES]),
        validators=[Optional()],
    )
    reason = StringField("Reason for the change", validators=[
        DataRequired("Give a reason: the change is audited"),
        Length(max=500, message="Keep the reason to 500 characters or fewer"),
    ])


class ResidentForm(FlaskForm):
    display_name = StringField("Name", validators=[
        Optional(), Length(max=200, message="Keep the name to 200 characters or fewer"),
    ])
    preferred_channel = SelectField(
        "Preferred channel",
        choices=_choices([("", "No preference")] + [(c, _words(c)) for c in REPLY_CHANNELS]),
        validators=[Optional()],
    )
    vulnerabilities = CheckboxesField(
        "Vulnerabilities", choices=_choices([(v, _words(v)) for v in VULNERABILITIES])
    )
    reasonable_adjustments = CheckboxesField(
        "Reasonable adjustments", choices=_choices(list(ADJUSTMENTS.items()))
    )
    reason = StringField("Reason for the change", validators=[
        DataRequired("Give a reason: changes to a resident's record are audited"),
        Length(max=1000, message="Keep the reason to 1000 characters or fewer"),
    ])

    def changes(self) -> dict[str, Any]:
        return {
            "display_name": self.display_name.data or None,
            "preferred_channel": self.preferred_channel.data or None,
            "vulnerabilities": list(self.vulnerabilities.data or []),
            "reasonable_adjustments": list(self.reasonable_adjustments.data or []),
        }


class CaseFilterForm(FlaskForm):
    """The complaints list's filters (a GET form: no CSRF needed to read)."""

    class Meta:
        csrf = False

    stage = SelectField("Stage", choices=_choices([("", "Any stage"), ("1", "Stage 1"),
                                                   ("2", "Stage 2")]), validators=[Optional()])
    status = SelectField("Status", choices=_choices(
        [("", "Any status")] + [(s.value, _words(s.value)) for s in complaint_model.Status]
    ), validators=[Optional()])
    handler = StringField("Handler", validators=[Optional(), Length(max=100)])
    overdue = SelectField("Deadline", choices=_choices(
        [("", "Any"), ("true", "Overdue only"), ("false", "Not overdue")]
    ), validators=[Optional()])
    page = IntegerField("Page", validators=[Optional(), NumberRange(min=1, max=100_000)])


class AcknowledgeForm(FlaskForm):
    understanding = TextAreaField("Our understanding of the complaint", validators=[
        DataRequired("Write down what the complaint is about, as you understand it"),
        Length(max=4000, message="Keep this to 4000 characters or fewer"),
    ])
    outcomes_sought = TextAreaField("Outcomes the resident wants (one per line)", validators=[
        DataRequired("Write the outcomes the resident is seeking, one per line"),
        Length(max=4000, message="Keep this to 4000 characters or fewer"),
    ])


class RespondForm(FlaskForm):
    decision = SelectField("Decision", choices=_choices(
        [("", "Choose the decision")]
        + [(d.value, _words(d.value)) for d in complaint_model.Decision]
    ), validators=[Optional()])
    reasons = TextAreaField("Reasons for the decision", validators=[
        Optional(), Length(max=8000, message="Keep the reasons to 8000 characters or fewer"),
    ])
    no_remedy = BooleanField("No remedy is offered (or every remedy is recorded on the case)")
    no_outstanding_actions = BooleanField(
        "No actions are outstanding (or every action is recorded on the case)"
    )


class ExtendForm(FlaskForm):
    new_due = DateField("New response date", validators=[
        InputRequired("Enter the new response date, for example 2026-12-24"),
    ])
    reason = TextAreaField("Reason, as agreed with the resident", validators=[
        DataRequired("Give the reason for the extension"),
        Length(max=2000, message="Keep the reason to 2000 characters or fewer"),
    ])


class CloseForm(FlaskForm):
    reason = StringField("Reason for closing", validators=[
        DataRequired("Give the reason for closing the case"),
        Length(max=1000, message="Keep the reason to 1000 characters or fewer"),
    ])


class DeclineForm(FlaskForm):
    """Declining on one of the policy's grounds (Code 2.2); the letter gives the resident
    the reason and their right to go to the Ombudsman."""

    ground = SelectField("Ground for not considering it", choices=_choices(
        [("", "Choose the ground")]
        + [(g.value, _words(g.value)) for g in complaint_model.ExclusionGround]
    ), validators=[DataRequired("Choose the policy's ground for declining")])
    detail = TextAreaField("What shows that this ground applies", validators=[
        DataRequired("Say what in this case shows the ground applies"),
        Length(max=2000, message="Keep this to 2000 characters or fewer"),
    ])
    explanation = TextAreaField("Explanation for the resident", validators=[
        DataRequired("Explain the decision in words the resident will understand"),
        Length(max=4000, message="Keep this to 4000 characters or fewer"),
    ])


class RemedyForm(FlaskForm):
    """A remedy offered to put things right (Code 7.1); amounts in pounds and pence."""

    type = SelectField("Kind of remedy", choices=_choices(
        [("", "Choose the kind of remedy")]
        + [(t.value, _words(t.value)) for t in complaint_model.RemedyType]
    ), validators=[DataRequired("Choose the kind of remedy")])
    description = TextAreaField("What is offered", validators=[
        DataRequired("Describe what is offered"),
        Length(max=2000, message="Keep this to 2000 characters or fewer"),
    ])
    reason = TextAreaField("Why (what it puts right)", validators=[
        DataRequired("Say what the remedy puts right"),
        Length(max=2000, message="Keep this to 2000 characters or fewer"),
    ])
    amount = DecimalField("Amount in pounds (financial remedies only)", places=2, validators=[
        Optional(), NumberRange(min=0, max=100_000, message="Enter an amount from 0 to 100000"),
    ])
    reimburses_loss = BooleanField("It reimburses a loss the resident had")
    offset_against_debt = BooleanField("It is to be set against money the resident owes")
    resident_consented_to_offset = BooleanField("The resident agreed to that offset")


class SatisfactionForm(FlaskForm):
    """The resident's answer to the satisfaction question, given by phone or letter."""

    score = RadioField("How satisfied the resident is with how we handled it", choices=_choices([
        ("1", "1: very satisfied"), ("2", "2: satisfied"), ("3", "3: neither"),
        ("4", "4: dissatisfied"), ("5", "5: very dissatisfied"),
    ]), validators=[InputRequired("Choose the resident's answer from 1 to 5")])
    comment = TextAreaField("In the resident's words (optional)", validators=[
        Optional(), Length(max=2000, message="Keep this to 2000 characters or fewer"),
    ])


class FlagForm(FlaskForm):
    """Unreasonable behaviour (policy): the case goes on under its deadlines; the flag is
    reviewed by the date given."""

    reason = TextAreaField("What the behaviour is and its effect", validators=[
        DataRequired("Describe the behaviour and why it is unreasonable"),
        Length(max=2000, message="Keep this to 2000 characters or fewer"),
    ])
    review_on = DateField("Review the flag by", validators=[
        InputRequired("Enter the review date, for example 2027-03-01"),
    ])


class SafetyForm(FlaskForm):
    """What the complaint touches on, for its priority, the 12-month rule and the Building
    Safety Act (a relevant complaint in a higher-risk building is kept 7 years)."""

    health_and_safety = BooleanField("It concerns health and safety")
    safeguarding = BooleanField("It raises a safeguarding concern")
    building_safety_concerns = CheckboxesField(
        "Building safety (in a higher-risk building these make it a relevant complaint)",
        choices=_choices([(c.value, _words(c.value))
                          for c in complaint_model.BuildingSafetyConcern]),
    )
