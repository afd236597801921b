"""The media job: download each attachment of a contact into the file store, once.

Each attachment is tried on its own (one that fails never holds up the others): fetched
from its source with a size limit, judged by its content, scanned when a scanner is
configured, then written under a key of ours and marked `kept`. A file over the limit or
of a type we do not keep is `refused`; a link that can never give the file is `failed`;
anything worth retrying stays `pending` (the job raises so RQ retries, and the periodic
sweep re-enqueues what RQ gave up on) until MEDIA_MAX_ATTEMPTS tries have been made.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

import routing
from contact_hub import job_names
from contact_hub.clock import Clock
from contact_hub.domain.contacts.types import Contact
from contact_hub.queueing import JobRequest
from contact_hub.services.media.content import EXTENSIONS, KEPT_TYPES, examine
from contact_hub.services.media.sources import (
    STAGED_PREFIX,
    UPLOAD_PREFIX,
    Fetched,
    MediaGone,
    MediaSource,
    MediaTooLarge,
    MediaUnavailable,
    staged_key,
)
from contact_hub.services.unit_of_work import UnitOfWork, UnitsOfWork
from contact_hub.storage.media import records
from contact_hub.storage.media.files import FileMissing, FileStore, FileStoreUnavailable

logger = logging.getLogger(__name__)

RETRY_SECONDS = (30, 120, 600)
SWEEP_AFTER = timedelta(minutes=2)
SWEEP_BATCH = 100
# A staged upload no attachment row names after this long was left by a crash between
# staging and storing its contact (the web form stages first): it is removed. Far longer
# than any request, so an upload still being stored is never taken for an orphan.
ORPHAN_AFTER = timedelta(hours=1)
ORPHAN_SWEEP_EVERY = timedelta(minutes=10)  # listing the store is not free


class VirusScan(Protocol):
    def infected(self, data: bytes) -> bool: ...


@dataclass(frozen=True)
class MediaLimits:
    """How big a file may be, how often to try, which types are kept."""

    max_bytes: int = 10 * 1024 * 1024
    max_attempts: int = 5
    kept_types: frozenset[str] = KEPT_TYPES


@dataclass(frozen=True)
class StaffCopy:
    """A kept file as the staff pages serve it."""

    data: bytes
    content_type: str
    filename: str
    contact_id: int  # whose record it is part of (for the access audit)


def keep_job(contact_id: int) -> JobRequest:
    """Download a contact's media (low priority: routing and replies come first)."""
    return JobRequest(func=job_names.KEEP_MEDIA, args=(contact_id,), job_id=f"media-{contact_id}",
                      queue="low", retry=RETRY_SECONDS)


class MediaKeeper:
    """Downloads, checks and keeps residents' media; serves kept files to staff."""

    def __init__(
        self,
        uow: UnitsOfWork,
        store: FileStore,
        sources: Sequence[MediaSource],
        clock: Clock,
        limits: MediaLimits = MediaLimits(),
        scan: VirusScan | None = None,
    ) -> None:
        self.uow = uow
        self.dispatcher = uow.dispatcher  # the sweep's jobs (a read, nothing to commit)
        self.store = store
        self.sources = list(sources)
        self.clock = clock
        self.limits = limits
        self.scan = scan
        self._orphans_swept_at: datetime | None = None

    def on_routed(
        self, uow: UnitOfWork, contact: Contact, decision: routing.Decision
    ) -> None:
        """A routed handler: a contact with media waiting gets its media job."""
        attachments = uow.contacts.row_of(contact).attachments
        if any(a.status == records.PENDING for a in attachments):
            uow.enqueue(keep_job(contact.id))

    def keep(self, contact_id: int) -> None:
        """Keep every pending attachment of the contact. Safe to run twice.

        Raises:
            MediaUnavailable: some file is worth another try (RQ retries the job).
        """
        with self.uow.transaction() as uow:
            session = uow.session
            ids = records.pending_attachment_ids(session, contact_id)
        retry = [attachment_id for attachment_id in ids if not self._keep_one(attachment_id)]
        if retry:
            raise MediaUnavailable(f"{len(retry)} file(s) to try again")

    def sweep(self) -> int:
        """Remove the files of anonymised contacts, and re-enqueue media jobs for routed
        contacts whose media still waits (run on a timer by every worker)."""
        self.remove_erased()
        now = self.clock()
        if self._orphans_swept_at is None or now - self._orphans_swept_at >= ORPHAN_SWEEP_EVERY:
            self._orphans_swept_at = now
            self.remove_orphaned_uploads()
        with self.uow.transaction() as uow:
            session = uow.session
            ids = records.contacts_with_pending_media(
                session, self.limits.max_attempts, self.clock() - SWEEP_AFTER, SWEEP_BATCH)
        return self.dispatcher.enqueue_all(keep_job(i) for i in ids)

    def remove_erased(self) -> int:
        """Delete the kept files of contacts that erasure or retention anonymised."""
        removed = 0
        with self.uow.transaction() as uow:
            session = uow.session
            for row in records.erased_with_files(session, SWEEP_BATCH):
                assert row.stored_key is not None
                try:
                    self.store.delete(row.stored_key)
                except FileStoreUnavailable:
                    logger.warning("erased media not removed yet attachment_id=%s", row.id)
                    continue
                row.stored_key = None
                removed += 1
        return removed

    def remove_orphaned_uploads(self) -> int:
        """Delete staged uploads older than ORPHAN_AFTER that no attachment names (a crash
        between staging a web form's photo and storing its contact left them)."""
        try:
            keys = self.store.keys_older_than(STAGED_PREFIX, self.clock() - ORPHAN_AFTER,
                                              SWEEP_BATCH)
        except FileStoreUnavailable:
            logger.warning("staged uploads not listed; will try again")
            return 0
        with self.uow() as uow:
            named = records.referenced_urls(uow.session, [UPLOAD_PREFIX + key for key in keys])
        orphans = [key for key in keys if UPLOAD_PREFIX + key not in named]
        for key in orphans:
            try:
                self.store.delete(key)
            except FileStoreUnavailable:
                logger.warning("orphaned staged upload not removed yet")
                return 0
        if orphans:
            logger.warning("orphaned staged uploads removed count=%s", len(orphans))
        return len(orphans)

    def staff_copy(self, attachment_id: int) -> StaffCopy | None:
        """The kept file for a signed-in person to see (None: not kept, or not found)."""
        with self.uow.transaction() as uow:
            session = uow.session
            row = records.get_attachment(session, attachment_id)
            if row is None or row.status != "kept" or not row.stored_key:
                return None
            key, kind = row.stored_key, row.detected_type or "application/octet-stream"
            name = f"attachment-{row.id}.{EXTENSIONS.get(kind, 'bin')}"
            contact_id = row.contact_id
        try:
            return StaffCopy(self.store.get(key), kind, name, contact_id)
        except FileMissing:
            return None

    # --- one attachment -----------------------------------------------------------------

    def _keep_one(self, attachment_id: int) -> bool:
        """Try one attachment; False if it is worth trying again later."""
        with self.uow.transaction() as uow:
            session = uow.session
            row = records.claim_attempt(session, attachment_id)
            if row is None:
                return True
            url, contact_id, attempts = row.url, row.contact_id, row.attempts
        try:
            fetched = self._fetch(url)
            kind, refusal = self._judge(fetched)
            if refusal is None:
                return self._store(attachment_id, contact_id, url, fetched, kind)
            self._settle(attachment_id, url, status="refused", error=refusal, detected_type=kind)
        except MediaTooLarge:
            limit = self.limits.max_bytes // (1024 * 1024)
            self._settle(attachment_id, url, status="refused",
                         error=f"the file is larger than {limit} MB")
        except MediaGone as error:
            self._settle(attachment_id, url, status="failed", error=str(error))
        except (MediaUnavailable, FileStoreUnavailable) as error:
            logger.warning("media not kept yet attachment_id=%s attempt=%s error=%s",
                           attachment_id, attempts, type(error).__name__)
            if attempts < self.limits.max_attempts:
                return False
            self._settle(attachment_id, url, status="failed",
                         error=f"gave up after {attempts} tries: {error}")
        return True

    def _fetch(self, url: str) -> Fetched:
        source = next((s for s in self.sources if s.handles(url)), None)
        if source is None:
            raise MediaGone("no source can download this kind of link")
        return source.fetch(url, self.limits.max_bytes)

    def _judge(self, fetched: Fetched) -> tuple[str, str | None]:
        """The type the content shows, and why the file is refused (None: it is kept). The
        scanner runs only on files of a type we keep."""
        if len(fetched.data) > self.limits.max_bytes:
            raise MediaTooLarge("over the limit")
        verdict = examine(fetched.data, self.limits.kept_types)
        kind = verdict.detected_type or "application/octet-stream"
        if not verdict.allowed:
            return kind, verdict.refused_because
        if self.scan is not None and self.scan.infected(fetched.data):
            return kind, "the virus scanner found something in the file"
        return kind, None

    def _store(
        self, attachment_id: int, contact_id: int, url: str, fetched: Fetched, kind: str
    ) -> bool:
        key = f"contacts/{contact_id}/{attachment_id}.{EXTENSIONS.get(kind, 'bin')}"
        self.store.put(key, fetched.data, kind)
        self._settle(
            attachment_id, url, status="kept", stored_key=key, detected_type=kind,
            size_bytes=len(fetched.data), sha256=hashlib.sha256(fetched.data).hexdigest(),
            kept_at=self.clock(), error=None,
        )
        logger.info("media kept attachment_id=%s contact_id=%s bytes=%s", attachment_id,
                    contact_id, len(fetched.data))
        return True

    def _settle(self, attachment_id: int, url: str, **values: object) -> None:
        if isinstance(values.get("error"), str):
            values["error"] = str(values["error"])[:300]
        with self.uow.transaction() as uow:
            session = uow.session
            records.settle(session, attachment_id, **values)
        if values.get("status") != "kept":
            logger.warning("media %s attachment_id=%s", values.get("status"), attachment_id)
        staged = staged_key(url)
        if staged is not None:  # the staged copy has served its purpose either way
            try:
                self.store.delete(staged)
            except FileStoreUnavailable:
                logger.warning("staged upload not removed attachment_id=%s", attachment_id)
