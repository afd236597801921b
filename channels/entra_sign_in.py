"""Staff sign-in with Microsoft Entra ID: OpenID Connect's authorization-code flow with
PKCE, through msal's `ConfidentialClientApplication`.

`begin` makes msal's auth-code flow (state, nonce, PKCE verifier and the authorize URL);
the caller keeps the flow server-side and sends the browser to its `auth_uri`. `finish`
hands the flow and the redirect's query to msal, which checks the state, redeems the code
with the PKCE verifier and the client secret, and checks the ID token's issuer, audience
and nonce. msal trusts TLS for the token's signature and only logs an expired one, so we
also check the signature against the authority's published keys (JWKS), the expiry, and
that the tenant is ours. Every failure becomes an `EntraSignInFailed` with words safe to
show; nothing from the token is logged.
"""

from __future__ import annotations

import logging
import threading
import warnings
from typing import Any
from urllib.parse import quote

import jwt
import msal
import requests

from contact_hub.domain.access.entra import EntraIdentity

logger = logging.getLogger(__name__)

LEEWAY_SECONDS = 120  # clock skew between us and the authority


class EntraSignInFailed(Exception):
    """The sign-in did not complete; `message` is safe to show to the person."""

    def __init__(self, message: str, code: str, unavailable: bool = False) -> None:
        super().__init__(f"{code}: {message}")
        self.message = message
        self.code = code
        self.unavailable = unavailable


class EntraSignIn:
    """One app registration in one tenant."""

    def __init__(
        self, *, tenant_id: str, client_id: str, client_secret: str, login_base_url: str,
        timeout: float = 10.0,
    ) -> None:
        self.tenant_id = tenant_id
        self.client_id = client_id
        self.authority = f"{login_base_url.rstrip('/')}/{quote(tenant_id, safe='')}"
        self._secret = client_secret
        self.timeout = timeout
        self.http = requests.Session()
        self._app: msal.ConfidentialClientApplication | None = None
        self._keys: dict[str, Any] = {}
        self._lock = threading.Lock()

    def begin(self, redirect_uri: str) -> dict[str, Any]:
        """msal's auth-code flow: keep it server-side, send the browser to `auth_uri`."""
        try:
            with warnings.catch_warnings():
                # msal recommends response_mode=form_post; that cross-site POST would not
                # carry our SameSite=Lax session cookie, so the flow could not be matched to
                # the browser that began it. The query's code is single-use, PKCE-bound and
                # kept out of our access logs, which never print query strings.
                warnings.filterwarnings("ignore", message="response_mode='form_post'")
                flow = self._application().initiate_auth_code_flow(
                    scopes=[], redirect_uri=redirect_uri, prompt="select_account"
                )
        except (requests.RequestException, ValueError) as error:
            raise self._unavailable(error) from error
        if "auth_uri" not in flow:
            raise EntraSignInFailed("Microsoft sign-in is not available.", "no_auth_uri", True)
        return dict(flow)

    def finish(self, flow: dict[str, Any], response: dict[str, str]) -> EntraIdentity:
        """The person the authority vouches for, once msal and our own checks agree."""
        if response.get("error"):
            code = str(response["error"])[:40]
            raise EntraSignInFailed(
                "Microsoft did not sign you in"
                + (": you cancelled or were not allowed." if code == "access_denied" else "."),
                code,
            )
        try:
            result = self._application().acquire_token_by_auth_code_flow(flow, response)
        except ValueError as error:  # msal: the state does not match, or the flow is spent
            logger.info("entra sign-in refused by msal: %s", type(error).__name__)
            raise EntraSignInFailed(
                "This sign-in link is out of date or was not started here. Try again.",
                "state_mismatch",
            ) from error
        except requests.RequestException as error:
            raise self._unavailable(error) from error
        except RuntimeError as error:  # msal's IdTokenError: issuer, audience or nonce wrong
            logger.info("entra id token refused by msal: %s", type(error).__name__)
            raise EntraSignInFailed(
                "Microsoft's answer could not be checked. Try again.", "invalid_id_token"
            ) from error
        if "error" in result or "id_token" not in result:
            code = str(result.get("error") or "no_id_token")[:40]
            logger.info("entra sign-in failed code=%s", code)
            raise EntraSignInFailed("Microsoft did not confirm who you are. Try again.", code)
        claims = self._verified(str(result["id_token"]))
        return _identity(claims)

    def _verified(self, id_token: str) -> dict[str, Any]:
        try:
            kid = jwt.get_unverified_header(id_token).get("kid")
            key = self._key(str(kid))
            claims: dict[str, Any] = jwt.decode(
                id_token, key, algorithms=["RS256"], audience=self.client_id,
                issuer=self._issuer(), leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "aud", "iss", "sub"]},
            )
        except jwt.PyJWTError as error:
            logger.info("entra id token refused: %s", type(error).__name__)
            raise EntraSignInFailed(
                "Microsoft's answer could not be checked. Try again.", "invalid_id_token"
            ) from error
        if claims.get("tid") != self.tenant_id:
            raise EntraSignInFailed(
                "That Microsoft account belongs to another organisation.", "wrong_tenant"
            )
        return claims

    def _key(self, kid: str) -> Any:
        """The authority's signing key `kid`, fetched again when keys have rolled over."""
        with self._lock:
            if kid not in self._keys:
                uri = self._discovery()["jwks_uri"]
                try:
                    answer = self.http.get(uri, timeout=self.timeout)
                    answer.raise_for_status()
                    keyset = jwt.PyJWKSet.from_dict(answer.json())
                except (requests.RequestException, ValueError, jwt.PyJWTError) as error:
                    raise self._unavailable(error) from error
                self._keys = {k.key_id: k.key for k in keyset.keys if k.key_id}
            if kid not in self._keys:
                raise jwt.InvalidKeyError("unknown signing key")
            return self._keys[kid]

    def _issuer(self) -> str:
        return str(self._discovery()["issuer"]).replace("{tenantid}", self.tenant_id)

    def _discovery(self) -> dict[str, Any]:
        try:
            answer = self.http.get(
                f"{self.authority}/v2.0/.well-known/openid-configuration", timeout=self.timeout
            )
            answer.raise_for_status()
            document: dict[str, Any] = answer.json()
        except (requests.RequestException, ValueError) as error:
            raise self._unavailable(error) from error
        return document

    def _application(self) -> msal.ConfidentialClientApplication:
        if self._app is None:
            self._app = msal.ConfidentialClientApplication(
                self.client_id,
                client_credential=self._secret,
                authority=self.authority,
                http_client=self.http,
                timeout=self.timeout,
                # Our configuration names the authority (as for Graph): no call to
                # Microsoft's instance discovery for a national cloud or a test authority.
                instance_discovery=False,
                token_cache=msal.TokenCache(),  # nothing kept: we only need who it is
            )
        return self._app

    def _unavailable(self, error: Exception) -> EntraSignInFailed:
        logger.warning("entra sign-in unavailable: %s", type(error).__name__)
        self._app = None  # discovery is tried again next time
        return EntraSignInFailed(
            "Microsoft sign-in cannot be reached just now. Try again, or sign in with your "
            "password.", "unavailable", unavailable=True,
        )


def _identity(claims: dict[str, Any]) -> EntraIdentity:
    email = str(claims.get("email") or claims.get("preferred_username") or "").strip().lower()
    return EntraIdentity(
        tenant_id=str(claims["tid"]),
        object_id=str(claims.get("oid") or claims["sub"]),
        email=email,
        name=str(claims.get("name") or email).strip()[:100],
        app_roles=tuple(str(r) for r in claims.get("roles") or ()),
        groups=tuple(str(g) for g in claims.get("groups") or ()),
    )
