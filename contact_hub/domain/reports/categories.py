"""The configurable lists a complaint is classified against: service areas and categories.

Configured as ``code=Label`` pairs (``COMPLAINT_CATEGORIES``, ``COMPLAINT_SERVICE_AREAS``);
the defaults follow the areas landlords' annual reports and the MRC FAQ name ("data on
performance in key complaint categories - for example, repairs").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("repairs", "Repairs"),
    ("damp_and_mould", "Damp and mould"),
    ("anti_social_behaviour", "Anti-social behaviour"),
    ("staff_conduct", "Staff conduct"),
    ("communication", "Communication"),
    ("charges", "Rent and service charges"),
    ("estate_services", "Estate services"),
    ("lettings", "Lettings and allocations"),
    ("complaint_handling", "Complaint handling"),
    ("other", "Other"),
)
DEFAULT_SERVICE_AREAS: tuple[tuple[str, str], ...] = (
    ("property_services", "Property services"),
    ("neighbourhoods", "Neighbourhoods"),
    ("income", "Income and service charges"),
    ("customer_services", "Customer services"),
    ("lettings", "Lettings"),
    ("other", "Other"),
)
_CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")


@dataclass(frozen=True)
class Vocabulary:
    """One configured list: codes in order, each with the label reports print."""

    entries: tuple[tuple[str, str], ...]

    def label(self, code: str) -> str:
        """The label for ``code`` (the code itself for one no longer configured)."""
        return dict(self.entries).get(code, code)

    def __contains__(self, code: object) -> bool:
        return any(code == known for known, _ in self.entries)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.entries)


@dataclass(frozen=True)
class ComplaintVocabulary:
    """The categories and service areas complaints are classified against."""

    categories: Vocabulary = Vocabulary(DEFAULT_CATEGORIES)
    service_areas: Vocabulary = Vocabulary(DEFAULT_SERVICE_AREAS)


def parse_vocabulary(value: str, name: str) -> tuple[tuple[str, str], ...]:
    """``repairs=Repairs,damp_and_mould=Damp and mould`` → pairs; ValueError names ``name``."""
    entries: list[tuple[str, str]] = []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        code, _, label = part.partition("=")
        code, label = code.strip(), label.strip() or code.strip()
        if not _CODE.fullmatch(code):
            raise ValueError(f"{name}: {code!r} is not a code (lower case, digits, _)")
        if code in (c for c, _ in entries):
            raise ValueError(f"{name}: {code!r} is listed twice")
        entries.append((code, label))
    if not entries:
        raise ValueError(f"{name}: give at least one code=Label")
    return tuple(entries)
