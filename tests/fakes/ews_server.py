"""A local Exchange Web Services (EWS) server: the SOAP that exchangelib sends, answered
with well-formed EWS responses, so exchangelib talks to it unchanged.

Understood operations (each request's `Body` child): ConvertId (exchangelib's version
probe: answered with an error and the `ServerVersionInfo` header, as Exchange does),
GetFolder (the root and inbox by distinguished id), SyncFolderItems (ids only, paged by
`MaxChangesReturned`, sync state opaque to the client), GetItem (the fields in
`UNDERSTOOD_ITEM_FIELDS`), Subscribe (pull), GetEvents, Unsubscribe and CreateItem
(`SendAndSaveCopy`). Anything else, or an item field it does not know, is answered with a
SOAP fault and recorded in `not_understood`: the contract test fails on any such request.

Requests need credentials, as `auth` says: HTTP Basic (`username`/`password`), NTLM (the
three-message handshake on a kept-alive connection, checked by pyspnego's NTLM acceptor
against `username`/`password`: the connection is signed in, as IIS does), or an OAuth
bearer token that `bearer_ok` accepts (one MSAL got from the fake Graph's authority).
Others get 401 with the scheme's challenge.
`fail_next` answers the next matching requests with a SOAP fault (e.g. ErrorServerBusy with
a back-off), a response-message error (ErrorItemNotFound...) or an HTTP status.
"""

from __future__ import annotations

import base64
import os
import socket
import ssl
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape

import spnego
from lxml import etree
from spnego.exceptions import SpnegoError

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
M = "http://schemas.microsoft.com/exchange/services/2006/messages"
T = "http://schemas.microsoft.com/exchange/services/2006/types"
ERRORS = "http://schemas.microsoft.com/exchange/services/2006/errors"
ROOT_ID, INBOX_ID, SENT_ID = "AQMkRoot=", "AQMkInbox=", "AQMkSent="
FOLDERS = {"root": (ROOT_ID, "Root"), "msgfolderroot": (ROOT_ID, "Root"),
           "inbox": (INBOX_ID, "Inbox"), "sentitems": (SENT_ID, "Sent Items")}
UNDERSTOOD_ITEM_FIELDS = frozenset({
    "item:MimeContent", "item:DateTimeReceived", "item:ConversationId", "item:Subject",
    "message:InternetMessageId",
})
UNDERSTOOD = frozenset({
    "ConvertId", "GetFolder", "SyncFolderItems", "GetItem", "Subscribe", "GetEvents",
    "Unsubscribe", "CreateItem",
})


@dataclass
class EwsFailure:
    """How to fail the next request for `operation` ("" for any)."""

    code: str = "ErrorServerBusy"
    operation: str = ""
    back_off_ms: int | None = None  # ErrorServerBusy's BackOffMilliseconds
    http_status: int | None = None  # answer with this status and no SOAP at all
    in_message: bool = False  # a ResponseClass="Error" message instead of a SOAP fault
    delay: float = 0.0  # answer only after this long (a read timeout), then as usual


@dataclass(frozen=True)
class EwsRequest:
    operation: str
    body: bytes
    understood: bool


@dataclass
class StoredItem:
    item_id: str
    mime: bytes
    received: datetime
    conversation_id: str


@dataclass
class FakeEws:
    """Start with `start()`; exchangelib's `service_endpoint` is `url`."""

    mailbox: str = "housing@magna.example"
    username: str = "MAGNA\\svc-contacthub"
    password: str = "ews-password-value"
    server_build: tuple[int, int, int, int] = (15, 2, 1544, 4)  # Exchange Server 2019 CU14
    items: dict[str, StoredItem] = field(default_factory=dict)
    arrivals: list[str] = field(default_factory=list)  # item ids in inbox order
    sent: list[etree._Element] = field(default_factory=list)  # each sent t:Message
    requests: list[EwsRequest] = field(default_factory=list)
    failures: list[EwsFailure] = field(default_factory=list)
    subscriptions: dict[str, int] = field(default_factory=dict)  # id -> arrivals seen
    keep_requests: bool = True  # off in the benchmark, which sends tens of thousands
    auth: str = "basic"  # basic | ntlm | bearer
    bearer_ok: Callable[[str], bool] | None = None  # which bearer tokens are valid
    ntlm_sign_ins: int = 0  # NTLM handshakes completed (one per connection)
    refused: int = 0  # requests answered 401
    tls: ssl.SSLContext | None = None  # serve HTTPS (OAuth demands it) with this context
    _ntlm_file: str = ""
    _saved_ntlm_file: str | None = None
    server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        assert self.server is not None
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self.server.server_address[1]}/EWS/Exchange.asmx"

    @property
    def not_understood(self) -> list[EwsRequest]:
        return [request for request in self.requests if not request.understood]

    def operations(self, name: str) -> list[EwsRequest]:
        return [request for request in self.requests if request.operation == name]

    def deliver(self, mime: bytes, received: datetime | None = None) -> str:
        """Put a message (RFC 5322 bytes) in the inbox; return its EWS item id."""
        item_id = base64.b64encode(f"item-{uuid.uuid4()}".encode()).decode()
        with self._lock:
            self.items[item_id] = StoredItem(
                item_id, mime, received or datetime.now(UTC), f"conv-{len(self.arrivals)}"
            )
            self.arrivals.append(item_id)
        return item_id

    def fail_next(self, failure: EwsFailure, times: int = 1) -> None:
        self.failures.extend([failure] * times)

    def start(self) -> FakeEws:
        if self.auth == "ntlm":  # pyspnego's NTLM acceptor reads the accounts from a file
            domain, _, user = self.username.rpartition("\\")
            handle, self._ntlm_file = tempfile.mkstemp(prefix="fake-ews-ntlm-")
            with os.fdopen(handle, "w") as out:
                out.write(f"{domain}:{user}:{self.password}\n")
            self._saved_ntlm_file = os.environ.get("NTLM_USER_FILE")
            os.environ["NTLM_USER_FILE"] = self._ntlm_file
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        if self.tls is not None:
            self.server.socket = self.tls.wrap_socket(self.server.socket, server_side=True)
        self.server.daemon_threads = True
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        if self._ntlm_file:
            if os.environ.get("NTLM_USER_FILE") == self._ntlm_file:
                if self._saved_ntlm_file is None:
                    os.environ.pop("NTLM_USER_FILE", None)
                else:
                    os.environ["NTLM_USER_FILE"] = self._saved_ntlm_file
            os.unlink(self._ntlm_file)
            self._ntlm_file = ""

    # --- answers ------------------------------------------------------------------------

    def authorised(self, header: str | None) -> bool:
        """Basic or bearer credentials (NTLM signs in the connection: see the handler)."""
        if self.auth == "bearer":
            token = (header or "").removeprefix("Bearer ")
            return bool(header and header.startswith("Bearer ") and self.bearer_ok
                        and self.bearer_ok(token))
        expected = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        return header == f"Basic {expected}"

    def challenge(self) -> str:
        return {"ntlm": "NTLM", "bearer": 'Bearer realm="fake-ews"'}.get(
            self.auth, 'Basic realm="fake-ews"')

    def answer(self, body: bytes) -> tuple[int, bytes]:
        try:
            envelope = etree.fromstring(body)
            operation_element = envelope.find(f"{{{SOAP}}}Body")[0]  # type: ignore[index]
        except (etree.XMLSyntaxError, TypeError, IndexError):
            self._log("(not SOAP)", body, understood=False)
            return 500, _fault("ErrorSchemaValidation", "not a SOAP envelope")
        operation = etree.QName(operation_element).localname
        version = _requested_version(envelope)
        failure = self._failure(operation)
        if failure is not None and failure.delay:
            answer = self._answer(operation_element, operation, body, version, None)
            time.sleep(failure.delay)  # the client gives up; what it asked is still done
            return answer
        return self._answer(operation_element, operation, body, version, failure)

    def _answer(
        self, operation_element: etree._Element, operation: str, body: bytes, version: str,
        failure: EwsFailure | None,
    ) -> tuple[int, bytes]:
        if failure is not None and not failure.in_message:
            self._log(operation, body, understood=True)
            if failure.http_status:
                return failure.http_status, b""
            return 500, _fault(failure.code, "injected", failure.back_off_ms)
        handler = getattr(self, f"_{operation}", None)
        problem = None if handler is None else _unknown_fields(operation_element)
        understood = operation in UNDERSTOOD and handler is not None and not problem
        self._log(operation, body, understood=understood)
        if not understood:
            reason = problem or f"the fake does not implement {operation}"
            return 500, _fault("ErrorInvalidRequest", reason)
        if failure is not None:
            return 200, self._envelope(version, _error_response(operation, failure.code))
        assert handler is not None
        return 200, self._envelope(version, handler(operation_element))

    def _failure(self, operation: str) -> EwsFailure | None:
        with self._lock:
            found = next(
                (f for f in self.failures if f.operation in ("", operation)), None
            )
            if found is not None:
                self.failures.remove(found)
            return found

    def _log(self, operation: str, body: bytes, *, understood: bool) -> None:
        if self.keep_requests or not understood:
            self.requests.append(EwsRequest(operation, body, understood))

    def _envelope(self, version: str, response: str) -> bytes:
        major, minor, build, revision = self.server_build
        return (
            '<?xml version="1.0" encoding="utf-8"?>'
            f'<s:Envelope xmlns:s="{SOAP}"><s:Header>'
            f'<h:ServerVersionInfo xmlns:h="{T}" MajorVersion="{major}" MinorVersion="{minor}" '
            f'MajorBuildNumber="{build}" MinorBuildNumber="{revision}" Version="{version}"/>'
            f'</s:Header><s:Body xmlns:m="{M}" xmlns:t="{T}">{response}</s:Body></s:Envelope>'
        ).encode()

    # --- operations -------------------------------------------------------------------

    def _ConvertId(self, _request: etree._Element) -> str:  # noqa: N802 - EWS's names
        # exchangelib sends a dummy id to learn the server's version from the header.
        return _error_response("ConvertId", "ErrorInvalidIdMalformed")

    def _GetFolder(self, request: etree._Element) -> str:  # noqa: N802
        folders = []
        for wanted in request.iter(f"{{{T}}}DistinguishedFolderId", f"{{{T}}}FolderId"):
            key = wanted.get("Id", "")
            folder_id, name = FOLDERS.get(key) or next(
                ((fid, n) for fid, n in FOLDERS.values() if fid == key), ("", "")
            )
            if not folder_id:
                return _error_response("GetFolder", "ErrorFolderNotFound")
            folders.append(
                f'<t:Folder><t:FolderId Id="{folder_id}" ChangeKey="AQAAAA=="/>'
                f'<t:ParentFolderId Id="{ROOT_ID}" ChangeKey="AQAAAA=="/>'
                f"<t:FolderClass>IPF.Note</t:FolderClass><t:DisplayName>{name}</t:DisplayName>"
                f"<t:TotalCount>{len(self.arrivals)}</t:TotalCount>"
                "<t:ChildFolderCount>0</t:ChildFolderCount><t:UnreadCount>0</t:UnreadCount>"
                "</t:Folder>"
            )
        return _success("GetFolder", "<m:Folders>" + "".join(folders) + "</m:Folders>")

    def _SyncFolderItems(self, request: etree._Element) -> str:  # noqa: N802
        state = request.findtext(f"{{{M}}}SyncState") or ""
        start = _sync_position(state)
        if start is None:
            return _error_response("SyncFolderItems", "ErrorInvalidSyncStateData")
        limit = int(request.findtext(f"{{{M}}}MaxChangesReturned") or "100")
        with self._lock:
            page = self.arrivals[start : start + limit]
            last = start + len(page) >= len(self.arrivals)
        wanted = {uri.get("FieldURI") for uri in request.iter(f"{{{T}}}FieldURI")}
        wanted.discard("item:MimeContent")  # EWS refuses MIME content in a sync
        changes = "".join(
            f"<t:Create>{_item_xml(self.items[item_id], wanted)}</t:Create>" for item_id in page
        )
        new_state = base64.b64encode(f"sync:{start + len(page)}".encode()).decode()
        return _success(
            "SyncFolderItems",
            f"<m:SyncState>{new_state}</m:SyncState>"
            f"<m:IncludesLastItemInRange>{'true' if last else 'false'}"
            f"</m:IncludesLastItemInRange><m:Changes>{changes}</m:Changes>",
        )

    def _GetItem(self, request: etree._Element) -> str:  # noqa: N802
        wanted = {uri.get("FieldURI") for uri in request.iter(f"{{{T}}}FieldURI")}
        messages = []
        for item_ref in request.iter(f"{{{T}}}ItemId"):
            found = self.items.get(item_ref.get("Id", ""))
            if found is None:
                messages.append(_error_message("GetItem", "ErrorItemNotFound"))
                continue
            messages.append(_message("GetItem", _item_xml(found, wanted), "Items"))
        return f"<m:GetItemResponse><m:ResponseMessages>{''.join(messages)}" \
               "</m:ResponseMessages></m:GetItemResponse>"

    def _Subscribe(self, request: etree._Element) -> str:  # noqa: N802
        if request.find(f"{{{M}}}PullSubscriptionRequest") is None:
            return _error_response("Subscribe", "ErrorInvalidSubscriptionRequest")
        subscription_id = base64.b64encode(f"sub-{uuid.uuid4()}".encode()).decode()
        with self._lock:
            self.subscriptions[subscription_id] = len(self.arrivals)
        watermark = _watermark(len(self.arrivals))
        return _success(
            "Subscribe",
            f"<m:SubscriptionId>{subscription_id}</m:SubscriptionId>"
            f"<m:Watermark>{watermark}</m:Watermark>",
        )

    def _GetEvents(self, request: etree._Element) -> str:  # noqa: N802
        subscription_id = request.findtext(f"{{{M}}}SubscriptionId") or ""
        with self._lock:
            seen = self.subscriptions.get(subscription_id)
            if seen is None:
                return _error_response("GetEvents", "ErrorSubscriptionNotFound")
            new = self.arrivals[seen:]
            self.subscriptions[subscription_id] = len(self.arrivals)
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        events = "".join(
            f"<t:NewMailEvent><t:Watermark>{_watermark(seen + n + 1)}</t:Watermark>"
            f'<t:TimeStamp>{stamp}</t:TimeStamp><t:ItemId Id="{item_id}" ChangeKey="CQ=="/>'
            f'<t:ParentFolderId Id="{INBOX_ID}" ChangeKey="AQ=="/></t:NewMailEvent>'
            for n, item_id in enumerate(new)
        ) or (
            f"<t:StatusEvent><t:Watermark>{_watermark(seen)}</t:Watermark></t:StatusEvent>"
        )
        return _success(
            "GetEvents",
            f"<m:Notification><t:SubscriptionId>{subscription_id}</t:SubscriptionId>"
            f"<t:PreviousWatermark>{_watermark(seen)}</t:PreviousWatermark>"
            f"<t:MoreEvents>false</t:MoreEvents>{events}</m:Notification>",
        )

    def _Unsubscribe(self, request: etree._Element) -> str:  # noqa: N802
        with self._lock:
            self.subscriptions.pop(request.findtext(f"{{{M}}}SubscriptionId") or "", None)
        return _success("Unsubscribe", "")

    def _CreateItem(self, request: etree._Element) -> str:  # noqa: N802
        if request.get("MessageDisposition") != "SendAndSaveCopy":
            return _error_response("CreateItem", "ErrorInvalidRequest")
        for message in request.iter(f"{{{T}}}Message"):
            self.sent.append(message)
        return _success("CreateItem", "<m:Items/>")


# --- XML pieces -----------------------------------------------------------------------------


def _requested_version(envelope: etree._Element) -> str:
    found = envelope.find(f"{{{SOAP}}}Header/{{{T}}}RequestServerVersion")
    return found.get("Version", "Exchange2016") if found is not None else "Exchange2016"


def _unknown_fields(operation: etree._Element) -> str | None:
    """A GetItem/SyncFolderItems field the fake would silently leave out, named."""
    for uri in operation.iter(f"{{{T}}}FieldURI"):
        if uri.get("FieldURI") not in UNDERSTOOD_ITEM_FIELDS and etree.QName(
            operation
        ).localname in ("GetItem", "SyncFolderItems"):
            return f"field {uri.get('FieldURI')} is not understood"
    for extended in operation.iter(f"{{{T}}}ExtendedFieldURI"):
        if etree.QName(operation).localname == "GetItem":
            return f"extended field {dict(extended.attrib)} is not understood"
    return None


def _item_xml(item: StoredItem, wanted: set[str | None]) -> str:
    parts = [f'<t:ItemId Id="{item.item_id}" ChangeKey="CQAAAA=="/>']
    if "item:MimeContent" in wanted:
        mime = base64.b64encode(item.mime).decode()
        parts.append(f'<t:MimeContent CharacterSet="UTF-8">{mime}</t:MimeContent>')
    if "item:DateTimeReceived" in wanted:
        stamp = item.received.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        parts.append(f"<t:DateTimeReceived>{stamp}</t:DateTimeReceived>")
    if "item:ConversationId" in wanted:
        parts.append(f'<t:ConversationId Id="{item.conversation_id}"/>')
    return "<t:Message>" + "".join(parts) + "</t:Message>"


def _message(operation: str, content: str, container: str | None = None) -> str:
    inner = f"<m:{container}>{content}</m:{container}>" if container else content
    return (
        f'<m:{operation}ResponseMessage ResponseClass="Success">'
        f"<m:ResponseCode>NoError</m:ResponseCode>{inner}</m:{operation}ResponseMessage>"
    )


def _success(operation: str, content: str) -> str:
    return (
        f"<m:{operation}Response><m:ResponseMessages>{_message(operation, content)}"
        f"</m:ResponseMessages></m:{operation}Response>"
    )


def _error_message(operation: str, code: str) -> str:
    # Exchange keeps a sync response's own elements, empty, in its error messages.
    extra = (
        "<m:SyncState/><m:IncludesLastItemInRange>true</m:IncludesLastItemInRange>"
        if operation == "SyncFolderItems" else ""
    )
    return (
        f'<m:{operation}ResponseMessage ResponseClass="Error">'
        f"<m:MessageText>{escape(code)} (fake)</m:MessageText>"
        f"<m:ResponseCode>{code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>"
        f"{extra}</m:{operation}ResponseMessage>"
    )


def _error_response(operation: str, code: str) -> str:
    return (
        f"<m:{operation}Response><m:ResponseMessages>{_error_message(operation, code)}"
        f"</m:ResponseMessages></m:{operation}Response>"
    )


def _fault(code: str, message: str, back_off_ms: int | None = None) -> bytes:
    back_off = (
        f'<t:MessageXml xmlns:t="{T}"><t:Value Name="BackOffMilliseconds">{back_off_ms}'
        "</t:Value></t:MessageXml>"
        if back_off_ms is not None
        else ""
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<s:Envelope xmlns:s="{SOAP}"><s:Body><s:Fault>'
        f'<faultcode xmlns:a="{ERRORS}">a:{code}</faultcode>'
        f"<faultstring xml:lang=\"en-US\">{escape(message)}</faultstring>"
        f'<detail><e:ResponseCode xmlns:e="{ERRORS}">{code}</e:ResponseCode>'
        f'<e:Message xmlns:e="{ERRORS}">{escape(message)}</e:Message>{back_off}</detail>'
        "</s:Fault></s:Body></s:Envelope>"
    ).encode()


def _sync_position(state: str) -> int | None:
    if not state:
        return 0
    try:
        kind, _, number = base64.b64decode(state, validate=True).decode().partition(":")
        return int(number) if kind == "sync" else None
    except (ValueError, UnicodeDecodeError):
        return None


def _watermark(position: int) -> str:
    return base64.b64encode(f"mark:{position}".encode()).decode()


def _handler(fake: FakeEws) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as exchangelib's session pool expects

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length) if length else b""
            header = self.headers.get("Authorization")
            signed_in = (self._ntlm(header) if fake.auth == "ntlm"
                         else fake.authorised(header))
            if signed_in is None:
                return  # an NTLM challenge went out: the client answers it
            if not signed_in:
                fake.refused += 1
                self._send(401, b"", {"WWW-Authenticate": fake.challenge()})
                return
            status, answer = fake.answer(body)
            self._send(status, answer, {"Content-Type": "text/xml; charset=utf-8"})

        def _send(self, status: int, data: bytes, headers: dict[str, str]) -> None:
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _ntlm(self, header: str | None) -> bool | None:
            """True once this connection is signed in; None after sending a challenge;
            False when refused."""
            if self.ntlm_signed_in:
                return True
            if not header or not header.startswith("NTLM "):
                return False
            try:
                token = base64.b64decode(header[5:], validate=True)
                if token[8:12] == b"\x01\x00\x00\x00":  # NEGOTIATE: a new handshake
                    self.ntlm = spnego.server(protocol="ntlm")
                if self.ntlm is None:
                    return False
                answer = self.ntlm.step(token)
            except (ValueError, SpnegoError):
                self.ntlm = None
                return False
            if self.ntlm.complete:
                self.ntlm_signed_in = True
                fake.ntlm_sign_ins += 1
                return True
            challenge = base64.b64encode(answer or b"").decode()
            self._send(401, b"", {"WWW-Authenticate": f"NTLM {challenge}"})
            return None

        def setup(self) -> None:
            super().setup()
            self.ntlm: Any = None  # this connection's NTLM handshake
            self.ntlm_signed_in = False
            # Headers and body go out in two writes: without this, Nagle's algorithm and
            # the client's delayed ACK hold every kept-alive answer back ~40 ms.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler

