"""Masking personal data for places that must show something but not all of it: a log
line that needs a phone number, an on-call mobile shown to someone who may not call it."""

from __future__ import annotations

VISIBLE_DIGITS = 3


def mask_phone(number: str | None) -> str | None:
    """"+447700900123" -> "+44*******123": the country and the last digits, to tell
    numbers apart, never enough to ring one. Anything not a number is masked whole."""
    if not number:
        return number
    prefix = "whatsapp:" if number.startswith("whatsapp:") else ""
    digits = number.removeprefix(prefix)
    plus = "+" if digits.startswith("+") else ""
    digits = digits.removeprefix("+")
    if not digits.isdigit() or len(digits) <= VISIBLE_DIGITS + 2:
        return prefix + "*" * len(number.removeprefix(prefix))
    kept_front = 2 if plus else 0
    hidden = len(digits) - kept_front - VISIBLE_DIGITS
    return f"{prefix}{plus}{digits[:kept_front]}{'*' * hidden}{digits[-VISIBLE_DIGITS:]}"
