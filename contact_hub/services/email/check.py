"""`contact-hub email check`: can we reach Graph, get a token and read the mailbox?"""

from __future__ import annotations

from datetime import datetime, timedelta

from channels.base import ChannelError
from contact_hub.services.email.intake import GraphMailbox


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
