"""Public comments on the landlord's Facebook Page and Instagram posts: how a comment
contact is named, and where its replies go. Pure.

A new comment becomes a message like a DM (parsed in `channels.meta`), from the
commenter; its replies go privately to the comment (`reply_to = "comment:<id>"`, Meta's
private replies, one per comment within 7 days). We never answer in public, so nothing
personal is ever posted under a post.
"""

from __future__ import annotations

from datetime import timedelta

COMMENT_PREFIX = "comment:"  # a reply address: a private reply to this comment
PROVIDER_PREFIX = "comment-"  # the provider message id of a comment contact
PRIVATE_REPLY_WINDOW = timedelta(days=7)


def private_reply_address(comment_id: str) -> str:
    """The reply address that answers `comment_id` privately."""
    return COMMENT_PREFIX + comment_id


def comment_id_of(address: str) -> str | None:
    """The comment a reply address answers privately, else None (an ordinary address)."""
    return address.removeprefix(COMMENT_PREFIX) if address.startswith(COMMENT_PREFIX) else None
