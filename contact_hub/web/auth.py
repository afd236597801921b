"""Bearer-token authentication for the API, checked against the same roles and
permissions as the staff pages (`domain.access.roles`), and the access audit of residents'
records read through the API."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import g, request

from contact_hub.domain.access import roles
from contact_hub.domain.access.roles import Permission
from contact_hub.services.access.audit import Reader
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError

__all__ = ["audited_read", "has_role", "permitted", "record_read", "require", "require_role"]


def require(permission: Permission) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """401 without a valid token; 403 saying why when the token's role may not do
    `permission` (the same rule a signed-in person of that role meets on the pages)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            scheme, _, token = request.headers.get("Authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise ApiError(401, "a bearer token is required", "unauthorized")
            identity = container().tokens.lookup(token.strip())
            if identity is None:
                raise ApiError(401, "the bearer token is not valid", "unauthorized")
            if not roles.allowed(identity.role, permission):
                raise ApiError(403, roles.refusal(identity.role, permission, signed_in=False),
                               "forbidden")
            g.role, g.actor, g.token_id = identity.role, identity.actor, identity.token_id
            return view(*args, **kwargs)

        wrapper.permission = permission  # type: ignore[attr-defined]
        return wrapper

    return decorate


def require_role(role: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`require` for a route kept at a plain role level: `role` or any role above it."""
    return require(roles.at_least(role))


def permitted(permission: Permission) -> bool:
    """Whether the request's token may do `permission` (inside a `require` view)."""
    return roles.allowed(g.role, permission)


def has_role(role: str) -> bool:
    """Whether the request's token has at least `role` (inside a `require` view)."""
    return permitted(roles.at_least(role))


def record_read(record_type: str, record_id: int | str) -> None:
    """Audit that the request's token holder read one resident's record."""
    reader = Reader(actor=g.actor, role=g.role, token_id=g.get("token_id"), via="api")
    container().access_audit.record(reader, record_type, record_id)


def audited_read(
    record_type: str, argument: str
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Audit a successful read of the record named by the URL's `argument` (after
    require; a 404 or any refusal records nothing)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            response = view(*args, **kwargs)
            record_read(record_type, kwargs[argument])
            return response

        return wrapper

    return decorate
