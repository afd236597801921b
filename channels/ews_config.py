"""The Exchange (EWS) mailbox's settings, page size and sync errors, apart from `channels.ews`:
what the service needs to know about EWS without loading exchangelib (with lxml, pygments and
dnspython: about a third of a second of CPU in every web, worker and command process, most of
which never speak EWS). `channels.ews` imports these and names them too.
"""

from __future__ import annotations

from dataclasses import dataclass

from channels.base import ChannelRejected

SYNC_PAGE = 200  # SyncFolderItems' MaxChangesReturned (EWS allows up to 512)


class SyncStateInvalid(ChannelRejected):
    """The server no longer accepts our folder sync state: start a new sync."""


class SubscriptionGone(ChannelRejected):
    """The pull subscription expired or is unknown to the server: subscribe again."""


@dataclass(frozen=True)
class EwsConfig:
    """How to reach the shared mailbox (from the EWS_* settings)."""

    mailbox: str
    server: str | None = None  # a host name, or the full EWS URL (https://host/EWS/Exchange.asmx)
    username: str | None = None
    password: str | None = None
    auth_type: str = "ntlm"  # ntlm | basic | oauth
    client_id: str | None = None  # oauth (Exchange Online app-only)
    client_secret: str | None = None
    tenant_id: str | None = None
    autodiscover: bool = False
    access_type: str = "delegate"  # delegate | impersonation
    login_base_url: str = "https://login.microsoftonline.com"  # oauth: MSAL's authority
    max_wait: float = 10.0  # longest server back-off honoured in place (seconds)
    timeout: float = 10.0  # one HTTP request (exchangelib's own default is 120 s)
