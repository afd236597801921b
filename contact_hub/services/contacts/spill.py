"""No text or call lost while the database is down: the spill.

Twilio does not retry an SMS webhook that fails. While PostgreSQL is unreachable, the SMS
and voice webhooks keep the signed raw request (URL, form body, X-Twilio-Signature, when it
arrived) in a Redis stream and answer as they normally would; `replay` (every worker, on
the sweeper's timer) stores the requests, oldest first, once the database answers again.
Replaying is idempotent: contacts are keyed on the provider's MessageSid/CallSid, so a
request replayed twice (or spilled after Twilio's own retry) is stored once.

Why a Redis stream and not a journal file under CONTACT_HUB_HOME: every web process on
every host writes to the same stream, and any worker replays it; a file would be local
to one web host (lost with an ephemeral container disk, and replayable only there).
Redis must keep its data (append-only file, `appendfsync everysec` at least; the embedded
Redis of `serve` runs with `--appendonly yes`). When Redis is down too the webhook answers
503 and Twilio calls the fallback URL, if one is configured.

Every replayed request's signature is checked again: a forged stream entry (someone with
Redis access) is moved to `contact-hub:spill:rejected`, never stored as a contact.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from redis import Redis
from werkzeug.datastructures import MultiDict

from channels import twilio_sms
from channels.base import PayloadInvalid, SignatureInvalid
from contact_hub.clock import Clock

logger = logging.getLogger(__name__)

STREAM = "contact-hub:spill"
REJECTED = "contact-hub:spill:rejected"
LOCK = "contact-hub:spill:replaying"
LOCK_SECONDS = 120
BATCH = 100

# kind -> handler(form, query, received_at): store the request as its webhook would have.
Handler = Callable[[MultiDict[str, str], Mapping[str, str], datetime], object]


@dataclass(frozen=True)
class SpilledRequest:
    """A verified webhook request, exactly as signed."""

    kind: str  # which webhook: sms, voice_emergency, voice_recorded, voice_recording, ...
    url: str  # the URL Twilio signed (PUBLIC_BASE_URL + path + query)
    body: str  # the form body, urlencoded, as received
    signature: str
    received_at: datetime
    key: str  # MessageSid / CallSid / RecordingSid, for the log


class Spill:
    """Keeps webhook requests in Redis while the database is down, and replays them."""

    def __init__(
        self, redis: Redis, auth_token: str | None, clock: Clock,
        handlers: Mapping[str, Handler] | None = None,
    ) -> None:
        self.redis = redis
        self.auth_token = auth_token
        self.clock = clock
        self.handlers: dict[str, Handler] = dict(handlers or {})

    def keep(self, request: SpilledRequest) -> None:
        """Append `request` to the stream; raises RedisError if Redis is down too."""
        self.redis.xadd(STREAM, {
            "kind": request.kind, "url": request.url, "body": request.body,
            "signature": request.signature, "received_at": request.received_at.isoformat(),
            "key": request.key,
        })
        logger.error("database unavailable: webhook request spilled kind=%s key=%s",
                     request.kind, request.key)

    def waiting(self) -> int:
        return int(self.redis.xlen(STREAM))

    def replay(self) -> int:
        """Store spilled requests, oldest first; return how many. Stops at the first
        database error (still down: the rest waits for the next run). One replayer at a
        time (a Redis lock), so the order holds."""
        token = uuid.uuid4().hex
        if not self.redis.set(LOCK, token, nx=True, ex=LOCK_SECONDS):
            return 0
        done = 0
        try:
            while entries := self.redis.xrange(STREAM, "-", "+", count=BATCH):
                for entry_id, raw in entries:
                    assert entry_id is not None
                    fields = {_text(k): _text(v) for k, v in (raw or {}).items()}
                    self._one(fields)  # a database error propagates: try again next run
                    self.redis.xdel(STREAM, entry_id)
                    done += 1
        finally:
            if _text(self.redis.get(LOCK) or b"") == token:
                self.redis.delete(LOCK)
            if done:
                logger.warning("spilled webhook requests stored count=%s", done)
        return done

    def _one(self, fields: dict[str, str]) -> None:
        form = MultiDict(parse_qsl(fields.get("body", ""), keep_blank_values=True))
        query = dict(parse_qsl(urlsplit(fields.get("url", "")).query, keep_blank_values=True))
        handler = self.handlers.get(fields.get("kind", ""))
        try:
            if handler is None:
                raise PayloadInvalid("unknown kind of spilled request")
            twilio_sms.verify_signature(self.auth_token, fields.get("url", ""), form,
                                        fields.get("signature", ""))
            handler(form, query, datetime.fromisoformat(fields["received_at"]))
        except (SignatureInvalid, PayloadInvalid, KeyError, ValueError) as error:
            rejected: dict[Any, Any] = {**fields, "error": type(error).__name__}
            self.redis.xadd(REJECTED, rejected)
            logger.error("spilled request rejected kind=%s error=%s", fields.get("kind"),
                         type(error).__name__)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
