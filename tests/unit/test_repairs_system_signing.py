"""The repairs system's signature, both ways: HMAC-SHA256 of `timestamp.body`, checked in
constant time, refused when stale (a replay) or when no secret is configured here."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import pytest

from channels.base import PayloadInvalid, SignatureInvalid, VerificationNotConfigured
from channels.repairs_system import parse_update, signed_headers, verify

NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
BODY = (b'{"id":"evt-1","reference":"RP-ABC1234","status":"scheduled",'
        b'"at":"2026-12-04T09:00:00+00:00"}')


def test_the_signature_is_the_documented_hmac():
    headers = signed_headers("s3cret", BODY, NOW)
    stamp = headers["X-Signature-Timestamp"]
    assert stamp == str(int(NOW.timestamp()))
    expected = hmac.new(b"s3cret", stamp.encode() + b"." + BODY, hashlib.sha256).hexdigest()
    assert headers["X-Signature"] == f"v1={expected}"
    verify("s3cret", BODY, headers, NOW + timedelta(minutes=4))


@pytest.mark.parametrize("change", ["body", "secret", "stale", "future", "no_stamp", "junk"])
def test_anything_else_is_refused(change):
    headers = signed_headers("s3cret", BODY, NOW)
    body, secret, now = BODY, "s3cret", NOW
    if change == "body":
        body = BODY.replace(b"scheduled", b"completed")
    elif change == "secret":
        secret = "other"
    elif change == "stale":
        now = NOW + timedelta(minutes=5, seconds=1)
    elif change == "future":
        now = NOW - timedelta(minutes=6)
    elif change == "no_stamp":
        headers.pop("X-Signature-Timestamp")
    else:
        headers["X-Signature-Timestamp"] = "12e3"
    with pytest.raises(SignatureInvalid):
        verify(secret, body, headers, now)


def test_no_secret_here_is_a_configuration_problem():
    with pytest.raises(VerificationNotConfigured, match="REPAIRS_SYSTEM_SECRET"):
        verify(None, BODY, signed_headers("s3cret", BODY, NOW), NOW)


def test_an_update_is_parsed_and_checked():
    update = parse_update(BODY)
    assert (update.event_id, update.reference, update.status) == (
        "evt-1", "RP-ABC1234", "scheduled")
    for bad in (b"[]", b"{", b'{"id":"e","reference":"RP-1","status":"done","at":"x"}',
                b'{"id":"e","reference":"RP-1","status":"scheduled","at":"2026-12-04T09:00"}'):
        with pytest.raises(PayloadInvalid):
            parse_update(bad)
