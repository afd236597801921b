"""The property register's rules: UK postcodes, safe text, and finding an address in what
a resident wrote. Pure: standard library only.

A postcode is checked against the format Royal Mail publishes (outward code, space,
inward code; GIR 0AA is the one exception). Text from a housing system is refused when it
carries control characters or starts like a spreadsheet formula (=, +, -, @), since
registers are exported again to spreadsheets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_OUTWARD = r"(?:[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9](?:[0-9ABEHMNPRV-Y])?|[0-9][A-HJKPS-UW]))"
_INWARD = r"(?:[0-9][ABD-HJLNP-UW-Z]{2})"
_POSTCODE = re.compile(rf"(?:GIR ?0AA|{_OUTWARD} ?{_INWARD})")
_POSTCODE_IN_TEXT = re.compile(rf"(?<![A-Z0-9])(GIR ?0AA|{_OUTWARD} ?{_INWARD})(?![A-Z0-9])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@")
_HOUSE_NUMBER = re.compile(r"(?<![a-z0-9])(\d{1,4}[a-z]?)(?![a-z0-9])")
_WORDS = re.compile(r"[a-z0-9]+")


class BadValue(ValueError):
    """A value that cannot go into the register; the message says why."""


def postcode(raw: str) -> str:
    """The postcode formatted ("m11ae" -> "M1 1AE"), or BadValue."""
    compact = re.sub(r"\s+", "", raw.upper())
    if not _POSTCODE.fullmatch(compact):
        raise BadValue(f"not a UK postcode: {clip(raw)!r}")
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_key(formatted: str) -> str:
    """The postcode without its space, for matching ("M1 1AE" -> "M11AE")."""
    return formatted.replace(" ", "")


def clean_text(name: str, raw: str | None, limit: int, *, required: bool = False) -> str | None:
    """`raw` stripped, or None when empty; BadValue naming the field when it is unsafe."""
    value = (raw or "").strip()
    if not value:
        if required:
            raise BadValue(f"{name}: required")
        return None
    if _CONTROL.search(value):
        raise BadValue(f"{name}: contains control characters")
    if value.startswith(_FORMULA_START):
        raise BadValue(f"{name}: must not start with =, +, - or @ (spreadsheet formula)")
    if len(value) > limit:
        raise BadValue(f"{name}: longer than {limit} characters")
    return value


def split_list(raw: str | None) -> list[str]:
    """"a; b ;;c" -> ["a", "b", "c"]: the CSV's way of holding several values in one cell."""
    return [part.strip() for part in (raw or "").split(";") if part.strip()]


def clip(text: str, limit: int = 40) -> str:
    """Enough of a bad value to recognise it in an error, never the whole of it."""
    return text if len(text) <= limit else text[:limit] + "…"


def name_key(name: str) -> str:
    """A household member's name compared case-, space- and punctuation-insensitively."""
    return " ".join(_WORDS.findall(name.lower()))


# --- where is this? -------------------------------------------------------------------


@dataclass(frozen=True)
class AddressMention:
    """A postcode found in a message and the house numbers/words around it."""

    postcode: str
    house_numbers: frozenset[str]
    text_words: frozenset[str]


@dataclass(frozen=True)
class Candidate:
    """A property of the register, as the suggestion needs it."""

    reference: str
    address_line_1: str
    address_line_2: str | None


def find_postcodes(text: str) -> list[AddressMention]:
    """Every UK postcode in `text`, with the house numbers written elsewhere in it."""
    upper = text.upper()
    found: list[AddressMention] = []
    for match in _POSTCODE_IN_TEXT.finditer(upper):
        formatted = postcode(match.group(1))
        rest = (upper[: match.start()] + " " + upper[match.end():]).lower()
        numbers = frozenset(_HOUSE_NUMBER.findall(rest))
        found.append(AddressMention(formatted, numbers, frozenset(_WORDS.findall(rest))))
    return found


def best_matches(mention: AddressMention, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The properties at `mention`'s postcode that its house number or name picks out.

    A property matches when every number in its address ("Flat 3, 12 Mill Road": 3 and
    12) was written, or, for a named house ("Rose Cottage"), every word of its name was.
    No match: an empty list (the caller may still show the postcode's homes).
    """
    matched = []
    for candidate in candidates:
        address = f"{candidate.address_line_1} {candidate.address_line_2 or ''}".lower()
        numbers = set(_HOUSE_NUMBER.findall(address))
        if numbers:
            if numbers <= mention.house_numbers:
                matched.append(candidate)
        elif set(_WORDS.findall(candidate.address_line_1.lower())) <= mention.text_words:
            matched.append(candidate)
    return matched


def one_line(parts: Iterable[str | None]) -> str:
    """An address on one line: "Flat 3, 12 Mill Road, Leeds, LS1 4AP"."""
    return ", ".join(part for part in parts if part)
