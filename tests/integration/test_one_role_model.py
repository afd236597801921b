"""One role model: a role may do exactly the same through an API token as a person of that
role signed in to the pages, because both ask `domain.access.roles`."""

from __future__ import annotations

from typing import Any

import pytest

from contact_hub.domain.access import roles
from contact_hub.domain.access.roles import Permission
from tests.workspace_helpers import csrf_token, signed_in

# (permission, API request, page request): each pair is guarded by the same permission.
# Unknown ids make an allowed request a 404, so nothing changes whoever is asking.
PAIRS: list[tuple[Permission, tuple[str, str], tuple[str, str]]] = [
    (roles.WORK_CONTACTS, ("GET", "/api/v1/queues"), ("GET", "/inbox")),
    (roles.VIEW_COMPLAINTS, ("GET", "/api/v1/complaints"), ("GET", "/complaints")),
    (roles.HANDLE_COMPLAINTS, ("POST", "/api/v1/complaints/CMP-NOPE/acknowledge"),
     ("POST", "/complaints/CMP-NOPE/acknowledge")),
    (roles.DECLINE_COMPLAINTS, ("POST", "/api/v1/complaints/CMP-NOPE/decline"),
     ("POST", "/complaints/CMP-NOPE/decline")),
    (roles.VIEW_ONCALL, ("GET", "/api/v1/oncall"), ("GET", "/oncall")),
    (roles.ANSWER_ALERTS, ("POST", "/api/v1/alerts/999999/acknowledge"),
     ("POST", "/oncall/alerts/999999/acknowledge")),
    (roles.VIEW_DASHBOARD, ("GET", "/api/v1/reports/contacts"), ("GET", "/dashboard")),
]


def _api(client: Any, token: str, method: str, path: str) -> int:
    headers = {"Authorization": "Bearer " + token}
    if method == "GET":
        return int(client.get(path, headers=headers).status_code)
    return int(client.post(path, headers=headers, json={}).status_code)


def _page(client: Any, method: str, path: str) -> int:
    if method == "GET":
        return int(client.get(path).status_code)
    token = csrf_token(client.get("/oncall").get_data(as_text=True))
    return int(client.post(path, data={"csrf_token": token}).status_code)


@pytest.mark.parametrize("role", roles.ROLES)
def test_a_role_may_do_the_same_through_a_token_and_signed_in(client, container, role):
    token = container.tokens.create(role, f"integration ({role})")
    signed_in(client, container, role)
    api = client.application.test_client()
    for permission, (api_method, api_path), (page_method, page_path) in PAIRS:
        expected = roles.allowed(role, permission)
        through_token = _api(api, token, api_method, api_path)
        on_the_page = _page(client, page_method, page_path)
        assert (through_token != 403) == expected, (role, permission.name, through_token)
        assert (on_the_page != 403) == expected, (role, permission.name, on_the_page)


def test_a_token_refused_is_told_why_in_the_pages_words(client, container):
    token = container.tokens.create("agent", "CRM")
    answer = client.post("/api/v1/complaints/CMP-NOPE/acknowledge", json={},
                         headers={"Authorization": "Bearer " + token})
    assert answer.status_code == 403
    assert answer.get_json()["error"]["message"] == (
        "You need permission to act on a complaint case. This token is for a contact-centre "
        "agent; only complaint handlers, managers and administrators can do this.")


def test_every_guarded_route_names_a_permission_from_the_one_catalogue(app):
    guarded = {rule.rule: app.view_functions[rule.endpoint].permission
               for rule in app.url_map.iter_rules()
               if hasattr(app.view_functions[rule.endpoint], "permission")}
    assert "/api/v1/tokens" in guarded and "/inbox" in guarded
    assert all(p in roles.PERMISSIONS for p in guarded.values()), {
        r: p.name for r, p in guarded.items() if p not in roles.PERMISSIONS}
    unguarded_api = [rule.rule for rule in app.url_map.iter_rules()
                     if rule.rule.startswith("/api/v1/") and rule.rule not in guarded
                     and rule.rule != "/api/v1/openapi.json"]
    assert unguarded_api == []


def test_tokens_take_every_role_people_have(container):
    for role in roles.ROLES:
        token = container.tokens.create(role)
        identity = container.tokens.lookup(token)
        assert identity is not None and identity.role == role
