"""Voice configuration: bad settings stop start-up; menu wording comes from IVR_MENU_DIR;
the emergency option still rings the on-call team while Redis is down."""

from __future__ import annotations

from pathlib import Path

import pytest

from channels.ivr_menus import MenuConfigError
from contact_hub.app import create_app
from contact_hub.bootstrap import build
from contact_hub.settings import Settings, SettingsError
from tests.integration.test_voice import CALL, VOICE, call_form, contacts, dialled, say, text_of

FALLBACK = "+447700900999"


@pytest.mark.parametrize(
    ("variable", "value"),
    [("OPENING_HOURS", "mon-fri 9-5"), ("OPENING_HOURS", "weekdays 08:00-18:00"),
     ("CLOSURE_DAYS", "24/12/2026")],
)  # fmt: skip
def test_unreadable_opening_hours_stop_start_up_naming_the_variable(variable, value):
    with pytest.raises(SettingsError, match=f"^{variable}:"):
        Settings.from_env({variable: value})


def test_a_broken_menu_override_stops_start_up(settings, clock, tmp_path: Path):
    (tmp_path / "menu.toml").write_text('[[options]]\nkey = "repair"\ndigit = "2"\n')
    with pytest.raises(MenuConfigError):
        build(settings.with_overrides(ivr_menu_dir=str(tmp_path)), clock=clock)


def test_menu_wording_is_configuration(settings, clock, twilio, tmp_path: Path):
    (tmp_path / "welcome.txt").write_text("Welcome to Magna Housing's repairs line.\n")
    built = build(settings.with_overrides(ivr_menu_dir=str(tmp_path)), clock=clock)
    try:
        client = create_app(container=built).test_client()
        assert "Welcome to Magna Housing's repairs line." in text_of(
            say(client, twilio, VOICE, call_form())
        )
    finally:
        built.close()


def test_an_emergency_call_is_put_through_while_redis_is_down(container, redis_down, twilio):
    down = build(
        redis_down.settings.with_overrides(oncall_fallback_number=FALLBACK), clock=redis_down.clock
    )
    try:
        client = create_app(container=down).test_client()
        root = say(client, twilio, f"{VOICE}/emergency", call_form(call_sid=CALL))
        assert dialled(root) == [FALLBACK]
        [selection] = contacts(container)  # stored; the sweeper will route it
        assert selection.status == "received" and selection.routing_hint == "emergency"
    finally:
        down.close()
