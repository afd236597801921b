"""A mailbox on this machine (a Maildir under CONTACT_HUB_HOME): email for trying the
service without Exchange or Microsoft 365.

Outside production, with no email backend configured, `contact-hub serve` reads
`CONTACT_HUB_HOME/mailbox`: a message put in its `new/` folder (as `contact-hub try email`
does, or any Maildir delivery agent) is taken in like mail from Exchange, parsed by the
same rules (`channels.email_mime`). Replies stay in the dry-run outbox. The folder is this
user's own (0700): whoever can write to it can already read the service's database.
"""

from __future__ import annotations

import contextlib
import mailbox
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from channels.base import ChannelError, PayloadInvalid
from channels.email_mime import parse_mime
from channels.mail_rules import ParsedMail

ADDRESS = "housing@contact-hub.localhost"  # the local mailbox's own address
PREFIX = "local:"  # provider ids of local messages
MAX_LISTED = 500


class LocalMailbox:
    """The Maildir: new messages listed, read by key, and marked seen once stored."""

    def __init__(self, directory: Path, address: str = ADDRESS) -> None:
        self.directory = directory
        self.mailbox = address

    def deliver(self, mime: bytes) -> str:
        """Put a message in `new/` (written aside, then moved in); return its key."""
        self.directory.parent.mkdir(parents=True, exist_ok=True)
        folder = mailbox.Maildir(self.directory, create=True)
        os.chmod(self.directory, 0o700)
        return str(folder.add(mime))

    def new_ids(self) -> list[str]:
        """Provider ids of the messages in `new/` (not yet taken in), oldest first."""
        new = self.directory / "new"
        if not new.is_dir():
            return []
        names = sorted(os.listdir(new), key=lambda name: (new / name).stat().st_mtime)
        return [PREFIX + name.split(":", 1)[0] for name in names[:MAX_LISTED]
                if not name.startswith(".")]

    def mark_seen(self, provider_ids: Sequence[str]) -> None:
        """Move stored messages from `new/` to `cur/` (Maildir's "seen by a reader"), each
        by one rename: a page job reading the message meanwhile finds it in one folder or
        the other, never in neither (the mailbox module's rewrite leaves a gap)."""
        new, cur = self.directory / "new", self.directory / "cur"
        wanted = {provider_id.removeprefix(PREFIX) for provider_id in provider_ids}
        cur.mkdir(mode=0o700, exist_ok=True)
        for name in os.listdir(new):
            key = name.split(":", 1)[0]
            if key in wanted:
                with contextlib.suppress(FileNotFoundError):  # moved by another reader
                    os.replace(new / name, cur / f"{key}:2,S")

    def fetch_many(
        self, provider_ids: Sequence[str], now: datetime
    ) -> dict[str, ParsedMail | ChannelError | PayloadInvalid]:
        """Each message parsed, or why it cannot be (gone, unreadable)."""
        folder = mailbox.Maildir(self.directory, create=False)
        found: dict[str, ParsedMail | ChannelError | PayloadInvalid] = {}
        for provider_id in provider_ids:
            key = provider_id.removeprefix(PREFIX)
            try:
                mime = _read(folder, self.directory, key)
            except KeyError:
                found[provider_id] = PayloadInvalid("the message is no longer in the mailbox")
                continue
            try:
                found[provider_id] = parse_mime(
                    mime, mailbox=self.mailbox, received_at=now.astimezone(UTC),
                    attachment_base=f"local:{key}", raw={"local_key": key})
            except PayloadInvalid as error:
                found[provider_id] = error
        return found


def _read(folder: mailbox.Maildir, directory: Path, key: str) -> bytes:
    """The message's bytes, looked for again if it moved from `new/` to `cur/` while it
    was being opened."""
    try:
        return folder.get_bytes(key)
    except (KeyError, FileNotFoundError):
        folder = mailbox.Maildir(directory, create=False)  # a fresh listing of both
        try:
            return folder.get_bytes(key)
        except FileNotFoundError as error:
            raise KeyError(key) from error
