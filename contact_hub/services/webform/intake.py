"""Taking in one web form submission.

Per client address, at most WEB_FORM_PER_HOUR sends an hour (counted in Redis, the
address only as a hash). Uploads are photos or PDFs, judged by their content, each at
most MEDIA_MAX_BYTES; they are staged in the file store and kept by the media job like
any other channel's media. The message is then received like a Meta or email message:
stored first, an emergency's safety advice queued at once for the resident's email or
text (and returned so the page shows it straight away), routing in a job.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from redis import Redis
from redis.exceptions import RedisError

import routing
from channels.base import Attachment
from channels.web_form import WebFormSubmission, parse_submission
from contact_hub.clock import Clock
from contact_hub.domain.contacts import replies
from contact_hub.domain.contacts.types import Category
from contact_hub.services.contacts.inbound import InboundService, Intake
from contact_hub.services.media.content import UPLOAD_TYPES, examine
from contact_hub.services.media.sources import stage_upload, staged_key
from contact_hub.storage.db import DATABASE_UNAVAILABLE
from contact_hub.storage.media.files import FileStore

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 3600
MAX_FILENAME_CHARS = 200
_COUNT = """
local count = redis.call('INCR', KEYS[1])
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""


class NotStored(Exception):
    """The submission could not be stored now (the database is unreachable); `advice` is an
    emergency's safety advice to show at once (None: not an emergency)."""

    def __init__(self, advice: str | None) -> None:
        super().__init__("the web form submission could not be stored")
        self.advice = advice


@dataclass(frozen=True)
class Upload:
    """A file as the browser sent it (its name is shown to staff, never trusted)."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class WebFormLimits:
    per_hour: int = 10
    max_files: int = 5
    max_bytes: int = 10 * 1024 * 1024


class WebFormIntake:
    """Checks a submission against the abuse limits and receives it as a contact."""

    def __init__(
        self, inbound: InboundService, store: FileStore, redis: Redis, clock: Clock,
        limits: WebFormLimits = WebFormLimits(),
    ) -> None:
        self.inbound = inbound
        self.store = store
        self.redis = redis
        self.clock = clock
        self.limits = limits

    def within_rate_limit(self, client_address: str) -> bool:
        """Count one send from `client_address`; False once it is over the hourly limit.

        With Redis unreachable the send is let through: a resident reporting a leak
        matters more than a spammer slipping past for a while.
        """
        key = "webform:addr:" + hashlib.sha256(client_address.encode()).hexdigest()[:32]
        try:
            count = int(self.redis.eval(_COUNT, 1, key, WINDOW_SECONDS))
        except RedisError:
            logger.warning("web form rate limit not checked: Redis unavailable")
            return True
        return count <= self.limits.per_hour

    def upload_problem(self, uploads: Sequence[Upload]) -> str | None:
        """Why the uploads cannot be accepted, for the page to show beside the field."""
        if len(uploads) > self.limits.max_files:
            return f"Attach at most {self.limits.max_files} files"
        megabytes = self.limits.max_bytes // (1024 * 1024)
        for upload in uploads:
            name = upload.filename or "A file"
            if len(upload.data) > self.limits.max_bytes:
                return f"{name} is larger than {megabytes} MB"
            verdict = examine(upload.data, UPLOAD_TYPES)
            if not verdict.allowed:
                return f"{name} is not a photo or a PDF (only those can be attached)"
        return None

    def submit(self, form: WebFormSubmission, uploads: Sequence[Upload]) -> Intake:
        """Stage the uploads and receive the submission (the view has checked them)."""
        attachments = tuple(
            Attachment(
                stage_upload(self.store, upload.data, examine(upload.data, UPLOAD_TYPES)
                             .detected_type or "application/octet-stream"),
                content_type=None,
                filename=upload.filename[:MAX_FILENAME_CHARS] or None,
            )
            for upload in uploads
        )
        message = parse_submission(replace(form, attachments=attachments), self.clock())
        try:
            intake = self.inbound.receive(message, answer_inline=False)
        except DATABASE_UNAVAILABLE as error:
            # Nothing was stored: the page must say so, and still give an emergency's advice.
            self._unstage(attachments)
            raise NotStored(self._advice_only(message.text)) from error
        if intake.duplicate:  # the same form sent again: its first uploads are the ones kept
            self._unstage(attachments)
        logger.info("web form received contact_id=%s duplicate=%s files=%s",
                    intake.contact_id, intake.duplicate, len(attachments))
        return intake

    def _unstage(self, attachments: Sequence[Attachment]) -> None:
        for attachment in attachments:
            key = staged_key(attachment.url)
            if key is not None:
                self.store.delete(key)

    def _advice_only(self, text: str) -> str | None:
        """An emergency's safety advice from the words alone (nothing stored, no reference,
        no promise that anyone is being alerted)."""
        preview = self.inbound.router.route(routing.Message(text=text, channel="web"),
                                            preview=True)
        if preview.category != Category.EMERGENCY:
            return None
        return " ".join(preview.safety_advice or (replies.DANGER_LINE,))
