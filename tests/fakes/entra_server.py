"""A local Microsoft Entra ID authority for staff sign-in: OpenID Connect's
authorization-code flow with PKCE, over HTTPS (msal insists), on the Graph fake's TLS and
server helpers.

- `GET /{tenant}/v2.0/.well-known/openid-configuration`: discovery;
- `GET /{tenant}/oauth2/v2.0/authorize`: "signs in" `fake.person` (or refuses with
  `fake.refuse_with`) and redirects to `redirect_uri` with `code` and `state`, as Entra does
  after its own pages;
- `POST /{tenant}/oauth2/v2.0/token`: redeems a code once, for the same client, secret,
  redirect URI and PKCE verifier (S256), with an RS256 ID token carrying the nonce;
- `GET /{tenant}/discovery/v2.0/keys`: the JWKS to check it.

`token_claims` lets a test change what the next ID token says (a wrong audience, tenant...),
and `sign_with_other_key` signs it with a key the JWKS does not publish.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.fakes.graph_server import GraphRequest, _handler, _serve, _tls_context

TENANT = "7c6d3f0a-1d2e-4b5c-9a8f-0123456789ab"
CLIENT_ID = "5f1e2d3c-aaaa-bbbb-cccc-0123456789ab"
CLIENT_SECRET = "entra-test-secret-0123456789"


@dataclass
class EntraPerson:
    """Who signs in at the fake's authorize endpoint."""

    name: str = "Priya Shah"
    email: str = "priya.shah@magna.example"
    object_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    roles: list[str] = field(default_factory=lambda: ["ContactHub.Agent"])
    groups: list[str] = field(default_factory=list)


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    nonce: str
    challenge: str
    person: EntraPerson


class FakeEntra:
    def __init__(self, tenant: str = TENANT, client_id: str = CLIENT_ID,
                 client_secret: str = CLIENT_SECRET) -> None:
        self.tenant = tenant
        self.client_id = client_id
        self.client_secret = client_secret
        self.person = EntraPerson()
        self.refuse_with: str | None = None
        self.token_claims: dict[str, Any] = {}
        self.sign_with_other_key = False
        self.authorize_requests: list[dict[str, str]] = []
        self.token_requests: list[dict[str, str]] = []
        self._grants: dict[str, _Grant] = {}
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "fake-entra-key-1"
        self._lock = threading.Lock()
        self.server: Any = None
        self.ca_file = ""

    @property
    def base_url(self) -> str:
        """ENTRA_LOGIN_BASE_URL for the app under test."""
        return f"https://127.0.0.1:{self.server.server_address[1]}"

    @property
    def issuer(self) -> str:
        return f"{self.base_url}/{self.tenant}/v2.0"

    def start(self) -> FakeEntra:
        self.ca_file, context = _tls_context()
        self.server = _serve(_handler(self), context)  # type: ignore[arg-type]
        self._saved_ca = os.environ.get("REQUESTS_CA_BUNDLE")
        os.environ["REQUESTS_CA_BUNDLE"] = self.ca_file  # requests (under msal) trusts it
        return self

    def stop(self) -> None:
        if os.environ.get("REQUESTS_CA_BUNDLE") == self.ca_file:
            if self._saved_ca is None:
                os.environ.pop("REQUESTS_CA_BUNDLE", None)
            else:
                os.environ["REQUESTS_CA_BUNDLE"] = self._saved_ca
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    # --- answers: (status, JSON body or None, headers) ---------------------------------

    def answer(self, request: GraphRequest) -> tuple[int, Any, dict[str, str]]:
        """Called by the Graph fake's request handler (the same HTTP plumbing)."""
        method, path, query = request.method, request.path, request.query
        form = request.body if isinstance(request.body, dict) else {}
        prefix = f"/{self.tenant}"
        if not path.startswith(prefix + "/"):
            return 400, {"error": "invalid_tenant", "error_description": "AADSTS90002"}, {}
        rest = path[len(prefix):]
        if method == "GET" and rest == "/v2.0/.well-known/openid-configuration":
            return 200, self._discovery(), {}
        if method == "GET" and rest == "/discovery/v2.0/keys":
            return 200, {"keys": [self._jwk()]}, {}
        if method == "GET" and rest == "/oauth2/v2.0/authorize":
            return self._authorize(query)
        if method == "POST" and rest == "/oauth2/v2.0/token":
            return self._token(form)
        return 404, {"error": "not_found"}, {}

    def _discovery(self) -> dict[str, Any]:
        base = f"{self.base_url}/{self.tenant}"
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
            "token_endpoint": f"{base}/oauth2/v2.0/token",
            "jwks_uri": f"{base}/discovery/v2.0/keys",
            "response_types_supported": ["code", "id_token", "code id_token"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
        }

    def _jwk(self) -> dict[str, Any]:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key()))
        return {**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}

    def _authorize(self, query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        self.authorize_requests.append(query)
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id or not redirect_uri:
            return 400, {"error": "unauthorized_client"}, {}
        state = query.get("state", "")
        if self.refuse_with:
            answer = {"error": self.refuse_with, "error_description": "AADSTS65004",
                      "state": state}
            return 302, None, {"Location": f"{redirect_uri}?{urlencode(answer)}"}
        if query.get("response_type") != "code" or query.get("code_challenge_method") != "S256":
            return 400, {"error": "invalid_request"}, {}
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._grants[code] = _Grant(self.client_id, redirect_uri, query.get("nonce", ""),
                                        query.get("code_challenge", ""), self.person)
        answer = {"code": code, "state": state, "session_state": str(uuid.uuid4())}
        return 302, None, {"Location": f"{redirect_uri}?{urlencode(answer)}"}

    def _token(self, form: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        self.token_requests.append(form)
        with self._lock:
            grant = self._grants.pop(form.get("code", ""), None)  # a code works once
        if form.get("grant_type") != "authorization_code" or grant is None:
            return 400, {"error": "invalid_grant", "error_description": "AADSTS70008"}, {}
        if (form.get("client_id") != grant.client_id
                or form.get("client_secret") != self.client_secret):
            return 401, {"error": "invalid_client", "error_description": "AADSTS7000215"}, {}
        if form.get("redirect_uri") != grant.redirect_uri:
            return 400, {"error": "invalid_grant", "error_description": "AADSTS50011"}, {}
        verifier = form.get("code_verifier", "")
        digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        if not verifier or digest.rstrip(b"=").decode() != grant.challenge:
            return 400, {"error": "invalid_grant", "error_description": "AADSTS501481"}, {}
        person, now = grant.person, int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer, "aud": grant.client_id, "tid": self.tenant,
            "oid": person.object_id, "sub": hashlib.sha256(person.object_id.encode()).hexdigest(),
            "iat": now, "nbf": now, "exp": now + 3600, "nonce": grant.nonce,
            "name": person.name, "preferred_username": person.email, "email": person.email,
            "roles": person.roles, "ver": "2.0",
        }
        if person.groups:
            claims["groups"] = person.groups
        claims.update(self.token_claims)
        key = self._other_key if self.sign_with_other_key else self._key
        id_token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})
        client_info = base64.urlsafe_b64encode(json.dumps(
            {"uid": person.object_id, "utid": self.tenant}).encode()).decode().rstrip("=")
        return 200, {
            "token_type": "Bearer", "scope": "openid profile email", "expires_in": 3599,
            "access_token": "entra-access-" + secrets.token_urlsafe(8), "id_token": id_token,
            "client_info": client_info,
        }, {}

