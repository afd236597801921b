"""Reading API query strings and JSON bodies: a clear 400 for anything malformed.

Shared by every /api/v1 blueprint so paging and choices behave the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from flask import request
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

from channels.base import PayloadInvalid
from channels.json_limits import load_json
from contact_hub.web.errors import ApiError

MAX_PAGE = 200
DEFAULT_PAGE = 50
MAX_ID = 2**31 - 1  # PostgreSQL's integer: a larger id would be a database error, not a 404
MAX_OFFSET = MAX_ID
# How the OpenAPI document describes them.
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
OFFSET_SCHEMA = {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0}
# C0 controls and DEL: no query, path or name we serve has a use for them, and PostgreSQL
# cannot store NUL. Lone surrogates (from JSON escapes) cannot be stored as UTF-8.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


class DatabaseId(IntegerConverter):
    """`<int:...>` in every route is a database id: 1 to 2^31-1, anything else a clear 400
    (a larger number would reach PostgreSQL as an integer overflow)."""

    def to_python(self, value: str) -> int:
        if len(value) > len(str(MAX_ID)) or not 1 <= int(value) <= MAX_ID:
            raise BadRequest(f"id: must be a whole number from 1 to {MAX_ID}")
        return int(value)


def refuse_control_characters() -> None:
    """400 for a path or query string carrying control characters (run before every view)."""
    if _CONTROL.search(request.path):
        raise ApiError(400, "path: must not contain control characters")
    for name, value in request.args.items(multi=True):
        if _CONTROL.search(name) or _CONTROL.search(value):
            raise ApiError(400, f"{_printable(name)}: must not contain control characters")


def _printable(name: str) -> str:
    return _CONTROL.sub("?", name)[:40]


def json_body(*, required: bool = True) -> dict[str, Any]:
    """The request's JSON object body: bounded in size and depth before it is parsed, and
    refused (400) if any text in it could not be stored. `{}` when optional and absent."""
    raw = request.get_data(cache=True)
    if not raw.strip() or not request.is_json:
        if required:
            raise ApiError(400, "expected a JSON object body")
        return {}
    try:
        data = load_json(raw)
    except PayloadInvalid as error:
        raise ApiError(400, str(error)) from None
    if not isinstance(data, dict):
        raise ApiError(400, "expected a JSON object body")
    _refuse_unstorable(data, "body")
    return data


def _refuse_unstorable(value: Any, where: str) -> None:
    if isinstance(value, str):
        if _UNSTORABLE.search(value):
            raise ApiError(400, f"{where}: text must not contain NUL or unpaired surrogates")
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_unstorable(key, where)
            _refuse_unstorable(item, f"{where}.{_printable(key)}"[:80])
    elif isinstance(value, list):
        for item in value:
            _refuse_unstorable(item, where)


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
        if len(raw) > 20:  # no bound we use needs more digits; int() of 5,000 is slow
            raise ValueError(raw)
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"{name}: must be a whole number") from None
    if value < minimum or (maximum is not None and value > maximum):
        raise ApiError(400, f"{name}: out of range")
    return value


def paging(args: Mapping[str, str]) -> tuple[int, int]:
    """`limit` (1 to 200, default 50) and `offset` (0 to 2^31-1, default 0)."""
    limit = integer(args, "limit", minimum=1, maximum=MAX_PAGE, default=DEFAULT_PAGE)
    offset = integer(args, "offset", minimum=0, maximum=MAX_OFFSET, default=0)
    return limit, offset


def moment(raw: Any, name: str = "at") -> datetime | None:
    """An optional ISO 8601 time with its offset from a JSON body (400 naming `name`)."""
    if raw is None:
        return None
    try:
        value = datetime.fromisoformat(str(raw))
    except ValueError:
        raise ApiError(400, f"{name}: an ISO 8601 time with its offset") from None
    if value.tzinfo is None:
        raise ApiError(400, f"{name}: an ISO 8601 time with its offset")
    return value
