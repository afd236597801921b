"""A resident's record: who they are across channels, what we must do differently for
them (vulnerabilities, reasonable adjustments, preferred channel), and who changed it.

Recorded vulnerabilities feed the router: a household recorded with, say, an elderly
resident has "no heating" treated as an emergency whatever the words say. Every change
needs a reason and is kept with the agent's name.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from contact_hub.clock import Clock
from contact_hub.domain.contacts.adjustments import ADJUSTMENTS
from contact_hub.domain.errors import Invalid, NotFound
from contact_hub.services.complaints.letters import REPLY_CHANNELS
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage import repository as repo
from routing.types import VULNERABILITIES

logger = logging.getLogger(__name__)

EDITABLE = ("display_name", "preferred_channel", "vulnerabilities", "reasonable_adjustments")


class CustomerRecords:
    """Correct residents' records (ContactQueries.customer reads them)."""

    def __init__(self, uow: UnitsOfWork, clock: Clock) -> None:
        self.uow = uow
        self.clock = clock

    def update(
        self, customer_id: int, actor: str, changes: Mapping[str, Any], reason: str
    ) -> None:
        """Apply `changes` (fields in EDITABLE), audited with `reason`.

        Raises:
            NotFound: no such customer.
            Invalid: an unknown field or value, or no reason.
        """
        values = validate_changes(changes)
        if not reason.strip():
            raise Invalid("reason: required (changes to a resident's record are audited)")
        with self.uow() as uow:
            customer = uow.session.get(repo.Customer, customer_id)
            if customer is None:
                raise NotFound(f"no customer {customer_id}")
            before = {name: getattr(customer, name) for name in values}
            for name, value in values.items():
                setattr(customer, name, value)
            uow.session.add(repo.CustomerChange(
                customer_id=customer_id, at=self.clock(), actor=actor, reason=reason.strip(),
                changes={name: {"from": before[name], "to": value}
                         for name, value in values.items()},
            ))
            uow.commit()
        logger.info("customer record changed customer_id=%s fields=%s", customer_id,
                    ",".join(sorted(values)))


def validate_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The changes as stored values; Invalid naming the first field that is wrong."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown or not changes:
        raise Invalid(f"fields: change one or more of {', '.join(EDITABLE)}"
                      + (f" (not {', '.join(unknown)})" if unknown else ""))
    values: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "display_name":
            values[name] = _text_or_none(name, value, 200)
        elif name == "preferred_channel":
            values[name] = _choice_or_none(name, value, REPLY_CHANNELS)
        elif name == "vulnerabilities":
            values[name] = _subset(name, value, VULNERABILITIES)
        else:
            values[name] = _subset(name, value, tuple(ADJUSTMENTS))
    return values


def _text_or_none(name: str, value: Any, limit: int) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str) or len(value.strip()) > limit:
        raise Invalid(f"{name}: text of at most {limit} characters, or null")
    return value.strip()


def _choice_or_none(name: str, value: Any, options: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    if value not in options:
        raise Invalid(f"{name}: one of {', '.join(options)}, or null")
    return str(value)


def _subset(name: str, value: Any, options: tuple[str, ...]) -> list[str]:
    if not isinstance(value, list) or any(item not in options for item in value):
        raise Invalid(f"{name}: a list drawn from {', '.join(options)}")
    return sorted(set(value))
