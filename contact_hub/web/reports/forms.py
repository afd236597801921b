"""Parsing the learning and report bodies into domain values (400 on malformed input);
the rules about content are the domain's and come back as 409."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from contact_hub.domain import complaints as domain
from contact_hub.domain.errors import Invalid
from contact_hub.services.reports.annual import GoverningBodyResponseInput
from contact_hub.web.complaints.forms import (
    choice,
    day,
    person,
    required_day,
    required_text,
    strings,
    text,
)


def classification(data: Mapping[str, Any]) -> tuple[
    domain.Classification, tuple[domain.IndependenceTrigger, ...], str | None, str
]:
    """``service_area``, ``category``, ``independence_triggers``, ``subject_team``, ``detail``."""
    triggers = tuple(
        choice({"independence_triggers": t}, "independence_triggers", domain.IndependenceTrigger)
        for t in strings(data, "independence_triggers")
    )
    return (
        domain.Classification(required_text(data, "service_area"),
                              required_text(data, "category")),
        triggers,
        text(data, "subject_team"),
        text(data, "detail") or "",
    )


def root_cause(data: Mapping[str, Any]) -> domain.RootCause:
    return domain.RootCause(choice(data, "kind", domain.RootCauseKind),
                            text(data, "detail") or "")


def lesson(data: Mapping[str, Any]) -> domain.Lesson:
    return domain.Lesson(id=text(data, "id") or secrets.token_hex(4), text=text(data, "text") or "")


def improvement(data: Mapping[str, Any]) -> domain.ServiceImprovement:
    return domain.ServiceImprovement(
        id=text(data, "id") or secrets.token_hex(4),
        description=text(data, "description") or "",
        owner=text(data, "owner") or "",
        due_on=required_day(data, "due_on"),
        lesson_id=text(data, "lesson_id"),
    )


def ombudsman(data: Mapping[str, Any]) -> domain.OmbudsmanCase:
    determination = data.get("determination")
    return domain.OmbudsmanCase(
        referred_on=required_day(data, "referred_on"),
        ombudsman_reference=required_text(data, "ombudsman_reference"),
        determination=None if determination is None
        else choice(data, "determination", domain.OmbudsmanDetermination),
        determined_on=day(data, "determined_on"),
        orders=strings(data, "orders"),
        orders_complied_on=day(data, "orders_complied_on"),
    )


def handler(data: Mapping[str, Any]) -> domain.Person:
    found = data.get("handler")
    if not isinstance(found, dict):
        raise Invalid("handler: must be an object with id, name and team")
    return person(found)


def governing_body_response(data: Mapping[str, Any]) -> GoverningBodyResponseInput:
    return GoverningBodyResponseInput(
        text=required_text(data, "text"),
        responded_by=required_text(data, "responded_by"),
        responded_on=required_day(data, "responded_on"),
    )
