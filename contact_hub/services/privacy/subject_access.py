"""Subject access (UK GDPR Article 15): everything held about one person, across channels.

The bundle is plain JSON built from every table that holds something about them: their
record and its change history, identities and consent changes, contacts with their texts,
attachments (listed, and the kept files themselves in the bundle), routing decisions
and audit events, conversations, messages sent to them, complaint cases with their
timelines and survey answers, the satisfaction questions asked after their contacts and
their answers, emergency alerts they reported, Awaab's Law hazard cases they reported,
their household records from the homes register (matched by their phones and emails),
legal holds, and the privacy audit. The zip and the folder hold the JSON, a readable PDF
summary, and each kept file under `files/` (named in the JSON as the attachment's `file`).
Every export is recorded in the privacy audit.
"""

from __future__ import annotations

import io
import json
import logging
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from contact_hub.clock import Clock
from contact_hub.domain.errors import NotFound
from contact_hub.services.privacy import audit
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage import repository as repo
from contact_hub.storage.media.files import FileMissing, FileStore, FileStoreUnavailable
from contact_hub.storage.privacy import repository as prepo

logger = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: kept files are in the bundle (`files/`), named by `file`
FILES = "files"


def row_dict(row: Any, *, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every column of ``row`` as JSON-able values (dates as ISO 8601)."""
    return {column.key: _jsonable(getattr(row, column.key))
            for column in row.__table__.columns if column.key not in leave_out}


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Bundle:
    """One subject access export: the JSON data and the files that go with it."""

    customer_id: int
    data: dict[str, Any]
    files: tuple[tuple[str, bytes], ...] = ()  # (path in the bundle, bytes): kept media

    def json_bytes(self) -> bytes:
        return json.dumps(self.data, indent=2, ensure_ascii=False).encode("utf-8")

    def pdf_bytes(self) -> bytes:
        # Imported here: fpdf2 (with fontTools and numpy) loads only in a process that prints
        # a summary, not in every web and worker process at start-up.
        from contact_hub.services.privacy.summary_pdf import render_summary

        return render_summary(self.data)

    @property
    def stem(self) -> str:
        made = str(self.data["made_at"])[:10]
        return f"subject-access-{self.customer_id}-{made}"

    def zip_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{self.stem}/data.json", self.json_bytes())
            archive.writestr(f"{self.stem}/summary.pdf", self.pdf_bytes())
            for path, data in self.files:
                archive.writestr(f"{self.stem}/{path}", data)
        return buffer.getvalue()

    def write(self, folder: Path) -> Path:
        """Write ``data.json`` and ``summary.pdf`` into a new folder under ``folder``."""
        target = folder / self.stem
        target.mkdir(parents=True, exist_ok=True)
        (target / "data.json").write_bytes(self.json_bytes())
        (target / "summary.pdf").write_bytes(self.pdf_bytes())
        for path, data in self.files:
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_bytes(data)
        return target


class SubjectAccess:
    """Build subject access bundles, audited."""

    def __init__(
        self, uow: UnitsOfWork, clock: Clock, organisation: str,
        files: FileStore | None = None,
    ) -> None:
        self.uow = uow
        self.clock = clock
        self.organisation = organisation
        self.files = files  # the media file store, whose kept files go in the bundle

    def export(self, customer_id: int, actor: str) -> Bundle:
        """Everything held about ``customer_id``; NotFound if there is no such person."""
        now = self.clock()
        with self.uow.transaction() as uow:
            session = uow.session
            customer = session.get(repo.Customer, customer_id)
            if customer is None:
                raise NotFound(f"no customer {customer_id}")
            data = self._collect(session, customer, now)
            audit.record(session, now, actor, "export", customer_id, {
                "contacts": len(data["contacts"]), "complaints": len(data["complaints"]),
            })
            data["privacy_audit"] = [row_dict(e) for e in
                                     prepo.privacy_events_of(session, customer_id)]
        files = self._kept_files(data["contacts"])
        logger.info("subject access export customer_id=%s files=%s", customer_id, len(files))
        return Bundle(customer_id, data, files)

    def _kept_files(self, contacts: list[dict[str, Any]]) -> tuple[tuple[str, bytes], ...]:
        """Each kept attachment's file, read from the store; the attachment's entry names
        it (`file`), or says why it is not in the bundle (`file_missing`)."""
        found: list[tuple[str, bytes]] = []
        for attachment in (a for c in contacts for a in c["attachments"]):
            key = attachment.get("stored_key")
            if attachment.get("status") != "kept" or not key or self.files is None:
                continue
            try:
                data = self.files.get(key)
            except FileMissing:
                attachment["file_missing"] = "the file is no longer in the store"
                continue
            except FileStoreUnavailable:
                attachment["file_missing"] = "the file store could not be read: export again"
                logger.warning("subject access file not read attachment_id=%s",
                               attachment.get("id"))
                continue
            path = f"{FILES}/{key.rsplit('/', 1)[-1]}"
            attachment["file"] = path
            found.append((path, data))
        return tuple(found)

    def _collect(self, session: Session, customer: repo.Customer, now: datetime) -> dict[str, Any]:
        identities = prepo.identities_of(session, customer.id)
        contacts = prepo.contacts_of(session, customer.id)
        contact_ids = [contact.id for contact in contacts]
        events = prepo.events_of_contacts(session, contact_ids)
        attachments = prepo.attachments_of_contacts(session, contact_ids)
        addresses = [identity.value for identity in identities]
        return {
            "format_version": FORMAT_VERSION,
            "made_at": now.isoformat(),
            "controller": self.organisation,
            "customer": row_dict(customer),
            "identities": [row_dict(i) for i in identities],
            "consent_changes": [row_dict(c) for c in prepo.consent_changes_of(
                session, [i.id for i in identities])],
            "record_changes": [row_dict(c) for c in prepo.changes_of(session, customer.id)],
            "conversations": [row_dict(c) for c in prepo.conversations_of(session, customer.id)],
            "contacts": [
                {**row_dict(c),
                 "attachments": [row_dict(a) for a in attachments if a.contact_id == c.id],
                 "events": [row_dict(e) for e in events if e.contact_id == c.id]}
                for c in contacts],
            "outbound_messages": [row_dict(m) for m in prepo.outbound_to(
                session, contact_ids, addresses)],
            "complaints": [_complaint(row) for row in prepo.complaints_of(session, customer.id)],
            "surveys": [row_dict(s) for s in prepo.surveys_of(session, customer.id)],
            "alerts_reported": [
                row_dict(a, leave_out=("policy_snapshot", "escalation_token", "slack_ts",
                                       "slack_channel"))
                for a in prepo.alerts_reported_by(session, contact_ids)],
            "hazard_cases": [
                {**row_dict(case), "contacts": [c.id for c in
                                                prepo.contacts_of_hazard_case(session, case.id)]}
                for case in prepo.hazard_cases_of(session, customer.id, contact_ids)],
            "household_records": [
                {**row_dict(member, leave_out=("name_key",)), "tenancy": row_dict(tenancy),
                 "property": row_dict(home, leave_out=("postcode_key",))}
                for member, tenancy, home in prepo.household_members_reached_at(
                    session, addresses)],
            "legal_holds": [row_dict(h) for h in prepo.holds_of(session, customer.id)],
            "attachments_note": "Attachments the hub kept (status 'kept') are files in its "
                                "own store, listed with their type and size; copies of the "
                                "files themselves are provided on request.",
        }


def _complaint(row: Any) -> dict[str, Any]:
    """A case: its record (timeline included), reply route and survey answer."""
    data = row_dict(row, leave_out=("document", "version"))
    data["record"] = row.document
    return data
