"""Microsoft Graph over HTTP: an app-only token from MSAL, bounded requests, mapped errors.

The token comes from msal's `ConfidentialClientApplication` (client credentials, with a
client secret or a certificate), whose token cache keeps it until shortly before it
expires. The application is made on first use, not at start: it fetches the authority's
OpenID configuration, and a sign-in service that is down must not stop the process
starting. Every request has a timeout; every failure, MSAL's included, is mapped into our
error tree at this edge (retryable, rejected or unknown).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import requests

from channels.app_sign_in import AppSignIn
from channels.base import ChannelError, ChannelRejected, ChannelUnavailable, DeliveryUnknown

logger = logging.getLogger(__name__)

SCOPE = "https://graph.microsoft.com/.default"
MAX_PAGES = 20
PAGE_SIZE = 50
REJECTED_REASONS = {
    400: "Graph refused the request as malformed",
    403: "Graph denied access (check Mail.Send/Mail.ReadWrite and the access policy)",
    404: "Graph found no such mailbox or message",
}


class GraphApi:
    """The few Graph calls the email channel needs, for one shared mailbox."""

    def __init__(
        self,
        *,
        tenant_id: str,
        client_id: str,
        client_secret: str | None,
        mailbox: str,
        api_base_url: str,
        login_base_url: str,
        timeout: float = 10.0,
        certificate: tuple[str, str] | None = None,  # (PEM key and certificate, thumbprint)
    ) -> None:
        self.mailbox = mailbox
        self.api = api_base_url.rstrip("/")
        self.timeout = timeout
        self.http = requests.Session()
        self.sign_in = AppSignIn(
            tenant_id=tenant_id, client_id=client_id, client_secret=client_secret,
            login_base_url=login_base_url, scope=SCOPE, timeout=timeout, http=self.http,
            certificate=certificate,
        )

    @property
    def mailbox_url(self) -> str:
        """`{api}/users/{mailbox}`."""
        return f"{self.api}/users/{quote(self.mailbox, safe='@')}"

    @property
    def messages_url(self) -> str:
        """`{api}/users/{mailbox}/messages`: a message's URL is this plus its id."""
        return f"{self.mailbox_url}/messages"

    def token(self) -> str:
        """A bearer token for Graph (MSAL's cached one; see `AppSignIn.token`)."""
        return self.sign_in.token()

    def forget_token(self) -> None:
        """Drop the cached token (Graph said it was expired or revoked early)."""
        self.sign_in.forget()

    def get_message(self, message_id: str, select: str, expand: str) -> dict[str, Any]:
        """One message of the mailbox, with the body as plain text."""
        response = self.request(
            "GET",
            f"{self.messages_url}/{quote(message_id, safe='')}",
            params={"$select": select, "$expand": expand},
            headers={"Prefer": 'outlook.body-content-type="text"'},
        )
        return _json(response)

    def inbox_since(self, since: datetime) -> list[dict[str, Any]]:
        """Inbox messages received at or after `since` (id and received time), oldest
        first, at most MAX_PAGES pages."""
        found: list[dict[str, Any]] = []
        for page in self.inbox_pages(since, MAX_PAGES):
            found.extend(page)
        return found

    def inbox_pages(self, since: datetime, max_pages: int) -> Iterator[list[dict[str, Any]]]:
        """The same, a page (up to 50) at a time, so a backlog is never held whole."""
        stamp = since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        url: str | None = f"{self.mailbox_url}/mailFolders/inbox/messages"
        params: dict[str, str] | None = {
            "$filter": f"receivedDateTime ge {stamp}",
            "$orderby": "receivedDateTime asc",
            "$select": "id,receivedDateTime",
            "$top": str(PAGE_SIZE),
        }
        for _ in range(max_pages):
            if url is None:
                return
            body = _json(self.request("GET", url, params=params))
            yield [item for item in body.get("value", []) if isinstance(item, dict)]
            next_link = body.get("@odata.nextLink")
            url, params = (next_link if isinstance(next_link, str) else None), None

    def request(
        self,
        method: str,
        url: str,
        *,
        idempotent: bool = True,
        json: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        """An authorised Graph request; raise our error for anything but 2xx."""
        auth = {"Authorization": f"Bearer {self.token()}", **(headers or {})}
        response = self._call(
            method, url, idempotent=idempotent, json=json, params=params, headers=auth
        )
        return response

    def _call(self, method: str, url: str, *, idempotent: bool, **kwargs: Any) -> requests.Response:
        try:
            response = self.http.request(method, url, timeout=self.timeout, **kwargs)
        except requests.ReadTimeout as error:
            if idempotent:
                raise ChannelUnavailable("Graph did not answer in time") from error
            raise DeliveryUnknown("Graph did not answer in time; outcome unknown") from error
        except requests.RequestException as error:
            raise ChannelUnavailable(f"Graph unreachable: {type(error).__name__}") from error
        if response.status_code == 401:
            self.forget_token()  # expired or revoked early: the retry fetches a new one
        if response.status_code >= 300:
            raise map_graph_error(response)
        return response


def map_graph_error(response: requests.Response) -> ChannelError:
    """Rate limits, 401 and server errors are retryable; other refusals are final."""
    status = response.status_code
    code = _error_code(response)
    if status in (401, 408, 429) or status >= 500:
        return ChannelUnavailable(
            f"Graph returned HTTP {status}", code=code, retry_after=_retry_after(response)
        )
    reason = REJECTED_REASONS.get(status, f"Graph refused the request (HTTP {status})")
    return ChannelRejected(f"{reason} [{code or status}]", code=code or str(status))


def _error_code(response: requests.Response) -> str | None:
    """Graph's error code (e.g. ErrorInvalidRecipients); never its message, which can
    quote an address."""
    try:
        error = response.json().get("error")
    except ValueError:
        return None
    code = error.get("code") if isinstance(error, dict) else None
    return str(code)[:40] if code else None


def _retry_after(response: requests.Response) -> float | None:
    try:
        return float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None


def _json(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        raise ChannelUnavailable("Graph answered with something other than JSON") from None
    if not isinstance(body, dict):
        raise ChannelUnavailable("Graph answered with unexpected JSON")
    return body
