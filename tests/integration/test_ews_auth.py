"""Signing in to Exchange over EWS the two ways besides Basic, end to end: NTLM (Exchange
Server's usual; exchangelib's requests_ntlm against the fake's pyspnego NTLM acceptor) and
OAuth (Exchange Online app-only: a bearer token MSAL gets from the local authority the
Graph tests use, with EWS's scope). Mail is taken in and the acknowledgement sent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from channels.base import ChannelUnavailable
from channels.ews import EWS_SCOPE
from contact_hub import jobs
from contact_hub.bootstrap import Container
from tests.fakes.ews_server import FakeEws
from tests.fakes.graph_server import FakeGraph
from tests.integration.email_backends import MAILBOX, EwsBackend, Mail
from tests.integration.test_ews_email import contacts, outbound, rows

TENANT = "bb8775a4-4d8c-42cf-a1d4-4d58c2bb668f"


class NtlmBackend(EwsBackend):
    def __init__(self, fake: FakeEws, password: str | None = None) -> None:
        super().__init__(fake)
        self.password = password or fake.password

    def settings(self, settings):
        return super().settings(settings).with_overrides(
            ews_auth_type="ntlm", ews_password=self.password, ews_max_wait_seconds=0.5)


class OAuthBackend(EwsBackend):
    def __init__(self, fake: FakeEws, login: FakeGraph) -> None:
        super().__init__(fake)
        self.login = login

    def settings(self, settings):
        return super().settings(settings).with_overrides(
            ews_auth_type="oauth", ews_username=None, ews_password=None, ews_max_wait_seconds=0.5,
            ews_client_id="0f1e2d3c-aaaa-bbbb-cccc-1234567890ab",
            ews_client_secret="app-secret-value", ews_tenant_id=TENANT,
            graph_login_base_url=self.login.login_url)


@pytest.fixture
def ntlm_fake() -> Iterator[FakeEws]:
    server = FakeEws(mailbox=MAILBOX, auth="ntlm").start()
    yield server
    server.stop()


def test_ntlm_signs_in_each_connection_and_mail_flows_both_ways(
    settings, clock, container: Container, ntlm_fake
):
    backend = NtlmBackend(ntlm_fake).start(settings, clock)
    try:
        backend.receive(Mail("The fence panel at the back is down"))
        [contact] = contacts(backend.container)
        [ack] = [o for o in outbound(backend.container) if o.kind == "acknowledgement"]
    finally:
        jobs.install(container)
        backend.stop()
    assert contact.text.startswith("The fence panel")
    assert ack.status == "sent" and ack.transport == "ews" and len(ntlm_fake.sent) == 1
    assert ntlm_fake.ntlm_sign_ins >= 1 and not ntlm_fake.not_understood


def test_a_wrong_ntlm_password_is_refused_and_nothing_is_taken(
    settings, clock, container: Container, ntlm_fake
):
    ntlm_fake.deliver(b"From: a@example.org\r\nMessage-ID: <x@example.org>\r\n\r\nhello")
    backend = NtlmBackend(ntlm_fake, password="not-the-password").start(settings, clock)
    try:
        assert backend.container.ews_sync is not None
        with pytest.raises(ChannelUnavailable) as refused:
            backend.container.ews_sync.sync()
        assert rows(backend.container) == []
    finally:
        jobs.install(container)
        backend.stop()
    assert "credentials" in str(refused.value) and "not-the-password" not in str(refused.value)
    assert ntlm_fake.ntlm_sign_ins == 0 and ntlm_fake.refused >= 1


@pytest.fixture
def login(monkeypatch) -> Iterator[FakeGraph]:
    fake = FakeGraph(mailbox=MAILBOX).start()
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", fake.ca_file)  # MSAL insists on HTTPS
    yield fake
    fake.stop()


def test_oauth_uses_an_msal_token_for_ews_and_mail_flows_both_ways(
    settings, clock, container: Container, login
):
    fake = FakeEws(mailbox=MAILBOX, auth="bearer", tls=login.tls,  # OAuth needs HTTPS
                   bearer_ok=lambda token: token == f"token-{login.tokens_issued}").start()
    backend = OAuthBackend(fake, login).start(settings, clock)
    try:
        backend.receive(Mail("The fence panel at the back is down"))
        [contact] = contacts(backend.container)
        [ack] = [o for o in outbound(backend.container) if o.kind == "acknowledgement"]
    finally:
        jobs.install(container)
        backend.stop()
        fake.stop()
    assert contact.text.startswith("The fence panel")
    assert ack.status == "sent" and len(fake.sent) == 1 and fake.refused == 0
    # One token, from our authority, for EWS's scope: intake and sending share MSAL's cache.
    assert login.scopes == [EWS_SCOPE]
    assert [r.path for r in login.requests if "/oauth2/" in r.path] == [
        f"/login/{TENANT}/oauth2/v2.0/token"]


def test_an_oauth_token_exchange_refuses_is_not_taken_as_signed_in(
    settings, clock, container: Container, login
):
    fake = FakeEws(mailbox=MAILBOX, auth="bearer", tls=login.tls,
                   bearer_ok=lambda token: False).start()
    fake.deliver(b"From: a@example.org\r\nMessage-ID: <x@example.org>\r\n\r\nhello")
    backend = OAuthBackend(fake, login).start(settings, clock)
    try:
        assert backend.container.ews_sync is not None
        with pytest.raises(ChannelUnavailable):
            backend.container.ews_sync.sync()
        assert rows(backend.container) == []
    finally:
        jobs.install(container)
        backend.stop()
        fake.stop()
    assert fake.refused >= 1 and "token-" not in " ".join(r.operation for r in fake.requests)
