"""Signing staff in to the workspace pages from tests (Flask's test client)."""

from __future__ import annotations

import re
from typing import Any

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def create_staff(container: Any, role: str = "agent", email: str | None = None,
                 name: str | None = None) -> str:
    email = email or f"{role}@magna.example"
    container.staff.create(email, name or role.capitalize(), role, PASSWORD)
    return email


def csrf_token(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def sign_in(client: Any, email: str, password: str = PASSWORD) -> Any:
    page = client.get("/login")
    return client.post("/login", data={"email": email, "password": password,
                                       "csrf_token": csrf_token(page.get_data(as_text=True))})


def signed_in(client: Any, container: Any, role: str = "agent") -> str:
    email = create_staff(container, role)
    assert sign_in(client, email).status_code == 302
    return email


def post_form(client: Any, page_path: str, action: str, data: dict[str, Any]) -> Any:
    """Submit a form as a browser would: the CSRF token read from the page first."""
    html = client.get(page_path).get_data(as_text=True)
    return client.post(action, data={"csrf_token": csrf_token(html), **data})
