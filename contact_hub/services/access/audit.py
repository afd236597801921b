"""The access audit: every read of a resident's record by a person, kept as data
(who, when, which record), and read back by admins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from contact_hub.clock import Clock
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.access import store as access_store


class RecordType(StrEnum):
    """The kinds of resident's record whose reads are audited."""

    CUSTOMER = "customer"
    CONTACT = "contact"
    COMPLAINT = "complaint"  # a complaint case, not a contact's category


RECORD_TYPES = tuple(kind.value for kind in RecordType)


@dataclass(frozen=True)
class Reader:
    """The person reading: a name for the audit, their role, and the token they used."""

    actor: str
    role: str
    token_id: int | None = None
    via: str = "api"


@dataclass(frozen=True)
class AccessEntry:
    id: int
    at: datetime
    actor: str
    role: str
    token_id: int | None
    via: str
    record_type: str
    record_id: str


class AccessAudit:
    """Records reads and answers "who looked at this record?"."""

    def __init__(self, uow: UnitsOfWork, clock: Clock) -> None:
        self.uow = uow
        self.clock = clock

    def record(self, reader: Reader, record_type: str, record_id: int | str) -> None:
        """Note that `reader` read one record, now (its own transaction, committed)."""
        if record_type not in RECORD_TYPES:
            raise ValueError(f"record_type must be one of {', '.join(RECORD_TYPES)}")
        with self.uow.transaction() as uow:
            uow.session.add(access_store.AccessRead(
                at=self.clock(), actor=reader.actor[:200], role=reader.role,
                token_id=reader.token_id, via=reader.via, record_type=record_type,
                record_id=str(record_id)[:64]))

    def search(
        self, filters: access_store.ReadFilters, limit: int, offset: int
    ) -> tuple[list[AccessEntry], int]:
        """Matching reads, newest first, and the total."""
        with self.uow() as uow:
            rows, total = access_store.search_reads(uow.session, filters, limit, offset)
            return [AccessEntry(r.id, r.at, r.actor, r.role, r.token_id, r.via, r.record_type,
                                r.record_id) for r in rows], total
