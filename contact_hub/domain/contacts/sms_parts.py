"""Splitting a long text message into numbered parts that each fit the provider's limit.

Twilio refuses a body over 1,600 characters (error 21617), counted in UTF-16 code units
(an emoji outside the Basic Multilingual Plane counts twice). We split anything over
``PART_LIMIT`` at a line, sentence or word boundary and number the parts "(1/3) ...",
so the resident knows from the first part that more is coming. Joining the parts with
their markers removed gives back the original text exactly. Standard library only.
"""

from __future__ import annotations

import re

SPLIT_CHANNELS = ("sms", "whatsapp")
PROVIDER_LIMIT = 1600  # Twilio error 21617 above this
PART_LIMIT = 1500  # text per part, leaving room for the "(n/N) " marker
_PART_KEY = re.compile(r"^(?P<base>.+):part-(?P<number>\d+)$")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+")
_SPACES = re.compile(r"\s+")
_JOINERS = {"\u200d", "\ufe0f", "\ufe0e"}  # zero-width joiner, variation selectors


def units(text: str) -> int:
    """Length as the provider counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def split_message(body: str, limit: int = PART_LIMIT) -> list[str]:
    """The body as it should be sent: itself if it fits, else numbered parts.

    Each part is "(n/N) " followed by a chunk of at most ``limit`` code units, cut after a
    line break, else after a sentence, else after a space; a single word longer than
    ``limit`` is cut hard (never inside an emoji sequence when avoidable).
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    if units(body) <= limit:
        return [body]
    chunks = chunk_text(body, limit)
    total = len(chunks)
    return [f"{part_marker(number, total)}{chunk}" for number, chunk in enumerate(chunks, 1)]


def part_marker(number: int, total: int) -> str:
    """The prefix that tells a resident which part this is: "(2/3) "."""
    return f"({number}/{total}) "


def part_key(key: str, number: int) -> str:
    """The idempotency key of one part of the message keyed ``key``."""
    return f"{key}:part-{number}"


def parse_part_key(key: str) -> tuple[str, int] | None:
    """The logical message's key and the part number, or None if ``key`` is not a part."""
    found = _PART_KEY.match(key)
    if found is None:
        return None
    return found["base"], int(found["number"])


def chunk_text(text: str, limit: int) -> list[str]:
    """Consecutive non-empty pieces of ``text``, each at most ``limit`` code units."""
    chunks: list[str] = []
    start = 0
    while start < len(text):
        end = _furthest_fit(text, start, limit)
        if end < len(text):
            end = _boundary(text, start, end)
        chunks.append(text[start:end])
        start = end
    return chunks


def _furthest_fit(text: str, start: int, limit: int) -> int:
    """The largest end such that text[start:end] fits in ``limit`` code units (at least 1 char)."""
    used = 0
    end = start
    while end < len(text):
        width = 2 if ord(text[end]) > 0xFFFF else 1
        if used + width > limit:
            break
        used += width
        end += 1
    return max(end, start + 1)


def _boundary(text: str, start: int, end: int) -> int:
    """Where to cut text[start:end] (which overflows at ``end``): the best boundary."""
    window = text[start:end]
    # A cut in the first half leaves a stub part; only accept it when nothing else fits.
    least = len(window) // 2
    line = window.rfind("\n")
    if line >= least:
        return start + line + 1
    sentences = [m.end() for m in _SENTENCE_END.finditer(window)]
    if sentences and sentences[-1] >= least:
        return start + sentences[-1]
    # Cut after the last run of spaces, so the next part starts with a word.
    spaces = [m.end() for m in _SPACES.finditer(window)]
    if spaces:
        return start + spaces[-1]
    return _hard_cut(text, start, end)


def _hard_cut(text: str, start: int, end: int) -> int:
    """Cut a single overlong word, stepping back out of an emoji or accent sequence."""
    cut = end
    while cut - 1 > start and (text[cut] in _JOINERS or text[cut - 1] == "\u200d"
                               or _is_combining(text[cut])):
        cut -= 1
    return cut if cut > start else end


def _is_combining(char: str) -> bool:
    # Combining marks (accents) and emoji skin-tone modifiers belong to the previous char.
    return 0x0300 <= ord(char) <= 0x036F or 0x1F3FB <= ord(char) <= 0x1F3FF
