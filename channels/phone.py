"""UK phone numbers: one normalised form (E.164) for every way people write them.

libphonenumber places many ordinary +44 mobiles in Guernsey, Jersey or the Isle of Man
(07911 123456 is "GG"), so "is this a UK number" is `country_code == 44`, never
`is_valid_number_for_region(n, "GB")`.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

DEFAULT_REGION = "GB"
_SMS_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
_CHANNEL_PREFIXES = ("whatsapp:", "tel:", "sms:")


# Ofcom reserves these for TV, radio and film (and so for trying this service): no real
# phone has them. libphonenumber calls two of the ranges invalid; the others parse as
# ordinary numbers already. Nothing can be sent to any of them (`is_drama`).
DRAMA_RANGES = (
    ("+447700900", 3, True),   # 07700 900000-900999, mobile
    ("+441632960", 3, False),  # 01632 960000-960999
    ("+441134960", 3, False), ("+441144960", 3, False), ("+441154960", 3, False),
    ("+441164960", 3, False), ("+441174960", 3, False), ("+441184960", 3, False),
    ("+441214960", 3, False), ("+441314960", 3, False), ("+441414960", 3, False),
    ("+441514960", 3, False), ("+441614960", 3, False), ("+441914980", 3, False),
    ("+442079460", 3, False), ("+442890180", 3, False), ("+442920180", 3, False),
    ("+443069990", 3, False), ("+448081570", 3, False), ("+449098790", 3, False),
)


@dataclass(frozen=True)
class PhoneNumber:
    """The result of normalising a number as a resident or provider gave it."""

    raw: str
    e164: str | None
    valid: bool
    mobile: bool
    drama: bool = False  # an Ofcom drama number: fine to try the service, never sent to

    @property
    def key(self) -> str:
        """What identifies the customer: E.164 when valid, else the raw text."""
        return self.e164 if self.e164 else self.raw


def normalise_phone(raw: str, region: str = DEFAULT_REGION) -> PhoneNumber:
    """Parse `raw` (UK default region) into E.164; unparseable input is kept raw, not lost."""
    text = raw.strip()
    for prefix in _CHANNEL_PREFIXES:
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return PhoneNumber(raw=raw, e164=None, valid=False, mobile=False)
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    drama = _drama_range(e164)
    if drama is not None:
        return PhoneNumber(raw=raw, e164=e164, valid=True, mobile=drama, drama=True)
    if not phonenumbers.is_valid_number(number):
        return PhoneNumber(raw=raw, e164=None, valid=False, mobile=False)
    mobile = phonenumbers.number_type(number) in _SMS_TYPES
    return PhoneNumber(raw=raw, e164=e164, valid=True, mobile=mobile)


def _drama_range(e164: str) -> bool | None:
    """None if `e164` is no drama number, else whether its range is a mobile one."""
    for prefix, digits, mobile in DRAMA_RANGES:
        rest = e164[len(prefix):]
        if e164.startswith(prefix) and len(rest) == digits and rest.isdigit():
            return mobile
    return None


def is_drama(number: str) -> bool:
    """True for a number in one of Ofcom's drama ranges (no real phone has it)."""
    return normalise_phone(number).drama


def is_uk(number: PhoneNumber) -> bool:
    """True for any valid +44 number, Crown Dependency ranges included."""
    return number.e164 is not None and number.e164.startswith("+44")
