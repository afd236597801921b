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


@dataclass(frozen=True)
class PhoneNumber:
    """The result of normalising a number as a resident or provider gave it."""

    raw: str
    e164: str | None
    valid: bool
    mobile: bool

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
    if not phonenumbers.is_valid_number(number):
        return PhoneNumber(raw=raw, e164=None, valid=False, mobile=False)
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    mobile = phonenumbers.number_type(number) in _SMS_TYPES
    return PhoneNumber(raw=raw, e164=e164, valid=True, mobile=mobile)


def is_uk(number: PhoneNumber) -> bool:
    """True for any valid +44 number, Crown Dependency ranges included."""
    return number.e164 is not None and number.e164.startswith("+44")
