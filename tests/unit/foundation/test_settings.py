"""Settings come only from the environment and fail fast with the variable's name."""

from __future__ import annotations

import pytest

from contact_hub.settings import Settings, SettingsError


def test_defaults_need_nothing_configured():
    settings = Settings.from_env({})
    assert settings.embedded
    assert settings.effective_database_url.startswith("sqlite:///")
    assert settings.port == 5000
    assert not settings.twilio_sending_enabled


def test_postgres_urls_use_psycopg3():
    settings = Settings.from_env({"DATABASE_URL": "postgres://u:p@db/hub"})
    assert settings.effective_database_url == "postgresql+psycopg://u:p@db/hub"


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"PORT": "abc"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL"),
        ({"PUBLIC_BASE_URL": "hub.example.org"}, "PUBLIC_BASE_URL"),
        ({"BEHIND_PROXY": "maybe"}, "BEHIND_PROXY"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"TWILIO_ACCOUNT_SID": "XX123"}, "TWILIO_ACCOUNT_SID"),
        ({"TWILIO_ACCOUNT_SID": "AC" + "0" * 32}, "TWILIO_AUTH_TOKEN"),
        ({"TWILIO_ACCOUNT_SID": "AC" + "0" * 32, "TWILIO_AUTH_TOKEN": "t"}, "TWILIO_FROM_NUMBER"),
        ({"CONTACT_HUB_ENV": "production"}, "DATABASE_URL"),
        ({"DATABASE_URL": "not a url"}, "DATABASE_URL"),
        ({"COMPLAINTS_HOMES": "-5"}, "COMPLAINTS_HOMES"),
        ({"ALERT_REMINDER_MINUTES": "-1"}, "ALERT_REMINDER_MINUTES"),
        ({"ALERT_REMINDER_MINUTES": "two hours"}, "ALERT_REMINDER_MINUTES"),
        ({"SECRET_KEY": "too short"}, "SECRET_KEY"),
        ({"CONTACT_HUB_ENV": "production", "DATABASE_URL": "postgresql://db/x",
          "REDIS_URL": "redis://r/0", "PUBLIC_BASE_URL": "https://hub.example.org"},
         "SECRET_KEY"),
        ({"SESSION_IDLE_MINUTES": "0"}, "SESSION_IDLE_MINUTES"),
    ],
)
def test_bad_values_name_the_variable(env, variable):
    with pytest.raises(SettingsError) as raised:
        Settings.from_env(env)
    assert str(raised.value).startswith(variable + ":")


def test_secrets_never_appear_in_repr():
    settings = Settings.from_env(
        {"TWILIO_AUTH_TOKEN": "s3cret-token", "SLACK_BOT_TOKEN": "xoxb-secret"}
    )
    assert "s3cret-token" not in repr(settings)
    assert "xoxb-secret" not in repr(settings)


def test_sending_needs_sid_token_and_number():
    settings = Settings.from_env(
        {
            "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
            "TWILIO_AUTH_TOKEN": "t",
            "TWILIO_FROM_NUMBER": "+443300000000",
        }
    )
    assert settings.twilio_sending_enabled


def test_lists_are_comma_separated():
    settings = Settings.from_env({"ADVISOR_NUMBERS": "+441234567890, +441234567891,"})
    assert settings.advisor_numbers == ("+441234567890", "+441234567891")


def test_alert_reminders_default_to_two_hours_and_zero_turns_them_off():
    assert Settings.from_env({}).alert_reminder_minutes == 120
    assert Settings.from_env({"ALERT_REMINDER_MINUTES": "0"}).alert_reminder_minutes == 0
