"""Plain-text notices to a Slack channel (complaint reminders and breach alerts).

The official `WebClient`, no retry handlers (our RQ jobs retry), errors mapped to our
small tree by `channels.slack.map_slack_error`.
"""

from __future__ import annotations

from http.client import HTTPException

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from channels.base import ChannelRejected, ChannelUnavailable
from channels.slack import DEFAULT_API_BASE_URL, map_slack_error


class SlackNotices:
    """Posts one message per call; returns Slack's timestamp for the record."""

    def __init__(
        self, token: str, *, base_url: str = DEFAULT_API_BASE_URL, timeout_seconds: int = 10
    ) -> None:
        self.client = WebClient(
            token=token, base_url=base_url, timeout=timeout_seconds, retry_handlers=[]
        )

    def post(self, channel: str, text: str) -> str:
        """Post ``text`` to ``channel``; raise ChannelUnavailable (retry) or ChannelRejected."""
        try:
            response = self.client.chat_postMessage(channel=channel, text=text, unfurl_links=False)
        except SlackApiError as error:
            raise map_slack_error(error) from error
        except (OSError, HTTPException) as error:
            raise ChannelUnavailable(f"Slack unreachable: {type(error).__name__}") from error
        except SlackClientError as error:
            raise ChannelRejected(f"Slack client error: {error}") from error
        return str(response["ts"])
