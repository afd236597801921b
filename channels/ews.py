"""Exchange Web Services through exchangelib: the shared mailbox on Exchange Server.

One `EwsMailbox` per process. It syncs the inbox a page at a time (SyncFolderItems: the
caller keeps the opaque sync state, so a restart resumes where the last committed page
ended), keeps a pull subscription whose NewMail events say when to sync, fetches each
message's MIME content (parsed by `channels.email_mime`, the same rules as Graph mail),
and sends replies with the same headers Graph mail carries (our Message-ID, In-Reply-To,
References, X-Auto-Response-Suppress).

Every exchangelib and transport error is mapped here into our small error tree: a busy
server (ErrorServerBusy, with the back-off it asks for) and connection trouble are
`ChannelUnavailable`; a message or folder that is not there, or a refusal, is
`ChannelRejected`; a send whose answer never came is `DeliveryUnknown` (never resent).
Intake honours short back-offs in place (exchangelib's FaultTolerance, up to `max_wait`);
sending fails fast, so a retry can never send twice.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import quote

from exchangelib import (
    BASIC,
    DELEGATE,
    IMPERSONATION,
    NTLM,
    OAUTH2,
    Account,
    Configuration,
    Credentials,
    FailFast,
    FaultTolerance,
    Identity,
    Mailbox,
    Message,
    OAuth2Credentials,
)
from exchangelib import errors as ews_errors
from exchangelib.extended_properties import ExtendedProperty
from exchangelib.folders import Inbox
from exchangelib.items import ID_ONLY
from exchangelib.properties import FieldPath
from exchangelib.services import SyncFolderItems
from oauthlib.oauth2 import OAuth2Token

from channels.app_sign_in import AppSignIn
from channels.base import (
    ChannelError,
    ChannelRejected,
    ChannelUnavailable,
    DeliveryUnknown,
    OutboundMessage,
    PayloadInvalid,
    SendResult,
)
from channels.email_mime import parse_mime
from channels.ews_config import SYNC_PAGE, EwsConfig, SubscriptionGone, SyncStateInvalid
from channels.mail_rules import AUTO_RESPONSE_SUPPRESS, ParsedMail, our_message_id

logger = logging.getLogger(__name__)

AUTH_TYPES = {"ntlm": NTLM, "basic": BASIC, "oauth": OAUTH2}
ACCESS_TYPES = {"delegate": DELEGATE, "impersonation": IMPERSONATION}
EWS_SCOPE = "https://outlook.office365.com/.default"  # Exchange Online's EWS, app-only
FETCH_FIELDS = ("mime_content", "datetime_received", "conversation_id")
DEFAULT_SUBJECT = "Your message to us"
# Asked for as a refusal of this one request; retrying cannot help.
_REJECTED = (
    ews_errors.ErrorItemNotFound,
    ews_errors.ErrorInvalidIdMalformed,
    ews_errors.ErrorInvalidIdNotAnItemAttachmentId,
    ews_errors.ErrorAccessDenied,
    ews_errors.ErrorFolderNotFound,
    ews_errors.ErrorInvalidRecipients,
    ews_errors.ErrorMessageSizeExceeded,
    ews_errors.ErrorNonExistentMailbox,
    ews_errors.ErrorInvalidSubscription,
    ews_errors.ErrorSubscriptionNotFound,
    ews_errors.ErrorInvalidSyncStateData,
    ews_errors.ErrorInvalidWatermark,
    ews_errors.ErrorExpiredSubscription,
)
# A send that went on the wire and got no answer may have been delivered.
_UNANSWERED = ("ReadTimeout", "ChunkedEncodingError", "ConnectionResetError", "timed out")


class MsalCredentials(OAuth2Credentials):
    """App-only credentials for Exchange Online whose token comes from MSAL (our authority
    and token cache, as for Graph) instead of exchangelib's own request to Microsoft: each
    new session gets MSAL's current token, and an expired one is fetched again."""

    def __init__(self, sign_in: AppSignIn, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sign_in = sign_in

    def session_params(self) -> dict[str, Any]:
        return {"token": self._current()}

    def refresh(self, session: Any) -> None:
        self.on_token_auto_refreshed(self._current())

    def _current(self) -> OAuth2Token:
        token, expires_in = self.sign_in.token_with_expiry()
        return OAuth2Token({"access_token": token, "token_type": "Bearer",
                            "expires_in": expires_in, "expires_at": time.time() + expires_in})


class AutoResponseSuppress(ExtendedProperty):
    """The X-Auto-Response-Suppress internet header, set through its MAPI property (EWS
    has no field for arbitrary headers)."""

    distinguished_property_set_id = "InternetHeaders"
    property_name = AUTO_RESPONSE_SUPPRESS[0]
    property_type = "String"


@dataclass(frozen=True)
class SyncPage:
    """One SyncFolderItems page: new item ids (with received times) and the next state."""

    created: tuple[tuple[str, datetime | None], ...]
    sync_state: str
    last: bool


class EwsMailbox:
    """The few EWS operations the email channel needs, for one shared mailbox."""

    _registered: ClassVar[bool] = False
    _register_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, config: EwsConfig) -> None:
        self.config = config
        self.mailbox = config.mailbox.lower()
        self._accounts: dict[bool, Account] = {}
        self._msal: AppSignIn | None = None
        self._lock = threading.Lock()
        _register_headers()

    # --- intake ------------------------------------------------------------------------

    def sync_page(self, sync_state: str | None, page_size: int = SYNC_PAGE) -> SyncPage:
        """The next page of inbox changes after `sync_state` (None: from the start).

        Raises:
            SyncStateInvalid: the server refused the state; sync again from None.
        """
        with self._mapped("sync"):
            account = self.account()
            inbox = self._inbox(account)
            service = SyncFolderItems(account=account)
            fields = {FieldPath(field=Message.get_field_by_fieldname("datetime_received"))}
            changes = list(service.call(
                folder=inbox, shape=ID_ONLY, additional_fields=fields, sync_state=sync_state,
                ignore=None, max_changes_returned=page_size, sync_scope=None,
            ))
            created = tuple(
                (item.id, getattr(item, "datetime_received", None))
                for change, item in changes
                if change == SyncFolderItems.CREATE and getattr(item, "id", None)
            )
            return SyncPage(created, service.sync_state, bool(service.includes_last_item_in_range))

    def subscribe(self) -> tuple[str, str]:
        """A new pull subscription to the inbox's new mail: (subscription id, watermark)."""
        with self._mapped("subscribe"):
            subscription_id, watermark = self._inbox(self.account()).subscribe_to_pull(
                event_types=("NewMailEvent", "CreatedEvent"), timeout=60
            )
            return str(subscription_id), str(watermark)

    def new_mail(self, subscription_id: str, watermark: str) -> tuple[bool, str]:
        """Whether mail arrived since `watermark`, and the watermark to ask from next.

        Raises:
            SubscriptionGone: expired or unknown; subscribe again.
        """
        with self._mapped("events"):
            arrived, newest = False, watermark
            for notification in self._inbox(self.account()).get_events(subscription_id, watermark):
                for event in notification.events:
                    newest = getattr(event, "watermark", None) or newest
                    if type(event).__name__ in ("NewMailEvent", "CreatedEvent"):
                        arrived = True
            return arrived, newest

    def fetch(self, item_id: str, now: datetime) -> ParsedMail:
        """One message, parsed into the normalised email message."""
        found = self.fetch_many([item_id], now)[item_id]
        if isinstance(found, Exception):
            raise found
        return found

    def fetch_many(
        self, item_ids: Sequence[str], now: datetime
    ) -> dict[str, ParsedMail | ChannelError | PayloadInvalid]:
        """A page of messages in one GetItem, each parsed, or the error for that one
        message (gone, refused, unreadable MIME): one bad message never fails the page.

        Raises:
            ChannelUnavailable: Exchange could not be asked at all (busy, down).
        """
        with self._mapped("fetch"):
            found = list(self.account().fetch(
                ids=[(item_id, None) for item_id in item_ids], only_fields=FETCH_FIELDS))
        parsed: dict[str, ParsedMail | ChannelError | PayloadInvalid] = {}
        for item_id, item in zip(item_ids, found + [None] * (len(item_ids) - len(found)),
                                 strict=True):
            try:
                parsed[item_id] = self._parsed(item_id, item, now)
            except (ChannelError, PayloadInvalid) as error:
                parsed[item_id] = error
        return parsed

    def _parsed(self, item_id: str, item: Any, now: datetime) -> ParsedMail:
        if isinstance(item, Exception):
            raise _mapped_error(item, "fetch")
        mime = getattr(item, "mime_content", None)
        if item is None or not isinstance(mime, bytes | str):
            raise PayloadInvalid("the message has no MIME content")
        stamp = getattr(item, "datetime_received", None)
        received = datetime.fromtimestamp(stamp.timestamp(), UTC) if stamp else now
        conversation = getattr(getattr(item, "conversation_id", None), "id", None)
        return parse_mime(
            mime.encode() if isinstance(mime, str) else mime,
            mailbox=self.mailbox,
            received_at=received,
            attachment_base=f"ews:{quote(self.mailbox, safe='@')}/items/{quote(item_id, safe='')}",
            thread_key=conversation,
            raw={"ews_item_id": item_id},
        )

    def check(self) -> int:
        """Reach the server, sign in and open the inbox; how many items it holds."""
        with self._mapped("check"):
            inbox = self._inbox(self.account())
            inbox.refresh()
            return int(inbox.total_count or 0)

    # --- sending -----------------------------------------------------------------------

    def send(self, message: OutboundMessage) -> SendResult:
        """Send one plain-text email from the shared mailbox, saved to Sent Items."""
        message_id = our_message_id(message.idempotency_key, self.mailbox)
        metadata = message.metadata
        references = " ".join(metadata.get("references") or ()) or None
        with self._mapped("send"):
            account = self.account(sending=True)
            mail = Message(
                account=account,
                subject=str(metadata.get("subject") or DEFAULT_SUBJECT),
                body=message.body,
                to_recipients=[Mailbox(email_address=message.recipient)],
                message_id=message_id,
                in_reply_to=str(metadata["in_reply_to"]) if metadata.get("in_reply_to") else None,
                references=references,
            )
            mail.auto_response_suppress = AUTO_RESPONSE_SUPPRESS[1]
            mail.send(save_copy=True)
        return SendResult(provider_message_id=message_id, status="sent")

    # --- plumbing ----------------------------------------------------------------------

    def account(self, *, sending: bool = False) -> Account:
        """The exchangelib account (built once; sending has its own, fail-fast)."""
        with self._lock:
            if sending not in self._accounts:
                self._accounts[sending] = self._connect(sending)
            return self._accounts[sending]

    def _connect(self, sending: bool) -> Account:
        config = self.config
        policy = FailFast() if sending else FaultTolerance(max_wait=config.max_wait)
        credentials: Any
        if config.auth_type == "oauth":
            credentials = MsalCredentials(
                self._sign_in(), client_id=config.client_id, client_secret=config.client_secret,
                tenant_id=config.tenant_id, identity=Identity(primary_smtp_address=self.mailbox),
            )
        else:
            credentials = Credentials(config.username or "", config.password or "")
        # exchangelib shares one protocol (with its retry policy) per endpoint and equal
        # credentials; credentials that differ in purpose keep sending fail-fast.
        credentials.purpose = "send" if sending else "intake"
        if config.autodiscover:
            account = Account(
                self.mailbox, credentials=credentials, autodiscover=True,
                access_type=ACCESS_TYPES[config.access_type],
            )
        else:
            server = config.server or ""
            where = {"service_endpoint": server} if "://" in server else {"server": server}
            configuration = Configuration(
                credentials=credentials, auth_type=AUTH_TYPES[config.auth_type],
                retry_policy=policy, max_connections=2, **where,
            )
            account = Account(
                self.mailbox, config=configuration, autodiscover=False,
                access_type=ACCESS_TYPES[config.access_type],
            )
        account.protocol.TIMEOUT = config.timeout
        return account

    def _sign_in(self) -> AppSignIn:
        """One MSAL application (and token cache) for the intake and sending accounts."""
        if self._msal is None:
            config = self.config
            self._msal = AppSignIn(
                tenant_id=config.tenant_id or "", client_id=config.client_id or "",
                client_secret=config.client_secret, login_base_url=config.login_base_url,
                scope=EWS_SCOPE, timeout=config.timeout, name="Exchange",
            )
        return self._msal

    def _inbox(self, account: Account) -> Inbox:
        return account.inbox

    @contextmanager
    def _mapped(self, action: str) -> Iterator[None]:
        try:
            yield
        except ChannelError:
            raise
        except PayloadInvalid:
            raise
        except Exception as error:  # exchangelib raises many unrelated classes
            raise _mapped_error(error, action) from error


class EwsMailTransport:
    """Sends plain-text email from the shared mailbox through Exchange (EWS)."""

    name = "ews"

    def __init__(self, mailbox: EwsMailbox) -> None:
        self.mailbox = mailbox

    def send(self, message: OutboundMessage) -> SendResult:
        """Send one email; raise ChannelUnavailable, ChannelRejected or DeliveryUnknown."""
        return self.mailbox.send(message)


def _mapped_error(error: Exception, action: str) -> ChannelError:
    """Our error for an exchangelib or transport error; names classes and codes only
    (exchangelib's messages can quote addresses)."""
    name = type(error).__name__
    text = str(error)
    if _refused_sign_in(error):
        # exchangelib takes a 401 for throttling and backs off before giving up.
        return ChannelUnavailable("Exchange refused our credentials (HTTP 401)",
                                  code="UnauthorizedError")
    if isinstance(error, ews_errors.ErrorServerBusy):
        return ChannelUnavailable(
            "Exchange is busy (ErrorServerBusy)", code=name, retry_after=error.back_off
        )
    if isinstance(error, ews_errors.RateLimitError):
        return ChannelUnavailable(
            "Exchange asked us to back off", code=name, retry_after=getattr(error, "wait", None)
        )
    if isinstance(error, ews_errors.ErrorInvalidSyncStateData):
        return SyncStateInvalid("Exchange refused the folder sync state", code=name)
    if isinstance(error, ews_errors.ErrorSubscriptionNotFound | ews_errors.ErrorExpiredSubscription
                  | ews_errors.ErrorInvalidSubscription | ews_errors.ErrorInvalidWatermark):
        return SubscriptionGone("Exchange no longer knows the subscription", code=name)
    if isinstance(error, _REJECTED):
        return ChannelRejected(f"Exchange refused the {action} [{name}]", code=name)
    unanswered = any(marker in text for marker in _UNANSWERED)
    if action == "send" and unanswered and isinstance(error, ews_errors.ErrorTimeoutExpired):
        return DeliveryUnknown("Exchange did not answer the send; outcome unknown", code=name)
    if isinstance(error, ews_errors.UnauthorizedError):
        return ChannelUnavailable("Exchange refused our credentials", code=name)
    logger.warning("ews %s failed error=%s", action, name)
    return ChannelUnavailable(f"Exchange unavailable for {action} ({name})", code=name)


def _refused_sign_in(error: BaseException | None) -> bool:
    """Whether exchangelib's error (or one it was raised from) was an HTTP 401."""
    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, ews_errors.ErrorServerBusy) and "HTTP 401" in str(error):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _register_headers() -> None:
    """Teach exchangelib's Message the X-Auto-Response-Suppress header, once per process."""
    with EwsMailbox._register_lock:
        if not EwsMailbox._registered:
            Message.register("auto_response_suppress", AutoResponseSuppress)
            EwsMailbox._registered = True
