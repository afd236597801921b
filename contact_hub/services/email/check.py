"""`contact-hub email check`: can we reach Graph or Exchange, sign in and read the mailbox?"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from channels.base import ChannelError
from contact_hub.services.email.intake import GraphMailbox

if TYPE_CHECKING:  # exchangelib loads only where EWS is used (channels.ews_config)
    from channels.ews import EwsMailbox


def check_mailbox(graph: GraphMailbox, now: datetime) -> list[tuple[str, bool, str]]:
    """Each step as (what, passed, detail); stops at the first failure.

    Details name error classes and Graph error codes only, never a secret.
    """
    results: list[tuple[str, bool, str]] = []
    try:
        graph.api.token()
        results.append(("token", True, "client credentials accepted"))
        recent = graph.api.inbox_since(now - timedelta(days=1))
        results.append(("mailbox", True, f"inbox readable ({len(recent)} in the last day)"))
    except ChannelError as error:
        step = "mailbox" if results else "token"
        results.append((step, False, f"{type(error).__name__}: {error}"))
    return results


def check_ews_mailbox(ews: EwsMailbox) -> list[tuple[str, bool, str]]:
    """Sign in to Exchange and open the inbox, as (what, passed, detail); error classes
    and EWS codes only, never a secret."""
    try:
        count = ews.check()
    except ChannelError as error:
        return [("mailbox", False, f"{type(error).__name__}: {error}")]
    return [("mailbox", True, f"signed in to Exchange; inbox readable ({count} items)")]
