"""Slack for emergency escalation: alert cards, posting and updating, signed button clicks,
and `SlackTransport`, Slack as one of the outbox's transports (cards and staff notices).

Rendering is a pure function of an `AlertCard`, a view of the alert that the escalation
service builds (the domain model knows nothing about Block Kit). The client is the
official `WebClient` with a short timeout and no retry handlers: slack_sdk's handlers
sleep in the calling thread, and the outbox retries instead, on `ChannelUnavailable`. A
circuit breaker (pybreaker) opens after `BREAKER_FAILURES` timeouts or outages in a row:
calls then fail at once, without waiting on Slack, until one trial call after
`BREAKER_RESET_SECONDS` (half-open) finds it answering again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from http.client import HTTPException
from typing import Any, cast
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

import pybreaker
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.signature import Clock, SignatureVerifier
from slack_sdk.web import SlackResponse

from channels.base import (
    ChannelError,
    ChannelRejected,
    ChannelUnavailable,
    OutboundMessage,
    PayloadInvalid,
    SendResult,
    SignatureInvalid,
    VerificationNotConfigured,
    clean_text,
)
from channels.json_limits import load_json

DEFAULT_API_BASE_URL = "https://slack.com/api/"
ACKNOWLEDGE_ACTION_ID = "alert_acknowledge"
RESOLVE_ACTION_ID = "alert_resolve"
WORDS_LIMIT = 500  # escaped, this stays well under Slack's 3,000-character section limit
LONDON = ZoneInfo("Europe/London")
# Slack "error" values worth retrying (docs.slack.dev, chat.postMessage errors).
TRANSIENT_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)
_ERROR_CODE = re.compile(r"[a-z0-9_]+")
VIA_WORDS = {"slack": "Slack", "sms": "SMS", "voice": "phone call", "api": "the API"}
BREAKER_FAILURES = 3
BREAKER_RESET_SECONDS = 30.0


def slack_breaker(
    failures: int = BREAKER_FAILURES, reset_seconds: float = BREAKER_RESET_SECONDS
) -> pybreaker.CircuitBreaker:
    """One per process, shared by every Slack client in it: outages (timeouts, refused
    connections, 5xx, rate limits) count; Slack refusing a call (a bad channel) does not."""
    return pybreaker.CircuitBreaker(
        fail_max=failures, reset_timeout=reset_seconds, exclude=[ChannelRejected],
        name="slack")


# --- rendering -----------------------------------------------------------------------


@dataclass(frozen=True)
class StatusChange:
    """Who acknowledged or resolved, when, and how (slack | sms | voice | api)."""

    by_name: str
    at: datetime
    via: str
    by_slack_user_id: str | None = None


@dataclass(frozen=True)
class AlertCard:
    """What an on-call engineer needs to see about one emergency alert."""

    alert_id: str
    hazards: tuple[str, ...]
    address: str
    resident_words: str
    channel: str  # how the resident got in touch: sms, voice, email, web...
    received_at: datetime
    ack_code: str
    customer: str | None = None
    vulnerabilities: tuple[str, ...] = ()
    callback: str | None = None  # a number to ring the resident back on
    paging_slack_user_id: str | None = None  # who is being paged now, to mention
    reports: int = 1  # contacts grouped into this alert
    acknowledged: StatusChange | None = None
    resolved: StatusChange | None = None


@dataclass(frozen=True)
class SlackMessage:
    """`text` is the notification and screen-reader fallback; `blocks` the Block Kit body."""

    text: str
    blocks: list[dict[str, Any]]


def render_alert(card: AlertCard) -> SlackMessage:
    """The alert as a Slack message; buttons follow its state (none once resolved)."""
    hazard = _hazard_words(card.hazards)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _headline(card, hazard)[:150]}},
        {"type": "section", "fields": _fields(card)},
        {"type": "section", "text": _mrkdwn(_quote(card.resident_words))},
        {"type": "context", "elements": [_mrkdwn(line) for line in _status_lines(card)]},
    ]
    buttons = _buttons(card)
    if buttons:
        # Slack asks for a new block_id when a message is updated.
        stage = "acknowledged" if card.acknowledged else "open"
        block_id = f"alert:{card.alert_id}:{stage}"
        blocks.append({"type": "actions", "block_id": block_id, "elements": buttons})
    text = f"{_headline(card, hazard)} at {card.address}. Reply ACK {card.ack_code} to acknowledge."
    return SlackMessage(text=_escape(text), blocks=blocks)


def _headline(card: AlertCard, hazard: str) -> str:
    if card.resolved is not None:
        return f"Resolved emergency: {hazard}"
    if card.acknowledged is not None:
        return f"Acknowledged emergency: {hazard}"
    return f"EMERGENCY: {hazard}"


def _fields(card: AlertCard) -> list[dict[str, str]]:
    vulnerable = _hazard_words(card.vulnerabilities) if card.vulnerabilities else "None recorded"
    pairs = [
        ("Address", _escape(card.address)),
        ("Customer", _escape(card.customer or "Not identified")),
        ("Call back", _escape(card.callback or "No number held")),
        ("Vulnerability", _escape(vulnerable)),
        ("Reported by", f"{_escape(card.channel)} at {_london(card.received_at)}"),
        ("Ack code", f"`{card.ack_code}` (text ACK {card.ack_code})"),
    ]
    if card.reports > 1:
        pairs.append(("Reports", f"{card.reports} contacts about this incident"))
    return [_mrkdwn(f"*{label}*\n{value}") for label, value in pairs]


def _status_lines(card: AlertCard) -> list[str]:
    lines = [f"Alert {_escape(card.alert_id)}"]
    if card.acknowledged is None and card.resolved is None:
        paging = f"<@{card.paging_slack_user_id}>" if card.paging_slack_user_id else "on call"
        lines.append(f":rotating_light: Unacknowledged, paging {paging}")
    for verb, change in (("Acknowledged", card.acknowledged), ("Resolved", card.resolved)):
        if change is not None:
            lines.append(_change_line(verb, change, card.received_at))
    return lines


def _change_line(verb: str, change: StatusChange, received_at: datetime) -> str:
    who = f"<@{change.by_slack_user_id}>" if change.by_slack_user_id else _escape(change.by_name)
    when = change.at.astimezone(LONDON)
    at = when.strftime("%H:%M")
    if when.date() != received_at.astimezone(LONDON).date():
        at += when.strftime(" on %a %d %b")
    return f"{verb} by {who} at {at} via {VIA_WORDS.get(change.via, _escape(change.via))}"


def _buttons(card: AlertCard) -> list[dict[str, Any]]:
    if card.resolved is not None:
        return []
    resolve = _button("Resolve", RESOLVE_ACTION_ID, card.alert_id, "danger")
    resolve["confirm"] = {
        "title": {"type": "plain_text", "text": "Resolve this emergency?"},
        "text": {"type": "plain_text", "text": "Only resolve once the resident is safe."},
        "confirm": {"type": "plain_text", "text": "Resolve"},
        "deny": {"type": "plain_text", "text": "Cancel"},
    }
    if card.acknowledged is not None:
        return [resolve]
    return [_button("Acknowledge", ACKNOWLEDGE_ACTION_ID, card.alert_id, "primary"), resolve]


def _button(label: str, action_id: str, alert_id: str, style: str) -> dict[str, Any]:
    return {"type": "button", "action_id": action_id, "value": alert_id, "style": style,
            "text": {"type": "plain_text", "text": label}}


def _quote(words: str) -> str:
    """The resident's words as one quoted paragraph, cut at a word boundary if long."""
    flat = " ".join(words.split())
    if not flat:
        return "_No words recorded._"
    if len(flat) > WORDS_LIMIT:
        cut = flat[:WORDS_LIMIT]
        cut = cut.rsplit(" ", 1)[0] if " " in cut[WORDS_LIMIT // 2 :] else cut
        flat = f"{cut}… ({len(flat)} characters in full)"
    return f"*What they said*\n> {_escape(flat)}"


def _hazard_words(keys: tuple[str, ...]) -> str:
    return ", ".join(key.replace("_", " ").capitalize() for key in keys) or "Unspecified hazard"


def _london(moment: datetime) -> str:
    return moment.astimezone(LONDON).strftime("%H:%M on %a %d %b %Y")


_SLACK_USER_ID = re.compile(r"[UW][A-Z0-9]{2,20}")  # one we may mention (<@U...>)
_USER_ID = re.compile(r"[A-Za-z0-9]{1,100}")  # one an interaction may carry


def _escape(text: str) -> str:
    # Slack control sequences (<!channel>, <@U...>, links) start with "<"; residents'
    # words must never ping the workspace or smuggle a link.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


# --- Web API client ----------------------------------------------------------------


@dataclass(frozen=True)
class PostedMessage:
    """Where a message lives in Slack; keep both to update it later."""

    channel: str
    ts: str


class SlackAlerts:
    """Posts and updates alert cards with the official client, mapping errors to ours."""

    def __init__(
        self, token: str, *, base_url: str = DEFAULT_API_BASE_URL, timeout_seconds: int = 3,
        breaker: pybreaker.CircuitBreaker | None = None,
    ) -> None:
        # retry_handlers=[]: slack_sdk would otherwise sleep and retry inside our job.
        self.client = WebClient(
            token=token, base_url=base_url, timeout=timeout_seconds, retry_handlers=[]
        )
        self.breaker = breaker or slack_breaker()

    def post_alert(self, channel: str, card: AlertCard) -> PostedMessage:
        """Post the alert card to `channel` (an id like C0123 or a #name)."""
        message = render_alert(card)
        return self._call(self.client.chat_postMessage, channel=channel, text=message.text,
                          blocks=message.blocks, unfurl_links=False)

    def update_alert(self, posted: PostedMessage, card: AlertCard) -> PostedMessage:
        """Replace the posted card, e.g. after acknowledgement or resolution."""
        message = render_alert(card)
        return self._call(self.client.chat_update, channel=posted.channel, ts=posted.ts,
                          text=message.text, blocks=message.blocks)

    def post(self, channel: str, text: str) -> str:
        """A plain notice to `channel` (complaint reminders, breach alerts); returns its ts."""
        return self._call(
            self.client.chat_postMessage, channel=channel, text=text, unfurl_links=False
        ).ts

    def post_reply(
        self, posted: PostedMessage, text: str, mention: str | None = None
    ) -> PostedMessage:
        """A threaded note under the card ("still unacknowledged, calling Ben"), opening
        with an @-mention of `mention` (a Slack user id) when given."""
        at = f"<@{mention}> " if mention and _SLACK_USER_ID.fullmatch(mention) else ""
        return self._call(self.client.chat_postMessage, channel=posted.channel,
                          thread_ts=posted.ts, text=at + _escape(text))

    def _call(self, method: Callable[..., SlackResponse], **kwargs: Any) -> PostedMessage:
        """Run one Web API call; raise ChannelUnavailable (retry) or ChannelRejected."""
        try:
            return cast(PostedMessage, self.breaker.call(self._call_slack, method, **kwargs))
        except pybreaker.CircuitBreakerError as error:
            raise ChannelUnavailable("Slack circuit open: not calling Slack for now",
                                     code="circuit_open") from error

    def _call_slack(self, method: Callable[..., SlackResponse], **kwargs: Any) -> PostedMessage:
        try:
            response = method(**kwargs)
        except SlackApiError as error:
            raise map_slack_error(error) from error
        except (OSError, HTTPException) as error:
            # Timeouts, refused connections, dropped sockets. A retry may post the card
            # twice; a duplicate alert in the channel is cheap next to a missed emergency.
            raise ChannelUnavailable(f"Slack unreachable: {type(error).__name__}") from error
        except SlackClientError as error:
            raise ChannelRejected(f"Slack client error: {error}") from error
        return PostedMessage(channel=str(response["channel"]), ts=str(response["ts"]))


# --- the outbox transport -------------------------------------------------------------

CARD_ACTION = "slack_card"  # the metadata key of a message that is an alert card action


@dataclass(frozen=True)
class CardAction:
    """An alert card action, as the outbox hands it to `SlackTransport`: post the card
    (`posted` None), update it in place, or reply in its thread (`reply` given)."""

    card: AlertCard
    posted: PostedMessage | None = None
    reply: str | None = None
    mention: str | None = None  # a Slack user id the thread reply opens with


def posted_id(posted: PostedMessage) -> str:
    """The provider id the outbox keeps for a Slack message: its channel and ts."""
    return f"{posted.channel}/{posted.ts}"


def parse_posted_id(provider_id: str | None) -> PostedMessage | None:
    """The message a `posted_id` names (None for anything else)."""
    channel, _, ts = (provider_id or "").partition("/")
    return PostedMessage(channel, ts) if channel and ts else None


class SlackTransport:
    """Slack behind the outbox: a plain notice posted to the recipient channel, or an
    alert card action (metadata `CARD_ACTION`). Errors are ours (`ChannelUnavailable`
    with Retry-After, `ChannelRejected`), from `SlackAlerts`."""

    name = "slack"

    def __init__(self, client: SlackAlerts) -> None:
        self.client = client

    def send(self, message: OutboundMessage) -> SendResult:
        action = message.metadata.get(CARD_ACTION)
        if not isinstance(action, CardAction):
            ts = self.client.post(message.recipient, message.body)
            return SendResult(provider_message_id=f"{message.recipient}/{ts}")
        if action.posted is None:
            posted = self.client.post_alert(message.recipient, action.card)
        elif action.reply is None:
            posted = self.client.update_alert(action.posted, action.card)
        else:
            posted = self.client.post_reply(action.posted, action.reply, mention=action.mention)
        return SendResult(provider_message_id=posted_id(posted))


def map_slack_error(error: SlackApiError) -> ChannelError:
    """429 and 5xx are retryable (with Retry-After if given); Slack refusals are final."""
    response = error.response
    data = response.data if isinstance(response.data, dict) else {}
    error_value = str(data.get("error") or "")
    # slack_sdk puts a prose message in "error" for non-JSON bodies (an HTML 503 page).
    code = error_value if _ERROR_CODE.fullmatch(error_value) else f"http_{response.status_code}"
    if response.status_code == 429 or code == "ratelimited":
        return ChannelUnavailable(
            "Slack rate limit", code=code, retry_after=_retry_after(response.headers)
        )
    if response.status_code >= 500 or code in TRANSIENT_ERRORS:
        return ChannelUnavailable(f"Slack error (HTTP {response.status_code})", code=code)
    return ChannelRejected(f"Slack refused the call: {code}", code=code)


def _retry_after(headers: Mapping[str, Any]) -> float | None:
    for name, value in headers.items():
        if name.lower() == "retry-after":
            raw = value[0] if isinstance(value, list) else value
            try:
                return max(0.0, float(raw))
            except (TypeError, ValueError):
                return None
    return None


# --- inbound interactions ----------------------------------------------------------


def verify_request(
    signing_secret: str | None,
    body: bytes,
    headers: Mapping[str, str],
    *,
    clock: Clock | None = None,
) -> None:
    """Raise SignatureInvalid unless Slack signed `body` (the raw bytes) in the last 5 minutes."""
    if not signing_secret:
        raise VerificationNotConfigured(
            "SLACK_SIGNING_SECRET is not configured; cannot verify Slack"
        )
    verifier = SignatureVerifier(signing_secret, clock or Clock())
    try:
        valid = verifier.is_valid_request(body, dict(headers.items()))
    except (ValueError, TypeError):  # a timestamp header that is not a number
        valid = False
    if not valid:
        raise SignatureInvalid("X-Slack-Signature missing, stale or does not match")


class AlertAction(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    RESOLVE = "resolve"


ACTIONS = {ACKNOWLEDGE_ACTION_ID: AlertAction.ACKNOWLEDGE, RESOLVE_ACTION_ID: AlertAction.RESOLVE}


@dataclass(frozen=True)
class AlertInteraction:
    """A click on an alert card's button, as the escalation service needs it."""

    action: AlertAction
    alert_id: str
    user_id: str
    user_name: str
    response_url: str | None
    channel_id: str | None
    message_ts: str | None


class InteractionInvalid(ValueError):
    """The interaction request is not a well-formed Slack payload (answer 400)."""


def parse_interaction(body: bytes | str) -> AlertInteraction | None:
    """Parse a signed interaction request body (form field `payload` holding JSON).

    Returns None for interactions that are not our alert buttons (answer 200 and
    ignore them); raises InteractionInvalid for malformed requests.
    """
    payload = _payload(body)
    if payload.get("type") != "block_actions":
        return None
    actions = payload.get("actions")
    ours = [a for a in actions if isinstance(a, dict) and isinstance(a.get("action_id"), str)
            and a["action_id"] in ACTIONS] if isinstance(actions, list) else []
    if not ours:
        return None
    action, user = ours[0], _object(payload.get("user"))
    alert_id, user_id = action.get("value"), user.get("id")
    # Slack's user ids are letters and digits ("U04PSHAH01"); anything else is refused here,
    # so the id is safe wherever it goes (the click's job id, the alert's log).
    if not (isinstance(user_id, str) and _USER_ID.fullmatch(user_id)
            and isinstance(alert_id, str) and alert_id):
        raise InteractionInvalid("block_actions payload without a user id or an alert id")
    container = _object(payload.get("container"))
    channel = _text(_object(payload.get("channel")).get("id")) or _text(container.get("channel_id"))
    return AlertInteraction(
        action=ACTIONS[action["action_id"]], alert_id=clean_text(alert_id)[:100],
        user_id=user_id,
        user_name=clean_text(str(user.get("username") or user.get("name") or user_id))[:200],
        response_url=_text(payload.get("response_url")), channel_id=channel,
        message_ts=_text(container.get("message_ts"))
        or _text(_object(payload.get("message")).get("ts")),
    )


def _object(value: Any) -> dict[str, Any]:
    """A payload member that should be an object; anything else counts as absent."""
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _payload(body: bytes | str) -> dict[str, Any]:
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
    fields = parse_qs(text)
    if len(fields.get("payload", [])) != 1:
        raise InteractionInvalid("expected exactly one form field named payload")
    try:
        payload = load_json(fields["payload"][0], what="payload")
    except PayloadInvalid as error:
        raise InteractionInvalid(str(error)) from None
    if not isinstance(payload, dict):
        raise InteractionInvalid("payload is not a JSON object")
    return payload
