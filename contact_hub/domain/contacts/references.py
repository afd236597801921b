"""Contact references residents can read out over the phone."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L or U: easy to read aloud and to type from an SMS.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 7


def new_contact_reference() -> str:
    """A random reference such as `CH-7K3QM9P` (30^7 ≈ 2.2e10 possibilities).

    One draw from the system's random source, written in base 30 (drawing each letter
    separately costs seven system calls on the webhook's hot path).
    """
    number = secrets.randbelow(len(ALPHABET) ** LENGTH)
    letters = []
    for _ in range(LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[digit])
    return "CH-" + "".join(letters)
