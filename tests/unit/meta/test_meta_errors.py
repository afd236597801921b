"""Graph API errors mapped into our error tree (retry, reject, never resend)."""

from __future__ import annotations

import pytest

from channels.base import ChannelRejected, ChannelUnavailable
from channels.meta_transport import map_graph_error


def graph_error(code: int | None, subcode: int | None = None, **extra: object) -> dict:
    error: dict = {"message": "x", "type": "OAuthException", "code": code, **extra}
    if subcode is not None:
        error["error_subcode"] = subcode
    return {"error": error}


@pytest.mark.parametrize("code", [4, 17, 32, 613, 80007, 130429])
def test_rate_limits_are_retryable(code):
    error = map_graph_error(400, graph_error(code), retry_after=30)
    assert isinstance(error, ChannelUnavailable)
    assert error.retry_after == 30 and error.code == str(code)
    assert "rate limited" in str(error)


@pytest.mark.parametrize("status", [429, 500, 502, 503])
def test_http_429_and_server_errors_are_retryable_whatever_the_body(status):
    assert isinstance(map_graph_error(status, {}), ChannelUnavailable)


def test_transient_flag_is_retryable():
    assert isinstance(map_graph_error(400, graph_error(999, is_transient=True)), ChannelUnavailable)


@pytest.mark.parametrize(
    ("code", "subcode", "reason"),
    [
        (10, 2018278, "24-hour messaging window"),
        (551, None, "isn't available"),
        (131047, None, "more than 24 hours"),
        (131026, None, "could not deliver"),
        (100, 2018001, "no matching Messenger user"),
        (190, None, "access token"),
        (12345, None, "HTTP 400"),
    ],
)
def test_unreachable_people_and_bad_requests_are_rejected_with_a_reason(code, subcode, reason):
    error = map_graph_error(400, graph_error(code, subcode))
    assert isinstance(error, ChannelRejected)
    assert reason in str(error)


def test_a_body_that_is_not_a_graph_error_is_still_mapped():
    assert isinstance(map_graph_error(403, {"error": "nope"}), ChannelRejected)
