"""One household member's row of the housing system's export, checked and normalised.

Used by the CSV import and by the API (`PUT /properties/<ref>`, `PUT /tenancies/<ref>`),
so both refuse the same things with the same words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from phonenumbers import PhoneMetadata

from channels.phone import normalise_phone
from contact_hub.domain.homes import BadValue, clean_text, clip, name_key, postcode, split_list

COLUMNS = (
    "property_ref", "uprn", "address_line_1", "address_line_2", "town", "postcode",
    "building_id", "building_name", "higher_risk", "tenancy_ref", "tenure", "member_name",
    "phone", "email", "vulnerabilities",
)
OPTIONAL_COLUMNS = ("tenancy_start", "tenancy_end", "date_of_birth", "reasonable_adjustments")
TENURES = (
    "general_needs", "supported", "older_persons", "shared_ownership", "leasehold",
    "affordable_rent", "intermediate_rent", "market_rent", "temporary", "licence",
)
_REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,49}")
_UPRN = re.compile(r"[0-9]{1,12}")
_EMAIL = re.compile(r"[^@\s,;<>\"']+@[^@\s,;<>\"']+\.[^@\s,;<>\"']+")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}


@dataclass(frozen=True)
class PropertyData:
    reference: str
    uprn: str | None
    address_line_1: str
    address_line_2: str | None
    town: str | None
    postcode: str
    building_id: str | None
    building_name: str | None
    higher_risk: bool


@dataclass(frozen=True)
class TenancyData:
    reference: str
    property_ref: str
    tenure: str | None
    start_date: date | None
    end_date: date | None


@dataclass(frozen=True)
class MemberData:
    tenancy_ref: str
    name: str
    name_key: str
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    date_of_birth: date | None
    vulnerabilities: tuple[str, ...]
    reasonable_adjustments: tuple[str, ...]


@dataclass(frozen=True)
class HomeRow:
    """What one CSV row says: its property, its tenancy and one household member."""

    home: PropertyData
    tenancy: TenancyData
    member: MemberData


def reference(name: str, raw: str | None) -> str:
    value = (raw or "").strip()
    if not _REFERENCE.fullmatch(value):
        raise BadValue(f"{name}: 1 to 50 letters, digits, '.', '_' or '-', starting with a "
                       f"letter or digit (got {clip(value)!r})")
    return value


def property_data(ref: str, row: Mapping[str, str | None]) -> PropertyData:
    """A property's fields (the CSV's columns, or the API's body), checked."""
    uprn = (row.get("uprn") or "").strip() or None
    if uprn is not None and not _UPRN.fullmatch(uprn):
        raise BadValue(f"uprn: 1 to 12 digits (got {clip(uprn)!r})")
    raw_postcode = (row.get("postcode") or "").strip()
    if not raw_postcode:
        raise BadValue("postcode: required")
    building_id = (row.get("building_id") or "").strip() or None
    if building_id is not None:
        building_id = reference("building_id", building_id)
    return PropertyData(
        reference=reference("property_ref", ref),
        uprn=uprn.lstrip("0") or "0" if uprn else None,
        address_line_1=str(clean_text("address_line_1", row.get("address_line_1"), 200,
                                      required=True)),
        address_line_2=clean_text("address_line_2", row.get("address_line_2"), 200),
        town=clean_text("town", row.get("town"), 100),
        postcode=postcode(raw_postcode),
        building_id=building_id,
        building_name=clean_text("building_name", row.get("building_name"), 200),
        higher_risk=flag("higher_risk", row.get("higher_risk")),
    )


def tenancy_data(ref: str, property_ref: str | None, row: Mapping[str, str | None]) -> TenancyData:
    """A tenancy's fields, checked."""
    start = day("tenancy_start", row.get("tenancy_start"))
    end = day("tenancy_end", row.get("tenancy_end"))
    if start and end and end < start:
        raise BadValue("tenancy_end: before tenancy_start")
    return TenancyData(
        reference=reference("tenancy_ref", ref),
        property_ref=reference("property_ref", property_ref),
        tenure=tenure(row.get("tenure")),
        start_date=start,
        end_date=end,
    )


def member_data(tenancy_ref: str, row: Mapping[str, str | None]) -> MemberData:
    """One household member, with phones in E.164 and emails in lower case."""
    name = str(clean_text("member_name", row.get("member_name"), 200, required=True))
    key = name_key(name)
    if not key:
        raise BadValue("member_name: needs a letter or digit")
    return MemberData(
        tenancy_ref=tenancy_ref,
        name=name,
        name_key=key,
        phones=tuple(phone(raw) for raw in split_list(row.get("phone"))),
        emails=tuple(email(raw) for raw in split_list(row.get("email"))),
        date_of_birth=day("date_of_birth", row.get("date_of_birth")),
        vulnerabilities=tuple(str(clean_text("vulnerabilities", item, 100))
                              for item in split_list(row.get("vulnerabilities"))),
        reasonable_adjustments=tuple(str(clean_text("reasonable_adjustments", item, 100))
                                     for item in split_list(row.get("reasonable_adjustments"))),
    )


def home_row(row: Mapping[str, str | None]) -> HomeRow:
    """A CSV row (a dict by column name) as a HomeRow; BadValue with the reason."""
    home = property_data(row.get("property_ref") or "", row)
    tenancy = tenancy_data(row.get("tenancy_ref") or "", home.reference, row)
    return HomeRow(home, tenancy, member_data(tenancy.reference, row))


def phone(raw: str) -> str:
    """E.164; BadValue when libphonenumber does not accept the number.

    A UK number written the usual ways is checked against +44's number patterns directly
    (3 µs instead of 350 µs: an import of 100,000 members spends half a minute otherwise);
    anything else, and anything that does not match, gets the full parse.
    """
    national = _uk_national(raw)
    if national is not None and _uk_patterns().fullmatch(national):
        return "+44" + national
    number = normalise_phone(raw)
    if not number.valid or number.e164 is None:
        raise BadValue(f"phone: not a phone number: {clip(raw)!r}")
    return number.e164


def email(raw: str) -> str:
    value = raw.strip().lower()
    if len(value) > 320 or not _EMAIL.fullmatch(value):
        raise BadValue(f"email: not an email address: {clip(raw)!r}")
    return value


def flag(name: str, raw: str | None) -> bool:
    value = (raw or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise BadValue(f"{name}: yes or no (got {clip(value)!r})")


def day(name: str, raw: str | None) -> date | None:
    """An ISO date (2024-03-31) or a UK one (31/03/2024); None when empty."""
    value = (raw or "").strip()
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()  # noqa: DTZ007 (a date only)
        except ValueError:
            continue
    raise BadValue(f"{name}: a date such as 2024-03-31 or 31/03/2024 (got {clip(value)!r})")


def tenure(raw: str | None) -> str | None:
    value = re.sub(r"[\s-]+", "_", (raw or "").strip().lower())
    if not value:
        return None
    if value not in TENURES:
        raise BadValue(f"tenure: one of {', '.join(TENURES)} (got {clip(value)!r})")
    return value


_UK_WRITTEN = re.compile(r"(?:\+44|0044|0|\+440)([1-9][0-9]{9})")
_UK_REGIONS = ("GB", "GG", "JE", "IM")  # +44 is shared with the Crown Dependencies
_NUMBER_TYPES = ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost",
                 "personal_number", "voip", "pager", "uan", "voicemail")


def _uk_national(raw: str) -> str | None:
    """The 10-digit national number of "07400 123456", "+44 (0)7400-123456", else None."""
    match = _UK_WRITTEN.fullmatch(re.sub(r"[\s().-]", "", raw))
    return match.group(1) if match else None


@functools.cache
def _uk_patterns() -> re.Pattern[str]:
    """Every valid +44 national number, from libphonenumber's own metadata (is_valid_number
    accepts exactly the numbers one of these types matches)."""
    patterns = []
    for region in _UK_REGIONS:
        metadata = PhoneMetadata.metadata_for_region(region)
        for name in _NUMBER_TYPES:
            description = getattr(metadata, name, None) if metadata else None
            if description is not None and description.national_number_pattern:
                patterns.append(description.national_number_pattern)
    return re.compile("(?:" + "|".join(patterns) + ")")
