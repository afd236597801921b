"""Reasonable adjustments: what we do differently so a resident can use our services.

The Equality Act 2010 duty, and the Complaint Handling Code's expectation that a
landlord records and honours adjustments. Recorded once on the customer, shown to every
agent who picks up their contact, and kept under review (every change is audited).
"""

from __future__ import annotations

ADJUSTMENTS: dict[str, str] = {
    "large_print": "letters and documents in large print",
    "braille": "letters and documents in Braille",
    "easy_read": "letters and documents in Easy Read",
    "audio": "letters read aloud or sent as audio",
    "translation": "letters translated into their language",
    "language_interpreter": "an interpreter for calls and visits",
    "bsl_interpreter": "a British Sign Language interpreter for calls and visits",
    "relay_uk": "calls through Relay UK (text relay)",
    "phone_only": "contact by phone call rather than in writing",
    "written_only": "contact in writing rather than by phone",
    "named_contact": "one named officer as their point of contact",
    "advocate": "speak to their advocate or representative as well",
    "extra_time": "more time to reply to us",
    "home_visit": "meet at home rather than at our offices",
}

# Adjustments that change how a letter must be made: a person prepares that copy.
LETTER_FORMATS = ("large_print", "braille", "easy_read", "audio", "translation")
