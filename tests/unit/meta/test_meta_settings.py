"""Meta settings: read once from the environment, validated, secrets kept out of repr."""

from __future__ import annotations

import pytest

from contact_hub.settings import Settings, SettingsError


def test_whatsapp_cloud_settings_are_read_and_the_token_defaults_to_the_page_token():
    settings = Settings.from_env({
        "META_PAGE_ACCESS_TOKEN": "page-secret",
        "META_WHATSAPP_PHONE_NUMBER_ID": "112233445566778",
        "META_HTTP_TIMEOUT": "2.5",
    })
    assert settings.whatsapp_cloud_enabled
    assert settings.whatsapp_cloud_token == "page-secret"
    assert settings.meta_http_timeout == 2.5
    assert "page-secret" not in repr(settings)


def test_a_whatsapp_token_of_its_own_wins_and_is_kept_secret():
    settings = Settings.from_env({
        "META_PAGE_ACCESS_TOKEN": "page-secret",
        "META_WHATSAPP_TOKEN": "wa-secret",
        "META_WHATSAPP_PHONE_NUMBER_ID": "1",
    })
    assert settings.whatsapp_cloud_token == "wa-secret"
    assert "wa-secret" not in repr(settings)


def test_without_a_phone_number_id_whatsapp_stays_on_twilio():
    assert not Settings.from_env({"META_PAGE_ACCESS_TOKEN": "p"}).whatsapp_cloud_enabled


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"META_WHATSAPP_PHONE_NUMBER_ID": "+44 330"}, "META_WHATSAPP_PHONE_NUMBER_ID"),
        ({"META_WHATSAPP_PHONE_NUMBER_ID": "123"}, "META_WHATSAPP_TOKEN"),
        ({"META_HTTP_TIMEOUT": "0"}, "META_HTTP_TIMEOUT"),
        ({"META_GRAPH_BASE_URL": "graph.facebook.com"}, "META_GRAPH_BASE_URL"),
    ],
)
def test_bad_meta_settings_name_the_variable(env, variable):
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env(env)
