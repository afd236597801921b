"""Which transport carries each channel, from settings alone (no I/O at build time)."""

from __future__ import annotations

from channels.dry_run import DryRunTransport
from channels.meta_transport import MetaTransport
from channels.twilio_transport import TwilioSmsTransport
from contact_hub.bootstrap import build_transports
from contact_hub.settings import Settings

TWILIO = {"TWILIO_ACCOUNT_SID": "AC" + "0" * 32, "TWILIO_AUTH_TOKEN": "t",
          "TWILIO_FROM_NUMBER": "+443300000000"}


def transports(**env: str) -> dict:
    return dict(build_transports(Settings.from_env(env))[1])


def test_with_nothing_configured_the_dry_run_covers_every_meta_channel():
    chosen = transports()
    for channel in ("messenger", "instagram", "whatsapp", "sms"):
        assert isinstance(chosen[channel], DryRunTransport)


def test_twilio_alone_keeps_whatsapp_on_twilio_and_meta_channels_dry():
    chosen = transports(**TWILIO)
    assert isinstance(chosen["whatsapp"], TwilioSmsTransport)
    assert isinstance(chosen["messenger"], DryRunTransport)


def test_a_page_token_sends_messenger_and_instagram_through_meta_whatsapp_unchanged():
    chosen = transports(**TWILIO, META_PAGE_ACCESS_TOKEN="page")
    assert isinstance(chosen["messenger"], MetaTransport)
    assert isinstance(chosen["instagram"], MetaTransport)
    assert isinstance(chosen["whatsapp"], TwilioSmsTransport)


def test_a_whatsapp_phone_number_id_moves_whatsapp_to_the_cloud_api():
    chosen = transports(**TWILIO, META_WHATSAPP_PHONE_NUMBER_ID="1", META_WHATSAPP_TOKEN="wa")
    assert isinstance(chosen["whatsapp"], MetaTransport)
    assert isinstance(chosen["sms"], TwilioSmsTransport)
    assert isinstance(chosen["messenger"], DryRunTransport)  # no page token
