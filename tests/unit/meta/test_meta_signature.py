"""The subscription handshake and X-Hub-Signature-256."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from channels.base import SignatureInvalid
from channels.meta import SubscriptionRefused, subscription_challenge, verify_signature

SECRET = "app-secret"
BODY = b'{"object":"page","entry":[{"messaging":[{"message":{"text":"caf\\u00e9"}}]}]}'


def meta_signature(body: bytes, secret: str = SECRET) -> str:
    # Written out independently of channels.meta: Meta's documented algorithm.
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_meta_signature_over_the_raw_bytes_is_accepted():
    verify_signature(SECRET, BODY, meta_signature(BODY))


def test_uppercase_hex_is_the_same_signature():
    verify_signature(SECRET, BODY, meta_signature(BODY).upper().replace("SHA256=", "sha256="))


@pytest.mark.parametrize(
    "header",
    [
        "",
        "sha256=",
        "sha1=" + hashlib.sha1(BODY).hexdigest(),  # noqa: S324 - the old header's shape
        meta_signature(BODY, "other-secret"),
        # The same JSON re-serialised (unescaped é) is different bytes: not what Meta signed.
        meta_signature(BODY.replace(b"\\u00e9", "é".encode())),
        meta_signature(BODY)[:-1],
    ],
)
def test_anything_else_is_refused(header):
    with pytest.raises(SignatureInvalid):
        verify_signature(SECRET, BODY, header)


def test_without_an_app_secret_nothing_verifies():
    with pytest.raises(SignatureInvalid, match="META_APP_SECRET"):
        verify_signature(None, BODY, meta_signature(BODY, ""))


def handshake(**overrides: str) -> dict[str, str]:
    params = {"hub.mode": "subscribe", "hub.verify_token": "tok", "hub.challenge": "1158201444"}
    params.update(overrides)
    return params


def test_handshake_echoes_the_challenge():
    assert subscription_challenge("tok", handshake()) == "1158201444"


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        (handshake(**{"hub.verify_token": "wrong"}), "does not match"),
        (handshake(**{"hub.mode": "unsubscribe"}), "hub.mode"),
        (handshake(**{"hub.challenge": ""}), "hub.challenge"),
        (handshake(**{"hub.challenge": "x" * 201}), "hub.challenge"),
        ({"hub.mode": "subscribe", "hub.challenge": "1"}, "does not match"),
    ],
)
def test_handshake_refusals_say_why(params, reason):
    with pytest.raises(SubscriptionRefused, match=reason):
        subscription_challenge("tok", params)


def test_handshake_without_a_configured_token_is_refused():
    with pytest.raises(SubscriptionRefused, match="META_VERIFY_TOKEN is not configured"):
        subscription_challenge(None, handshake(**{"hub.verify_token": ""}))
