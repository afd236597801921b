"""An app's own sign-in to Microsoft (client credentials) through MSAL, for one scope:
Graph's, or Exchange Online's EWS.

The token comes from msal's `ConfidentialClientApplication` (a client secret or a
certificate), whose token cache keeps it until shortly before it expires. The application
is made on first use, not at start: it fetches the authority's OpenID configuration, and a
sign-in service that is down must not stop the process starting. MSAL's failures are
mapped into our error tree here (rejected: a wrong secret, app or tenant; else retryable).
"""

from __future__ import annotations

import threading
from urllib.parse import quote

import msal
import requests

from channels.base import ChannelError, ChannelRejected, ChannelUnavailable

# MSAL's answers that no retry can fix: a wrong secret, certificate, app or tenant.
REJECTED_SIGN_IN = frozenset({
    "invalid_client", "unauthorized_client", "invalid_scope", "invalid_request",
    "invalid_grant", "invalid_tenant",
})


class AppSignIn:
    """Bearer tokens for one scope, from one tenant's authority."""

    def __init__(
        self,
        *,
        tenant_id: str,
        client_id: str,
        client_secret: str | None,
        login_base_url: str,
        scope: str,
        timeout: float,
        http: requests.Session | None = None,
        certificate: tuple[str, str] | None = None,  # (PEM key and certificate, thumbprint)
        name: str = "Graph",  # whose sign-in, in error messages
    ) -> None:
        self.name = name
        tenant = quote(tenant_id, safe="")
        self.authority = f"{login_base_url.rstrip('/')}/{tenant}"
        self.scope = scope
        self.timeout = timeout
        self.http = http or requests.Session()
        self._client_id = client_id
        self._credential: str | dict[str, str] | None = client_secret
        if certificate is not None:
            self._credential = {"private_key": certificate[0], "thumbprint": certificate[1]}
        self._app: msal.ConfidentialClientApplication | None = None
        self._lock = threading.Lock()

    def token(self) -> str:
        """A bearer token: MSAL's cached one, fetched again near its expiry."""
        return self.token_with_expiry()[0]

    def token_with_expiry(self) -> tuple[str, int]:
        """A bearer token and the seconds it has left.

        Raises:
            ChannelRejected: the sign-in was refused (wrong secret, app or tenant).
            ChannelUnavailable: the sign-in service could not be reached or failed.
        """
        with self._lock:
            try:
                result = self._application().acquire_token_for_client(scopes=[self.scope])
            except ChannelError:
                raise
            except Exception as error:  # msal raises ValueError, requests errors, ...
                raise ChannelUnavailable(
                    f"{self.name} sign-in unavailable: {type(error).__name__}"
                ) from error
        token = result.get("access_token") if isinstance(result, dict) else None
        if isinstance(token, str) and token:
            return token, int(result.get("expires_in") or 0)
        code = str(result.get("error") or "no_token")[:40] if isinstance(result, dict) else "?"
        if code in REJECTED_SIGN_IN:
            raise ChannelRejected(f"{self.name} sign-in refused [{code}]", code=code)
        raise ChannelUnavailable(f"{self.name} sign-in failed [{code}]", code=code)

    def _application(self) -> msal.ConfidentialClientApplication:
        if self._app is None:
            self._app = msal.ConfidentialClientApplication(
                self._client_id,
                client_credential=self._credential,
                authority=self.authority,
                http_client=self.http,
                timeout=self.timeout,
                # Our configuration names the authority; Microsoft's own check of it
                # would call login.microsoftonline.com even for a national cloud or test.
                instance_discovery=False,
                token_cache=msal.TokenCache(),
            )
        return self._app

    def forget(self) -> None:
        """Drop the cached token (the service said it was expired or revoked early)."""
        with self._lock:
            if self._app is not None:
                self._app.token_cache = msal.TokenCache()

