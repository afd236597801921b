"""Reading API query strings and JSON bodies: a clear 400 for anything malformed.

Shared by every /api/v1 blueprint so paging and choices behave the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contact_hub.web.errors import ApiError

MAX_PAGE = 200
DEFAULT_PAGE = 50


def json_body(data: Any) -> dict[str, Any]:
    """The parsed JSON body (`request.get_json(silent=True)`), which must be an object."""
    if not isinstance(data, dict):
        raise ApiError(400, "expected a JSON object body")
    return data


def choice(args: Mapping[str, str], name: str, options: tuple[str, ...]) -> str | None:
    """`name` if given (one of `options`), else None."""
    value = args.get(name)
    if value in (None, ""):
        return None
    if value not in options:
        raise ApiError(400, f"{name}: must be one of {', '.join(options)}")
    return value


def integer(
    args: Mapping[str, str], name: str, *, minimum: int, maximum: int | None = None,
    default: int | None = None,
) -> int:
    """A whole number in range; `default` when absent (required when there is none)."""
    raw = args.get(name)
    if raw in (None, ""):
        if default is None:
            raise ApiError(400, f"{name}: required")
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"{name}: must be a whole number") from None
    if value < minimum or (maximum is not None and value > maximum):
        raise ApiError(400, f"{name}: out of range")
    return value


def paging(args: Mapping[str, str]) -> tuple[int, int]:
    """`limit` (1 to 200, default 50) and `offset` (default 0)."""
    limit = integer(args, "limit", minimum=1, maximum=MAX_PAGE, default=DEFAULT_PAGE)
    offset = integer(args, "offset", minimum=0, default=0)
    return limit, offset
