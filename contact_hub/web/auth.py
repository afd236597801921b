"""Bearer-token authentication with roles (admin can do everything an agent can)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import g, request

from contact_hub.web.context import container
from contact_hub.web.errors import ApiError

ROLE_RANK = {"agent": 1, "admin": 2}


def require_role(role: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """401 without a valid token; 403 when the token's role is below `role`."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            scheme, _, token = request.headers.get("Authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise ApiError(401, "a bearer token is required", "unauthorized")
            identity = container().tokens.identify(token.strip())
            if identity is None:
                raise ApiError(401, "the bearer token is not valid", "unauthorized")
            granted, actor = identity
            if ROLE_RANK[granted] < ROLE_RANK[role]:
                raise ApiError(403, f"this needs the {role} role", "forbidden")
            g.role, g.actor = granted, actor
            return view(*args, **kwargs)

        return wrapper

    return decorate
