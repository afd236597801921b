"""Email in from the local mailbox (channels.local_mailbox): for trying the service on one
machine, outside production, when no Exchange or Microsoft 365 mailbox is configured.

Each tick stores the ids of the messages in the mailbox's `new/` folder (committed, the
page jobs enqueued), then marks them seen; a crash in between lists them again next tick,
and the unique ids make that harmless. Fetching and storing is the intake's, as for
Exchange: the same rows, jobs, mail rules and sweeper.
"""

from __future__ import annotations

from channels.local_mailbox import LocalMailbox
from contact_hub.services.email.intake import EmailIntake

TICK_SECONDS = 1.0  # a tick lists one directory: cheap, and `try email` answers quickly


class LocalMailSync:
    """Takes in what arrives in the local mailbox."""

    def __init__(self, intake: EmailIntake, mailbox: LocalMailbox) -> None:
        self.intake = intake
        self.mailbox = mailbox

    def tick(self) -> int:
        """Store the new messages' ids; return how many were new."""
        ids = self.mailbox.new_ids()
        if not ids:
            return 0
        created = self.intake.record(ids, "local")
        self.mailbox.mark_seen(ids)
        return created
