"""Staff sign in with Microsoft Entra ID: msal's authorization-code flow with PKCE against a
local HTTPS authority (discovery, /authorize, /token, JWKS), the redirect driven with the
Flask test client."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from redis import Redis
from sqlalchemy import select

from contact_hub.settings import Settings, SettingsError
from contact_hub.storage.access.models import StaffSignIn
from contact_hub.storage.access.staff_models import StaffUser
from tests.fakes.entra_server import CLIENT_ID, CLIENT_SECRET, TENANT, EntraPerson, FakeEntra
from tests.workspace_helpers import PASSWORD, create_staff, sign_in

ROLE_MAP = ("ContactHub.Agent=agent,ContactHub.Handler=handler,"
            "0b1c2d3e-0000-4000-8000-00000000beef=manager,ContactHub.Admin=admin")
MANAGERS_GROUP = "0b1c2d3e-0000-4000-8000-00000000beef"


@pytest.fixture
def entra() -> Iterator[FakeEntra]:
    fake = FakeEntra().start()
    yield fake
    fake.stop()


@pytest.fixture
def settings(settings: Settings, entra: FakeEntra) -> Settings:
    return dataclasses.replace(
        settings, entra_tenant_id=TENANT, entra_client_id=CLIENT_ID,
        entra_client_secret=CLIENT_SECRET, entra_login_base_url=entra.base_url,
        entra_role_map=ROLE_MAP)


def at_microsoft(client: Any, entra: FakeEntra, start: str = "/login/microsoft") -> Any:
    """Press "Sign in with Microsoft", let the authority sign the person in, come back."""
    answer = client.get(start)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    authorize = answer.headers["Location"]
    assert authorize.startswith(f"{entra.base_url}/{TENANT}/oauth2/v2.0/authorize?")
    back = requests.get(authorize, allow_redirects=False, timeout=10, verify=entra.ca_file)
    assert back.status_code == 302
    callback = urlsplit(back.headers["Location"])
    assert f"{callback.scheme}://{callback.netloc}{callback.path}" == (
        "https://hub.example.org/login/microsoft/callback")
    return client.get(f"{callback.path}?{callback.query}")


def signed_in_as(client: Any) -> str:
    return client.get("/inbox").get_data(as_text=True)


def sign_ins(container: Any) -> list[StaffSignIn]:
    with container.sessions() as session:
        return list(session.scalars(select(StaffSignIn).order_by(StaffSignIn.id)))


def test_the_sign_in_page_offers_microsoft_beside_the_password(client):
    html = client.get("/login?next=/complaints").get_data(as_text=True)
    assert "Sign in with Microsoft" in html
    assert 'href="/login/microsoft?next=/complaints"' in html
    assert 'name="password"' in html


def test_an_entitled_newcomer_gets_an_account_with_the_role_entra_gives(
    client, container, entra
):
    entra.person = EntraPerson(name="Priya Shah", email="Priya.Shah@magna.example",
                               roles=["ContactHub.Handler"])
    answer = at_microsoft(client, entra)
    assert answer.status_code == 302 and answer.headers["Location"] == "/"
    assert client.get("/").headers["Location"] == "/complaints"  # a handler's start page
    assert "Priya Shah" in signed_in_as(client)

    with container.sessions() as session:
        user = session.scalars(select(StaffUser)).one()
    assert (user.email, user.role, user.password_hash) == ("priya.shah@magna.example",
                                                           "handler", "")
    assert user.entra_id == f"{TENANT}:{entra.person.object_id}"
    [audit] = sign_ins(container)
    assert (audit.method, audit.outcome, audit.staff_user_id, audit.role) == (
        "entra", "created", user.id, "handler")

    # The flow was the authorization-code flow with PKCE, a state and a nonce.
    [asked] = entra.authorize_requests
    assert asked["response_type"] == "code" and asked["code_challenge_method"] == "S256"
    assert asked["state"] and asked["nonce"] and "openid" in asked["scope"].split()
    [redeemed] = entra.token_requests
    assert redeemed["code_verifier"] and redeemed["client_secret"] == CLIENT_SECRET


def test_the_highest_role_wins_and_a_group_counts(client, container, entra):
    entra.person = EntraPerson(roles=["ContactHub.Agent"], groups=[MANAGERS_GROUP])
    at_microsoft(client, entra)
    assert client.get("/").headers["Location"] == "/dashboard"


def test_nobody_without_a_contact_hub_role_gets_in(client, container, entra):
    entra.person = EntraPerson(roles=["Payroll.Reader"], groups=["some-other-group"])
    answer = at_microsoft(client, entra)
    assert answer.status_code == 403
    assert "not set up for Contact Hub" in answer.get_data(as_text=True)
    assert client.get("/inbox").status_code == 302  # still signed out
    with container.sessions() as session:
        assert session.scalars(select(StaffUser)).all() == []
    [audit] = sign_ins(container)
    assert (audit.outcome, audit.reason) == ("refused", "no app role or group for Contact Hub")


def test_an_existing_account_is_linked_by_email_and_takes_the_directory_role(
    client, container, entra
):
    email = create_staff(container, "agent", email="sam.admin@magna.example", name="Sam")
    entra.person = EntraPerson(name="Sam Admin", email=email, roles=["ContactHub.Admin"])
    at_microsoft(client, entra)
    with container.sessions() as session:
        user = session.scalars(select(StaffUser)).one()
    assert user.role == "admin" and user.entra_id is not None
    assert sign_in(client.application.test_client(), email, PASSWORD).status_code == 302

    # Next time the directory has taken the role away: refused, and the account keeps
    # nothing it could use through Microsoft.
    entra.person.roles = []
    again = client.application.test_client()
    assert at_microsoft(again, entra).status_code == 403


def test_without_permission_to_make_accounts_a_newcomer_is_refused(
    client, container, entra
):
    container.entra.create_accounts = False
    answer = at_microsoft(client, entra)
    assert answer.status_code == 403
    assert "cannot sign in to Contact Hub" in answer.get_data(as_text=True)


def test_the_page_asked_for_is_where_microsoft_sign_in_lands(client, container, entra):
    asked = client.get("/complaints")
    assert asked.headers["Location"] == "/login?next=/complaints"
    entra.person.roles = ["ContactHub.Handler"]
    answer = at_microsoft(client, entra, "/login/microsoft?next=/complaints")
    assert answer.headers["Location"] == "/complaints"
    evil = at_microsoft(client.application.test_client(), entra,
                        "/login/microsoft?next=//evil.example/x")
    assert evil.headers["Location"] == "/"


def test_a_callback_with_a_forged_state_or_from_another_browser_signs_nobody_in(
    client, container, entra
):
    answer = client.get("/login/microsoft")
    back = requests.get(answer.headers["Location"], allow_redirects=False, timeout=10,
                        verify=entra.ca_file)
    query = parse_qs(urlsplit(back.headers["Location"]).query)
    forged = client.get("/login/microsoft/callback",
                        query_string={"code": query["code"][0], "state": "forged"})
    assert forged.status_code == 403 and "out of date" in forged.get_data(as_text=True)

    # The code lifted into another browser (no flow in its session) is no use either.
    other = client.application.test_client()
    stolen = other.get("/login/microsoft/callback",
                       query_string={"code": query["code"][0], "state": query["state"][0]})
    assert stolen.status_code == 403
    assert client.get("/inbox").status_code == 302 and other.get("/inbox").status_code == 302
    assert [a.outcome for a in sign_ins(container)] == ["refused", "refused"]


def test_a_replayed_callback_is_refused(client, container, entra):
    answer = client.get("/login/microsoft")
    back = requests.get(answer.headers["Location"], allow_redirects=False, timeout=10,
                        verify=entra.ca_file)
    callback = urlsplit(back.headers["Location"])
    assert client.get(f"{callback.path}?{callback.query}").status_code == 302
    replay = client.get(f"{callback.path}?{callback.query}")  # the flow was used up
    assert replay.status_code == 403


@pytest.mark.parametrize("tamper", [
    {"sign_with_other_key": True},
    {"token_claims": {"aud": "someone-elses-app"}},
    {"token_claims": {"tid": "00000000-0000-0000-0000-000000000000"}},
    {"token_claims": {"iss": "https://login.evil.example/v2.0"}},
    {"token_claims": {"nonce": "not-the-one-we-sent"}},
    {"token_claims": {"exp": 1_000_000_000}},
])
def test_an_id_token_that_does_not_check_out_signs_nobody_in(
    client, container, entra, tamper
):
    for name, value in tamper.items():
        setattr(entra, name, value)
    answer = at_microsoft(client, entra)
    assert answer.status_code == 403
    assert client.get("/inbox").status_code == 302
    with container.sessions() as session:
        assert session.scalars(select(StaffUser)).all() == []
    [audit] = sign_ins(container)
    assert audit.outcome == "refused" and audit.reason.startswith("microsoft: ")


def test_a_person_who_cancels_at_microsoft_is_told_so(client, container, entra):
    entra.refuse_with = "access_denied"
    answer = at_microsoft(client, entra)
    assert answer.status_code == 403
    assert "you cancelled or were not allowed" in answer.get_data(as_text=True)


def test_an_unreachable_authority_is_a_clear_503_not_a_500(client, container, entra):
    entra.stop()
    answer = client.get("/login/microsoft")
    assert answer.status_code == 503
    assert "cannot be reached just now" in answer.get_data(as_text=True)


def test_without_entra_settings_there_is_no_microsoft_button_or_route(client, container):
    container.entra = None
    assert "Sign in with Microsoft" not in client.get("/login").get_data(as_text=True)
    assert client.get("/login/microsoft").status_code == 404


def test_partial_or_unsafe_entra_settings_are_refused_at_start():
    with pytest.raises(SettingsError, match="ENTRA_CLIENT_SECRET, ENTRA_ROLE_MAP"):
        Settings.from_env({"ENTRA_TENANT_ID": TENANT, "ENTRA_CLIENT_ID": CLIENT_ID})
    base = {"ENTRA_TENANT_ID": TENANT, "ENTRA_CLIENT_ID": CLIENT_ID,
            "ENTRA_CLIENT_SECRET": CLIENT_SECRET}
    with pytest.raises(SettingsError, match="ROLE one of agent, handler, manager, admin"):
        Settings.from_env({**base, "ENTRA_ROLE_MAP": "ContactHub.Agent=boss"})
    with pytest.raises(SettingsError, match="not 'common'"):
        Settings.from_env({**base, "ENTRA_TENANT_ID": "common", "ENTRA_ROLE_MAP": ROLE_MAP})
    assert Settings.from_env({**base, "ENTRA_ROLE_MAP": ROLE_MAP}).entra_enabled


def test_with_redis_unreachable_microsoft_sign_in_is_a_clear_503(client, container, entra):
    container.entra.redis = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1)
    answer = client.get("/login/microsoft")
    assert answer.status_code == 503
    assert "not available just now" in answer.get_data(as_text=True)
    assert entra.authorize_requests == []  # nobody was sent off to a flow we could not keep
