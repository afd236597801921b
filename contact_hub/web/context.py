"""Access to the process's container from views, and the public URL a provider signed."""

from __future__ import annotations

from typing import cast

from flask import current_app, request

from contact_hub.bootstrap import Container


def container() -> Container:
    return cast(Container, current_app.extensions["contact_hub"])


def public_url() -> str:
    """The URL exactly as the provider called it (PUBLIC_BASE_URL behind a proxy)."""
    base = container().settings.public_base_url
    query = request.query_string.decode("latin-1")
    suffix = request.path + (f"?{query}" if query else "")
    if base:
        return base.rstrip("/") + suffix
    return request.host_url.rstrip("/") + suffix
