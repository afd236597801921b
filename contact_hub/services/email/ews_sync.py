"""Email in over Exchange Web Services: the inbox synced page by page, prompted by a pull
subscription, with the sync state kept in the database.

Each tick asks the pull subscription whether new mail arrived (GetEvents: cheap, and it
answers at once); when it did, when there is no subscription yet or it expired, or at
least every `SYNC_AT_LEAST_EVERY`, the inbox is synced (SyncFolderItems) from the stored
state. Every page's new item ids are stored as email rows (and their fetch jobs enqueued)
before the page's new sync state is committed, so a crash or restart re-reads at most one
page, and the unique item ids make that harmless: no message missed, none taken twice.
After downtime the same sync simply has more pages: a backlog is taken in a page at a
time, with memory bounded by the page size.

On the very first sync only mail received in the last `FIRST_WINDOW` is taken in (an
inbox's history is not a queue of new contacts); if Exchange refuses our sync state, a new
sync starts from mail received shortly before the last complete one.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from channels.base import ChannelUnavailable
from channels.ews_config import SYNC_PAGE, SubscriptionGone, SyncStateInvalid
from contact_hub.clock import Clock
from contact_hub.services.email.intake import EmailIntake
from contact_hub.services.email.waits import ProviderWaits
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.email import store as email_store

if TYPE_CHECKING:  # exchangelib loads only where EWS is used (channels.ews_config)
    from channels.ews import EwsMailbox

logger = logging.getLogger(__name__)

FOLDER = "inbox"
FIRST_WINDOW = timedelta(days=1)
RESYNC_OVERLAP = timedelta(minutes=30)
SYNC_AT_LEAST_EVERY = timedelta(minutes=5)  # a safety net under the subscription
MAX_PAGES_PER_TICK = 50  # 10,000 messages at 200 a page; the next tick carries on
TICK_TASK = "ews-sync"  # its provider wait's name


class EwsSync:
    """Keeps the inbox's email rows up to date with Exchange."""

    def __init__(
        self,
        uow: UnitsOfWork,
        intake: EmailIntake,
        mailbox: EwsMailbox,
        clock: Clock,
        waits: ProviderWaits,
        *,
        page_size: int = SYNC_PAGE,
    ) -> None:
        self.uow = uow
        self.intake = intake
        self.mailbox = mailbox
        self.clock = clock
        self.waits = waits  # the tick's ErrorServerBusy back-off
        self.page_size = page_size

    def tick(self) -> int:
        """Periodic: sync if the subscription saw new mail (or a sync is due); return how
        many new messages were stored. Throttled, it asks again only after Exchange's
        back-off (bounded), on every worker."""
        if self.waits.waiting(TICK_TASK):
            return 0
        try:
            return self.sync() if self._sync_due() else 0
        except ChannelUnavailable as error:
            self.waits.honour(TICK_TASK, error)
            raise

    def sync(self, max_pages: int = MAX_PAGES_PER_TICK) -> int:
        """Store the inbox's new messages, a page at a time; return how many were new."""
        created = 0
        for _ in range(max_pages):
            state, cutoff = self._position()
            try:
                page = self.mailbox.sync_page(state, self.page_size)
            except SyncStateInvalid:
                self._restart()
                continue
            ids = [item_id for item_id, received in page.created
                   if received is None or received >= cutoff]
            created += self.intake.record(ids, "sync")
            if not self._advance(state, page.sync_state, page.last):
                break  # another worker moved the state on meanwhile; it carries on
            if page.last:
                break
        if created:
            logger.info("ews sync stored new messages count=%s", created)
        return created

    def _position(self) -> tuple[str | None, datetime]:
        with self.uow.transaction() as uow:
            row = email_store.folder_sync(uow.session, self.mailbox.mailbox, FOLDER)
            if row.started_at is None:
                row.started_at = self.clock() - FIRST_WINDOW
            return row.sync_state, row.started_at

    def _advance(self, old: str | None, new: str, last: bool) -> bool:
        with self.uow.transaction() as uow:
            row = email_store.folder_sync(uow.session, self.mailbox.mailbox, FOLDER)
            if row.sync_state != old:
                return False
            row.sync_state = new
            if last:
                row.last_synced_at = self.clock()
            return True

    def _restart(self) -> None:
        with self.uow.transaction() as uow:
            row = email_store.folder_sync(uow.session, self.mailbox.mailbox, FOLDER)
            row.sync_state = None
            row.started_at = (row.last_synced_at or self.clock()) - RESYNC_OVERLAP
        logger.warning("ews sync state refused; syncing again from the last complete sync")

    def _sync_due(self) -> bool:
        """Ask the pull subscription (made or remade here) whether mail arrived."""
        now = self.clock()
        with self.uow.transaction() as uow:
            row = email_store.folder_sync(uow.session, self.mailbox.mailbox, FOLDER)
            subscription, watermark, last = row.subscription_id, row.watermark, row.last_synced_at
        due = last is None or now - last >= SYNC_AT_LEAST_EVERY
        if subscription is None or watermark is None:
            subscription, watermark = self.mailbox.subscribe()
            self._save_subscription(subscription, watermark, now)
            return True
        try:
            arrived, watermark = self.mailbox.new_mail(subscription, watermark)
        except SubscriptionGone:
            subscription, watermark = self.mailbox.subscribe()
            self._save_subscription(subscription, watermark, now)
            return True  # mail may have come while it was gone
        self._save_subscription(subscription, watermark, None)
        return due or arrived

    def _save_subscription(self, subscription: str, watermark: str, at: datetime | None) -> None:
        with self.uow.transaction() as uow:
            row = email_store.folder_sync(uow.session, self.mailbox.mailbox, FOLDER)
            row.subscription_id, row.watermark = subscription[:400], watermark[:400]
            if at is not None:
                row.subscribed_at = at
