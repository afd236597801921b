"""Meta's messaging windows: may we send free-form text to this resident now? Pure.

Messenger, Instagram and WhatsApp only let a business send free-form text within 24 hours
of the person's last message to it (the "customer service window"). Outside it Messenger
and Instagram allow a human agent's reply for up to 7 days with the HUMAN_AGENT tag (an
app permission Meta must approve), and WhatsApp needs a pre-approved template.

What we chose: everything the hub sends by itself (acknowledgements, safety advice,
complaint letters) is automated, so it never uses the HUMAN_AGENT tag; outside 24 hours
it is refused with a clear reason and the outbox records it as failed. An emergency is
never left to this channel alone: on-call staff are paged whatever happens here. Only a
message marked as written by a person may use the 7-day HUMAN_AGENT window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from channels.base import Channel
from channels.meta_comments import PRIVATE_REPLY_WINDOW

CUSTOMER_SERVICE_WINDOW = timedelta(hours=24)
HUMAN_AGENT_WINDOW = timedelta(days=7)
WINDOW_CHANNELS = (Channel.MESSENGER, Channel.INSTAGRAM, Channel.WHATSAPP)
HUMAN_AGENT_CHANNELS = (Channel.MESSENGER, Channel.INSTAGRAM)


@dataclass(frozen=True)
class WindowDecision:
    """Whether free text may go now, and with which Messenger message tag (if any)."""

    allowed: bool
    reason: str | None = None
    tag: str | None = None  # "HUMAN_AGENT" when sent under the 7-day human-agent window


def free_text_window(
    channel: Channel | str,
    last_inbound_at: datetime | None,
    now: datetime,
    *,
    human_agent: bool = False,
    private_reply: bool = False,
) -> WindowDecision:
    """Decide from when the resident last wrote to us on `channel` (None: never). A
    private reply to a public comment is allowed for 7 days after the comment."""
    if channel not in WINDOW_CHANNELS:
        return WindowDecision(True)
    if private_reply:
        if last_inbound_at is not None and now - last_inbound_at <= PRIVATE_REPLY_WINDOW:
            return WindowDecision(True)
        return WindowDecision(False, "Meta allows a private reply to a comment only within "
                                     "7 days of it; reply on another channel")
    if last_inbound_at is None:
        return WindowDecision(
            False, f"the resident has not messaged us on {channel}; Meta only allows replies"
        )
    since = now - last_inbound_at
    if since <= CUSTOMER_SERVICE_WINDOW:
        return WindowDecision(True)
    if human_agent and channel in HUMAN_AGENT_CHANNELS and since <= HUMAN_AGENT_WINDOW:
        return WindowDecision(True, tag="HUMAN_AGENT")
    hours = int(since.total_seconds() // 3600)
    return WindowDecision(
        False,
        f"outside Meta's 24-hour window: the resident last wrote on {channel} {hours} hours "
        "ago; reply on another channel (SMS, phone or letter)",
    )
