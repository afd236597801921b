"""EMAIL_BACKEND and EWS_* settings: validated at start, the variable at fault named."""

from __future__ import annotations

import pytest

from channels.ews import EwsMailTransport
from contact_hub.bootstrap import build_ews, build_transports
from contact_hub.settings import Settings, SettingsError

EWS = {
    "EMAIL_BACKEND": "ews",
    "EWS_SERVER": "mail.magna.example",
    "EWS_MAILBOX": "housing@magna.example",
    "EWS_USERNAME": "MAGNA\\svc-contacthub",
    "EWS_PASSWORD": "ews-password-value",
}


def test_a_full_set_chooses_exchange_and_sends_through_it():
    settings = Settings.from_env(EWS)
    assert settings.ews_email_enabled and not settings.graph_email_enabled
    assert settings.ews_auth_type == "ntlm" and settings.ews_access_type == "delegate"
    ews = build_ews(settings)  # nothing is contacted yet
    assert ews is not None and ews.mailbox == "housing@magna.example"
    _, transports = build_transports(settings, ews=ews)
    assert isinstance(transports["email"], EwsMailTransport)


@pytest.mark.parametrize("missing", ["EWS_SERVER", "EWS_MAILBOX", "EWS_USERNAME", "EWS_PASSWORD"])
def test_a_missing_setting_is_named(missing):
    with pytest.raises(SettingsError, match=f"^{missing}: required when EMAIL_BACKEND=ews"):
        Settings.from_env({k: v for k, v in EWS.items() if k != missing})


def test_autodiscover_needs_no_server_and_oauth_needs_its_app_not_a_password():
    found = Settings.from_env({**EWS, "EWS_SERVER": "", "EWS_AUTODISCOVER": "true"})
    assert found.ews_autodiscover
    oauth = {**EWS, "EWS_AUTH_TYPE": "oauth", "EWS_USERNAME": "", "EWS_PASSWORD": ""}
    with pytest.raises(SettingsError, match="EWS_CLIENT_ID, EWS_CLIENT_SECRET, EWS_TENANT_ID"):
        Settings.from_env(oauth)
    Settings.from_env({**oauth, "EWS_CLIENT_ID": "c", "EWS_CLIENT_SECRET": "s",
                       "EWS_TENANT_ID": "t"})


@pytest.mark.parametrize(
    ("changes", "name"),
    [
        ({"EMAIL_BACKEND": "imap"}, "EMAIL_BACKEND"),
        ({"EWS_AUTH_TYPE": "kerberos"}, "EWS_AUTH_TYPE"),
        ({"EWS_MAILBOX": "housing"}, "EWS_MAILBOX"),
        ({"EWS_SERVER": "ftp://mail"}, "EWS_SERVER"),
        ({"EMAIL_BACKEND": ""}, "EMAIL_BACKEND"),  # EWS_* given, backend left as graph
    ],
)
def test_malformed_values_are_named(changes, name):
    with pytest.raises(SettingsError, match=f"^{name}"):
        Settings.from_env({**EWS, **changes})


def test_the_password_never_reaches_repr():
    assert "ews-password-value" not in repr(Settings.from_env(EWS))


def test_a_graph_certificate_needs_its_thumbprint():
    graph = {"GRAPH_TENANT_ID": "t", "GRAPH_CLIENT_ID": "c", "GRAPH_MAILBOX": "h@m.example",
             "GRAPH_CLIENT_STATE": "s", "GRAPH_CLIENT_CERTIFICATE_FILE": "/etc/hub/graph.pem"}
    with pytest.raises(SettingsError, match="^GRAPH_CLIENT_CERTIFICATE_THUMBPRINT"):
        Settings.from_env(graph)
    settings = Settings.from_env({**graph, "GRAPH_CLIENT_CERTIFICATE_THUMBPRINT": "AB12"})
    assert settings.graph_email_enabled  # a certificate instead of a client secret
