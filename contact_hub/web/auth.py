"""Bearer-token authentication with roles (agent < manager < admin), and the access audit
of residents' records read through the API."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import g, request

from contact_hub.services.access.audit import Reader
from contact_hub.services.access.tokens import ROLE_RANK
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError

__all__ = ["ROLE_RANK", "audited_read", "has_role", "record_read", "require_role"]


def require_role(role: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """401 without a valid token; 403 when the token's role is below `role`."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            scheme, _, token = request.headers.get("Authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise ApiError(401, "a bearer token is required", "unauthorized")
            identity = container().tokens.lookup(token.strip())
            if identity is None:
                raise ApiError(401, "the bearer token is not valid", "unauthorized")
            if ROLE_RANK[identity.role] < ROLE_RANK[role]:
                raise ApiError(403, f"this needs the {role} role", "forbidden")
            g.role, g.actor, g.token_id = identity.role, identity.actor, identity.token_id
            return view(*args, **kwargs)

        return wrapper

    return decorate


def has_role(role: str) -> bool:
    """Whether the request's token has at least `role` (inside a require_role view)."""
    return ROLE_RANK[g.role] >= ROLE_RANK[role]


def record_read(record_type: str, record_id: int | str) -> None:
    """Audit that the request's token holder read one resident's record."""
    reader = Reader(actor=g.actor, role=g.role, token_id=g.get("token_id"), via="api")
    container().access_audit.record(reader, record_type, record_id)


def audited_read(
    record_type: str, argument: str
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Audit a successful read of the record named by the URL's `argument` (after
    require_role; a 404 or any refusal records nothing)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            response = view(*args, **kwargs)
            record_read(record_type, kwargs[argument])
            return response

        return wrapper

    return decorate
