"""A local HTTP server speaking the parts of Microsoft Graph the email channel uses.

- `GET /login/{tenant}/v2.0/.well-known/openid-configuration` and
  `POST /login/{tenant}/oauth2/v2.0/token` (client credentials: a secret, or a certificate's
  signed assertion), served over HTTPS as MSAL insists, with a self-signed certificate
  (`ca_file`, which REQUESTS_CA_BUNDLE names while the fake runs).
- `GET /v1.0/users/{mailbox}/messages/{id}`: a message put in the fake's mailbox.
- `GET /v1.0/users/{mailbox}/mailFolders/inbox/messages`: `$filter=receivedDateTime ge`,
  `$top`, paged with `@odata.nextLink`.
- `POST /v1.0/users/{mailbox}/sendMail`: 202, no body (recorded); 400 for a non-`x-`
  internet message header, as Graph does.
- `POST /v1.0/subscriptions`, `PATCH /v1.0/subscriptions/{id}`.

Requests without the issued bearer token get 401. `fail_next` answers the next matching
requests with an error (429 with Retry-After, 5xx, 404...) or hangs (a read timeout).
"""

from __future__ import annotations

import json
import os
import socket
import ssl
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass
class GraphFailure:
    status: int
    code: str = "ErrorInternalServerError"
    path_contains: str = ""
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GraphRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any


@dataclass
class FakeGraph:
    """Start with `start()`; configure `api_url` and `login_url`."""

    mailbox: str = "housing@magna.example"
    messages: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[GraphRequest] = field(default_factory=list)
    failures: list[GraphFailure] = field(default_factory=list)
    subscriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens_issued: int = 0
    assertions: list[str] = field(default_factory=list)  # signed client assertions seen
    scopes: list[str] = field(default_factory=list)  # the scope each token was asked for
    server: ThreadingHTTPServer | None = None
    login_server: ThreadingHTTPServer | None = None
    ca_file: str = ""
    tls: ssl.SSLContext | None = None  # the login server's, which the fake EWS may share
    _saved_ca: str | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return self.base + "/v1.0"

    @property
    def login_url(self) -> str:
        assert self.login_server is not None
        return f"https://127.0.0.1:{self.login_server.server_address[1]}/login"

    @property
    def sent(self) -> list[dict[str, Any]]:
        """The `message` of each sendMail Graph accepted or refused, in order."""
        return [r.body["message"] for r in self.requests if r.path.endswith("/sendMail")]

    def requests_to(self, method: str, contains: str) -> list[GraphRequest]:
        return [r for r in self.requests if r.method == method and contains in r.path]

    def deliver(self, message: dict[str, Any]) -> str:
        """Put a message in the inbox; return its Graph id."""
        self.messages[message["id"]] = message
        return str(message["id"])

    def fail_next(self, failure: GraphFailure, times: int = 1) -> None:
        self.failures.extend([failure] * times)

    def start(self) -> FakeGraph:
        self.server = _serve(_handler(self))
        self.ca_file, self.tls = _tls_context()
        self.login_server = _serve(_handler(self), self.tls)
        # requests (under MSAL) trusts the fake's certificate while it runs.
        self._saved_ca = os.environ.get("REQUESTS_CA_BUNDLE")
        os.environ["REQUESTS_CA_BUNDLE"] = self.ca_file
        return self

    def stop(self) -> None:
        if os.environ.get("REQUESTS_CA_BUNDLE") == self.ca_file:
            if self._saved_ca is None:
                os.environ.pop("REQUESTS_CA_BUNDLE", None)
            else:
                os.environ["REQUESTS_CA_BUNDLE"] = self._saved_ca
        for server in (self.server, self.login_server):
            if server is not None:
                server.shutdown()
                server.server_close()

    # --- answers --------------------------------------------------------------------------

    def answer(self, request: GraphRequest) -> tuple[int, Any, dict[str, str]]:
        with self._lock:
            self.requests.append(request)
            failure = next(
                (f for f in self.failures if f.path_contains in request.path), None
            )
            if failure is not None:
                self.failures.remove(failure)
        if failure is not None:
            time.sleep(failure.delay)
            error: dict[str, Any] = {"error": {"code": failure.code, "message": "x"}}
            if "/oauth2/" in request.path:  # the identity platform answers OAuth 2.0 errors
                error = {"error": failure.code, "error_description": "AADSTS7000215: x"}
            return failure.status, error, failure.headers
        if "/oauth2/v2.0/token" in request.path:
            return self._token(request)
        if request.path.endswith("/v2.0/.well-known/openid-configuration"):
            return self._openid(request)
        if request.headers.get("authorization") != f"Bearer token-{self.tokens_issued}":
            return 401, {"error": {"code": "InvalidAuthenticationToken", "message": "x"}}, {}
        return self._route(request)

    def _openid(self, request: GraphRequest) -> tuple[int, Any, dict[str, str]]:
        tenant = request.path.split("/")[2]
        base = f"{self.login_url}/{tenant}"
        return 200, {
            "token_endpoint": f"{base}/oauth2/v2.0/token",
            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
            "issuer": f"{base}/v2.0",
        }, {}

    def _token(self, request: GraphRequest) -> tuple[int, Any, dict[str, str]]:
        form = request.body
        assertion = form.get("client_assertion_type") == (
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        ) and form.get("client_assertion")
        if form.get("grant_type") != "client_credentials" or not (
            form.get("client_secret") or assertion
        ):
            return 400, {"error": "invalid_request"}, {}
        self.assertions.append(str(assertion or ""))
        self.scopes.append(str(form.get("scope", "")))
        self.tokens_issued += 1
        return 200, {"token_type": "Bearer", "expires_in": 3599,
                     "access_token": f"token-{self.tokens_issued}"}, {}

    def _route(self, request: GraphRequest) -> tuple[int, Any, dict[str, str]]:
        path, method = request.path, request.method
        prefix = f"/v1.0/users/{self.mailbox}"
        if method == "POST" and path == prefix + "/sendMail":
            headers = request.body["message"].get("internetMessageHeaders", [])
            if any(not h["name"].lower().startswith("x-") for h in headers):
                # Graph refuses the whole message for any header not starting x-.
                return 400, {"error": {"code": "InvalidInternetMessageHeader"}}, {}
            return 202, None, {}
        if method == "GET" and path == prefix + "/mailFolders/inbox/messages":
            return self._inbox(request)
        if method == "GET" and path.startswith(prefix + "/messages/"):
            found = self.messages.get(path.rsplit("/", 1)[1])
            if found is None:
                return 404, {"error": {"code": "ErrorItemNotFound", "message": "x"}}, {}
            return 200, found, {}
        if path == "/v1.0/subscriptions" and method == "POST":
            created = {**request.body, "id": str(uuid.uuid4())}
            self.subscriptions[created["id"]] = created
            return 201, created, {}
        if path.startswith("/v1.0/subscriptions/") and method == "PATCH":
            found = self.subscriptions.get(path.rsplit("/", 1)[1])
            if found is None:
                return 404, {"error": {"code": "ResourceNotFound", "message": "x"}}, {}
            found.update(request.body)
            return 200, found, {}
        return 400, {"error": {"code": "BadRequest", "message": "unknown path"}}, {}

    def _inbox(self, request: GraphRequest) -> tuple[int, Any, dict[str, str]]:
        since = request.query["$filter"].removeprefix("receivedDateTime ge ")
        cutoff = datetime.fromisoformat(since.replace("Z", "+00:00"))
        found = sorted(
            (m for m in self.messages.values()
             if datetime.fromisoformat(m["receivedDateTime"].replace("Z", "+00:00")) >= cutoff),
            key=lambda m: m["receivedDateTime"],
        )
        skip, top = int(request.query.get("$skip", "0")), int(request.query.get("$top", "10"))
        page = [{"id": m["id"], "receivedDateTime": m["receivedDateTime"]}
                for m in found[skip : skip + top]]
        body: dict[str, Any] = {"value": page}
        if skip + top < len(found):
            query = {**request.query, "$skip": str(skip + top)}
            body["@odata.nextLink"] = f"{self.api_url}{request.path[5:]}?{urlencode(query)}"
        return 200, body, {}


def _serve(
    handler: type[BaseHTTPRequestHandler], context: ssl.SSLContext | None = None
) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    return server


def _tls_context() -> tuple[str, ssl.SSLContext]:
    """A self-signed certificate for 127.0.0.1: (its PEM file, a server context)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1)).not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ip_address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tempfile.mkdtemp(prefix="fake-graph-tls-")
    cert_file, key_file = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    with open(cert_file, "wb") as out:
        out.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(key_file, "wb") as out:
        out.write(key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return cert_file, context


def _handler(fake: FakeGraph) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._handle("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._handle("POST")

        def do_PATCH(self) -> None:  # noqa: N802
            self._handle("PATCH")

        def _handle(self, method: str) -> None:
            split = urlsplit(self.path)
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length).decode() if length else ""
            if self.headers.get("Content-Type", "").startswith("application/json"):
                body: Any = json.loads(raw)
            else:
                body = {k: v[0] for k, v in parse_qs(raw).items()}
            request = GraphRequest(
                method=method,
                path=unquote(split.path),
                query={k: v[0] for k, v in parse_qs(split.query).items()},
                headers={k.lower(): v for k, v in self.headers.items()},
                body=body,
            )
            status, answer, headers = fake.answer(request)
            data = b"" if answer is None else json.dumps(answer).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a read-timeout test)

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in two writes: without this, Nagle's algorithm and
            # the client's delayed ACK hold every kept-alive answer back ~40 ms.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler
