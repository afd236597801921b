"""The SMS adapter: parsing Twilio's form, consent keywords and UK phone numbers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

from channels.base import Channel, ConsentAction, PayloadInvalid, SignatureInvalid
from channels.phone import is_uk, normalise_phone
from channels.twilio_sms import consent_action, parse_sms, twiml_reply, verify_signature
from tests.helpers import AUTH_TOKEN, sms_form

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def parse(**extra):
    body = extra.pop("body", "hello")
    return parse_sms(MultiDict(sms_form(body, **extra)), NOW)


@pytest.mark.parametrize(
    "raw",
    ["07400 123456", "+44 (0)7400 123456", "0044 7400 123456", "447400123456", "7400 123456"],
)
def test_the_ways_people_write_a_mobile_all_normalise_to_e164(raw):
    number = normalise_phone(raw)
    assert number.e164 == "+447400123456" and number.mobile


@pytest.mark.parametrize("raw", ["07911 123456", "07624 123456", "07797 123456"])
def test_crown_dependency_mobiles_are_uk(raw):
    number = normalise_phone(raw)
    assert number.valid and number.mobile and is_uk(number)


def test_landlines_are_valid_but_not_for_sms():
    number = normalise_phone("020 7946 0018")
    assert number.valid and not number.mobile


@pytest.mark.parametrize("raw", ["999", "hello", "", "+44 12", "07700 901123"])
def test_unparseable_numbers_keep_the_raw_text(raw):
    number = normalise_phone(raw)
    assert not number.valid and number.key == raw


def test_whatsapp_prefix_is_understood():
    assert normalise_phone("whatsapp:+447400123456").e164 == "+447400123456"
    message = parse(sender="whatsapp:+447400123456")
    assert message.channel == Channel.WHATSAPP


@pytest.mark.parametrize(
    ("body", "action"),
    [
        ("STOP", ConsentAction.OPT_OUT),
        (" stop ", ConsentAction.OPT_OUT),
        ("Unsubscribe", ConsentAction.OPT_OUT),
        ("START", ConsentAction.OPT_IN),
        ("help", ConsentAction.HELP),
        ("stop the leak please", None),
        ("Help me the ceiling is falling", None),
    ],
)
def test_only_single_keywords_are_consent_commands(body, action):
    assert parse(body=body).consent_action == action


def test_advanced_opt_out_type_wins():
    form = MultiDict(sms_form("Arret", OptOutType="STOP"))
    assert consent_action(form, "Arret") == ConsentAction.OPT_OUT


def test_parsed_message_keeps_everything_twilio_sent():
    message = parse(body="Bins", FromCity="LEEDS", SomethingNew="x")
    assert message.text == "Bins"
    assert message.provider_message_id.startswith("SM")
    assert message.raw["SomethingNew"] == "x"  # Twilio adds parameters without notice


def test_media_only_message_needs_no_body():
    form = sms_form("x", NumMedia="1", MediaUrl0="https://api.twilio.com/m/ME1")
    del form["Body"]
    message = parse_sms(MultiDict(form), NOW)
    assert message.text == "" and len(message.attachments) == 1


@pytest.mark.parametrize(
    "extra",
    [{"NumMedia": "1"}, {"NumMedia": "x"}, {"MessageSid": "SM 1"}, {"From": "  "}],
)
def test_malformed_forms_raise_payload_invalid(extra):
    with pytest.raises(PayloadInvalid):
        parse(**extra)


def test_twiml_reply_escapes_text():
    assert twiml_reply().endswith("<Response />")
    assert "&lt;b&gt;" in twiml_reply("<b>gas</b>")


SIGNED_URL = "https://hub.example.org/webhooks/twilio/sms"


def signed(url: str, form: dict[str, str]) -> str:
    return RequestValidator(AUTH_TOKEN).compute_signature(url, form)


def test_a_signature_over_the_url_as_called_is_accepted():
    form = MultiDict(sms_form("hello"))
    verify_signature(AUTH_TOKEN, SIGNED_URL, form, signed(SIGNED_URL, sms_form("hello")))


def test_a_signature_over_the_url_with_its_default_port_is_accepted_too():
    # Twilio sometimes signs https://host:443/...; twilio's own validator allows both.
    with_port = "https://hub.example.org:443/webhooks/twilio/sms"
    form = MultiDict(sms_form("hello"))
    verify_signature(AUTH_TOKEN, SIGNED_URL, form, signed(with_port, sms_form("hello")))


@pytest.mark.parametrize(
    "signature",
    ["", "not-a-signature", "é" * 28, signed(SIGNED_URL, sms_form("a different body"))],
)
def test_anything_else_is_refused(signature):
    with pytest.raises(SignatureInvalid):
        verify_signature(AUTH_TOKEN, SIGNED_URL, MultiDict(sms_form("hello")), signature)


def test_a_form_with_a_repeated_parameter_is_signed_over_every_value():
    pairs = [*sms_form("hello").items(), ("MediaUrl0", "https://a"), ("MediaUrl0", "https://b")]
    form = MultiDict(pairs)
    both = RequestValidator(AUTH_TOKEN).compute_signature(SIGNED_URL, form)
    verify_signature(AUTH_TOKEN, SIGNED_URL, form, both)
