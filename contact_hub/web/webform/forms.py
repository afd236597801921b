"""The web form's fields, validated on the server with messages beside each field."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    MultipleFileField,
    RadioField,
    SelectChoice,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from channels.web_form import MAX_DESCRIPTION_CHARS, ReplyBy


class ContactForm(FlaskForm):
    description = TextAreaField("What is the problem?", validators=[
        DataRequired("Tell us what the problem is"),
        Length(max=MAX_DESCRIPTION_CHARS,
               message=f"Use at most {MAX_DESCRIPTION_CHARS} characters"),
    ])
    address = StringField("Address of the home, or postcode (optional)", validators=[
        Optional(), Length(max=200, message="Use at most 200 characters")])
    name = StringField("Your name (optional)", validators=[
        Optional(), Length(max=100, message="Use at most 100 characters")])
    reply_by = RadioField("How should we reply?", choices=[
        SelectChoice(ReplyBy.EMAIL.value, "By email"),
        SelectChoice(ReplyBy.TEXT.value, "By text message"),
    ], validators=[DataRequired("Choose how we should reply")])
    email = EmailField("Email address", validators=[
        Optional(), Length(max=200, message="Use at most 200 characters")])
    phone = TelField("Mobile number", validators=[
        Optional(), Length(max=30, message="Use at most 30 characters")])
    photos = MultipleFileField("Photos or documents (optional)")
    # Hidden from people (and from screen readers); bots that fill every field fill it.
    website = StringField("Leave this empty", validators=[Optional()])
    submission = HiddenField()
