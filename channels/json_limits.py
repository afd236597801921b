"""JSON from the outside world, with its size and nesting bounded before it is parsed.

Python's parser recurses once per level: a few thousand `[` in a webhook body raise
RecursionError deep inside it (a 500), and a 10,000-digit number raises ValueError. Every
webhook and API body goes through `load_json`, which refuses such documents first.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from channels.base import PayloadInvalid

MAX_DEPTH = 64  # Slack's block_actions payloads, the deepest we receive, reach about 12
MAX_BYTES = 1024 * 1024
# A JSON string: the only place a bracket does not open or close a level.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


def nesting_depth(text: str) -> int:
    """How deeply arrays and objects nest in `text` (brackets inside strings ignored)."""
    depth = deepest = 0
    for bracket in _NOT_BRACKETS.sub("", _STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def load_json(
    raw: bytes | str,
    *,
    what: str = "body",
    max_depth: int = MAX_DEPTH,
    max_bytes: int = MAX_BYTES,
    parse_constant: Callable[[str], Any] | None = None,
    parse_float: Callable[[str], Any] | None = None,
) -> Any:
    """Parse UTF-8 JSON, refusing (PayloadInvalid) anything too big, too deep or malformed."""
    if len(raw) > max_bytes:
        raise PayloadInvalid(f"{what}: JSON larger than {max_bytes} bytes")
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise PayloadInvalid(f"{what}: expected JSON (UTF-8)") from None
    if nesting_depth(text) > max_depth:
        raise PayloadInvalid(f"{what}: JSON nested more than {max_depth} levels deep")
    try:
        return json.loads(text, parse_constant=parse_constant, parse_float=parse_float)
    except (ValueError, RecursionError):  # JSONDecodeError, over-long integers
        raise PayloadInvalid(f"{what}: expected JSON") from None
