"""Engine, sessions and migrations."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
# What an unreachable, restarting or overloaded database raises (not a bug of ours).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, DisconnectionError, PoolTimeout)
PING_AFTER_IDLE_SECONDS = 2.0
T = TypeVar("T")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets WAL and a busy timeout so web and worker can share it.

    Statement parameters (residents' numbers, message text) are hidden from the messages
    of database errors, which end up in logs.
    """
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        Path(url.split("///", 1)[-1]).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # No server-side prepared statements (psycopg prepares a query run 5 times on one
    # connection): behind PgBouncer in transaction mode the next transaction may get
    # another server connection, where the statement is missing or already exists
    # (docs/scaling.md; tests/integration/test_pgbouncer.py).
    connect_args = {"prepare_threshold": None} if url.startswith("postgresql+psycopg") else {}
    engine = create_engine(url, pool_size=5, max_overflow=10, connect_args=connect_args,
                           **kwargs)
    event.listen(engine, "checkin", _note_checkin)
    event.listen(engine, "checkout", functools.partial(_ping_if_idle, engine.dialect))
    return engine


def _note_checkin(_dbapi_connection: Any, record: Any) -> None:
    record.info["checked_in_at"] = time.monotonic()


def _ping_if_idle(dialect: Any, dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """Pessimistic disconnect handling, but only for a connection that sat idle.

    A ping on every checkout (`pool_pre_ping`) costs a round trip per webhook; a
    connection handed back moments ago is almost always alive, and if it is not, the
    error invalidates the pool and `retry_on_disconnect` runs the work again.
    """
    checked_in_at = record.info.get("checked_in_at")
    if checked_in_at is None or time.monotonic() - checked_in_at < PING_AFTER_IDLE_SECONDS:
        return
    try:
        dialect.do_ping(dbapi_connection)
    except Exception as error:  # any failure: let the pool open a new connection
        raise DisconnectionError("connection failed its ping") from error


def retry_on_disconnect(work: Callable[[], T]) -> T:
    """Run `work`, and once more if the database connection turned out to be dead.

    By the second run SQLAlchemy has invalidated the stale pool. `work` must be safe to
    run twice (the intake's inserts are idempotent on the provider's message id).
    """
    try:
        return work()
    except DBAPIError as error:
        if not error.connection_invalidated:
            raise
        return work()


# Deadlock detected, serialization failure: the database undid the transaction to let
# another go first; the same work run again normally succeeds.
RACE_LOST_SQLSTATES = frozenset({"40P01", "40001"})


def lost_a_race(error: BaseException) -> bool:
    """Whether `error` is the database undoing a transaction that raced another (worth
    running again at once), rather than a fault of the work or of the database."""
    original = getattr(error, "orig", None)
    return isinstance(error, DBAPIError) and (
        getattr(original, "sqlstate", None) in RACE_LOST_SQLSTATES
        or getattr(original, "pgcode", None) in RACE_LOST_SQLSTATES)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@dataclass(frozen=True)
class DatabaseFaults:
    """How the database layer fails, for the edges that must answer while the database is
    down (the web's 503, the Twilio spill) without knowing SQLAlchemy."""

    # Every database error the web answers itself (a 503 when unavailable, else a 500).
    raised: tuple[type[Exception], ...] = (DBAPIError, DisconnectionError, PoolTimeout)
    # Errors from the database driver (running a statement): what the Twilio spill catches.
    from_driver: tuple[type[Exception], ...] = (DBAPIError,)

    def unavailable(self, error: BaseException) -> bool:
        """The database cannot be reached now (an outage, not a bug of ours)."""
        return isinstance(error, DATABASE_UNAVAILABLE) or bool(
            getattr(error, "connection_invalidated", False))


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits on success and rolls back on any exception."""
    with factory() as session, session.begin():
        yield session


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "heads") -> None:
    """Apply migrations up to `revision` (same migrations for SQLite and PostgreSQL).

    "heads": each subsystem's tables may live on its own migration branch.
    """
    if url.startswith("sqlite"):
        Path(url.split("///", 1)[-1]).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), revision)


def ping(engine: Engine) -> None:
    """Raise if the database does not answer."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
