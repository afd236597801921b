"""The webhook's write path, in SQLAlchemy Core: a handful of statements per message.

Every inbound webhook runs this before it answers, so it is the hottest code in the
service. The ORM's unit of work costs about a millisecond of CPU per row here; these
statements cost a tenth of that. An ordinary message is one INSERT, autocommitted
(`accept_contact`: the contact is `accepted`, linked to nobody yet); the worker then finds
the sender and their open conversation (`thread_for`: one SELECT and an UPDATE for a
resident who has written before; a first contact adds the customer, identity and
conversation rows) and links the contact to them. Emergencies and the other messages the
webhook threads itself use `thread_for` and `insert_contact` in one transaction. The same
statements run on PostgreSQL and SQLite (both have INSERT .. ON CONFLICT DO NOTHING ..
RETURNING).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import (
    Connection,
    Engine,
    Insert,
    Table,
    bindparam,
    delete,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.exc import DBAPIError

from contact_hub.storage.models import (
    Attachment,
    Contact,
    Conversation,
    Customer,
    Identity,
)

CUSTOMERS: Table = Customer.__table__  # type: ignore[assignment]
IDENTITIES: Table = Identity.__table__  # type: ignore[assignment]
CONVERSATIONS: Table = Conversation.__table__  # type: ignore[assignment]
CONTACTS: Table = Contact.__table__  # type: ignore[assignment]
ATTACHMENTS: Table = Attachment.__table__  # type: ignore[assignment]


class Sender(Protocol):
    """A normalised sender address (services.identities.SenderKey)."""

    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def valid(self) -> bool: ...
    @property
    def sms_capable(self) -> bool: ...


@dataclass(frozen=True)
class Thread:
    """Who wrote and which conversation the message belongs to."""

    customer_id: int
    identity_id: int
    conversation_id: int


@dataclass(frozen=True)
class ContactRow:
    """Everything stored about one inbound message, before it has an id."""

    reference: str
    channel: str
    provider_message_id: str
    sender: str
    recipient: str
    subject: str | None
    text: str
    received_at: datetime
    raw_payload: dict[str, Any]
    flags: list[str]
    routing_hint: str | None
    status: str
    attachments: tuple[tuple[str, str | None, str | None], ...] = ()  # url, type, filename
    reply_channel: str | None = None
    reply_to: str | None = None


def _latest_conversation() -> Any:
    return (
        select(CONVERSATIONS.c.id)
        .where(
            CONVERSATIONS.c.customer_id == IDENTITIES.c.customer_id,
            CONVERSATIONS.c.channel == bindparam("channel"),
            CONVERSATIONS.c.status == "open",
            CONVERSATIONS.c.last_message_at >= bindparam("since"),
        )
        .order_by(CONVERSATIONS.c.last_message_at.desc())
        .limit(1)
        .scalar_subquery()
    )


# Built once: constructing a statement per call costs more CPU than running it.
_IDENTITY = select(IDENTITIES.c.id, IDENTITIES.c.customer_id).where(
    IDENTITIES.c.kind == bindparam("kind"), IDENTITIES.c.value == bindparam("value")
)
_SENDER = _IDENTITY.add_columns(_latest_conversation())
_NEW_CUSTOMER = CUSTOMERS.insert().returning(CUSTOMERS.c.id)
_NEW_CONVERSATION = CONVERSATIONS.insert().returning(CONVERSATIONS.c.id)
_TOUCH_CONVERSATION = (
    update(CONVERSATIONS)
    .where(CONVERSATIONS.c.id == bindparam("conversation_id"))
    .values(last_message_at=bindparam("now"))
)
_DROP_CUSTOMER = delete(CUSTOMERS).where(CUSTOMERS.c.id == bindparam("customer_id"))
_NEW_ATTACHMENT = ATTACHMENTS.insert()


def _ignoring_conflict(table: Table, *columns: str) -> dict[str, Insert]:
    """INSERT .. ON CONFLICT (columns) DO NOTHING RETURNING id, per dialect."""
    return {
        dialect.__name__.rsplit(".", 1)[-1]: dialect.insert(table)
        .on_conflict_do_nothing(index_elements=[table.c[name] for name in columns])
        .returning(table.c.id)
        for dialect in (postgresql, sqlite)
    }


_NEW_IDENTITY = _ignoring_conflict(IDENTITIES, "kind", "value")
_NEW_CONTACT = _ignoring_conflict(CONTACTS, "channel", "provider_message_id")

# The columns a new contact is stored with (`_contact_values`); the worker fills in the rest.
_CONTACT_COLUMNS = (
    "reference", "channel", "provider_message_id", "customer_id", "identity_id",
    "conversation_id", "sender", "recipient", "subject", "text", "received_at", "raw_payload",
    "flags", "routing_hint", "status", "processing_attempts", "reply_channel", "reply_to",
)
_JSON_COLUMNS = ("raw_payload", "flags")
# `_NEW_CONTACT` as the text psycopg is given (compiled once), for `accept_contact`.
_NEW_CONTACT_ON_POSTGRES = str(
    _NEW_CONTACT["postgresql"]
    .values({name: bindparam(name) for name in _CONTACT_COLUMNS})
    .compile(dialect=PGDialect_psycopg())
)


def thread_for(
    connection: Connection, sender: Sender, channel: str, now: datetime, since: datetime
) -> Thread:
    """The sender's identity and open conversation on `channel`, creating what is missing.

    A conversation counts as open while its last message is at or after `since`; using
    it moves its last message to `now`.
    """
    found = connection.execute(
        _SENDER, {"kind": sender.kind, "value": sender.value, "channel": channel, "since": since}
    ).first()
    if found is None:
        identity_id, customer_id = _new_identity(connection, sender, now)
        conversation_id = None
    else:
        identity_id, customer_id, conversation_id = found
    if conversation_id is None:
        conversation_id = connection.execute(
            _NEW_CONVERSATION,
            {"customer_id": customer_id, "channel": channel, "status": "open",
             "started_at": now, "last_message_at": now},
        ).scalar_one()
    else:
        connection.execute(_TOUCH_CONVERSATION, {"conversation_id": conversation_id, "now": now})
    return Thread(customer_id, identity_id, conversation_id)


def _new_identity(connection: Connection, sender: Sender, now: datetime) -> tuple[int, int]:
    """A new customer with this identity; if a concurrent first message won the race, its
    identity (and our customer row is removed again)."""
    customer_id = connection.execute(
        _NEW_CUSTOMER, {"created_at": now, "vulnerabilities": []}
    ).scalar_one()
    identity_id = connection.execute(
        _NEW_IDENTITY[connection.dialect.name],
        {"customer_id": customer_id, "kind": sender.kind, "value": sender.value,
         "valid": sender.valid, "sms_capable": sender.sms_capable, "created_at": now},
    ).scalar()
    if identity_id is not None:
        return identity_id, customer_id
    connection.execute(_DROP_CUSTOMER, {"customer_id": customer_id})
    winner = connection.execute(_IDENTITY, {"kind": sender.kind, "value": sender.value}).one()
    return winner.id, winner.customer_id


def insert_contact(connection: Connection, thread: Thread | None, row: ContactRow) -> int | None:
    """Insert the contact (and its attachments); None if (channel, provider id) exists.

    With no `thread` the contact is linked to nobody yet (SQLite's `accept_contact`): the
    worker threads it (`services.inbound.thread_contact`). No "received" event row is written:
    the contact row is that record, and the audit trail shows it first
    (services.queries.contact_detail).
    """
    contact_id = connection.execute(
        _NEW_CONTACT[connection.dialect.name], _contact_values(row, thread)
    ).scalar()
    if contact_id is None:
        return None
    if row.attachments:
        connection.execute(
            _NEW_ATTACHMENT,
            [{"contact_id": contact_id, "url": url, "content_type": content_type,
              "filename": filename, "status": "pending", "attempts": 0}
             for url, content_type, filename in row.attachments],
        )
    return int(contact_id)


def _contact_values(row: ContactRow, thread: Thread | None) -> dict[str, Any]:
    """The new contact's column values (`_CONTACT_COLUMNS`)."""
    return {
        "reference": row.reference, "channel": row.channel,
        "provider_message_id": row.provider_message_id,
        "customer_id": thread and thread.customer_id,
        "identity_id": thread and thread.identity_id,
        "conversation_id": thread and thread.conversation_id,
        "sender": row.sender, "recipient": row.recipient, "subject": row.subject,
        "text": row.text, "received_at": row.received_at, "raw_payload": row.raw_payload,
        "flags": row.flags, "routing_hint": row.routing_hint, "status": row.status,
        "processing_attempts": 0, "reply_channel": row.reply_channel, "reply_to": row.reply_to,
    }


def accept_contact(engine: Engine, row: ContactRow) -> int | None:
    """Store a contact not yet threaded to anyone (`accepted`) in one autocommitted INSERT;
    None if (channel, provider message id) exists.

    This is all an ordinary webhook writes. On PostgreSQL it goes straight to psycopg on a
    pooled connection: SQLAlchemy's execution and isolation-level switching cost twice the
    statement itself here. A dead connection is raised as SQLAlchemy's, invalidated, so
    `db.retry_on_disconnect` runs it again on a fresh one.
    """
    if engine.dialect.name != "postgresql":
        with engine.connect() as connection:
            autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
            return insert_contact(autocommit, None, row)
    values = _contact_values(row, None)
    for name in _JSON_COLUMNS:
        values[name] = json.dumps(values[name])
    try:
        pooled = engine.raw_connection()
    except engine.dialect.loaded_dbapi.Error as error:  # unreachable: as SQLAlchemy says it
        raise DBAPIError.instance(
            None, None, error, engine.dialect.loaded_dbapi.Error, hide_parameters=True,
            connection_invalidated=True, dialect=engine.dialect,
        ) from error
    driver = pooled.driver_connection
    assert driver is not None
    try:
        driver.autocommit = True
        with driver.cursor() as cursor:
            cursor.execute(_NEW_CONTACT_ON_POSTGRES, values)
            found = cursor.fetchone()
    except engine.dialect.loaded_dbapi.Error as error:
        dead = bool(driver.closed or driver.broken)
        if dead:
            pooled.invalidate(error)
        raise DBAPIError.instance(
            _NEW_CONTACT_ON_POSTGRES, values, error, engine.dialect.loaded_dbapi.Error,
            hide_parameters=True, connection_invalidated=dead, dialect=engine.dialect,
        ) from error
    finally:
        if not driver.closed:
            driver.autocommit = False  # the pool's other users expect transactions
        pooled.close()
    return None if found is None else int(found[0])
