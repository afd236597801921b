"""Read-side facts for operators (/readyz and /metrics): whether the database answers, how
long contacts wait for a worker, and rows by status. Each opens its own read session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from contact_hub.storage import repository as repo
from contact_hub.storage.db import ping
from contact_hub.storage.email import store as email_store


@dataclass(frozen=True)
class ServiceFigures:
    """Counts for /metrics, read in one session."""

    contacts: tuple[tuple[str, str | None, int], ...]  # (channel, category or None, count)
    contacts_by_status: dict[str, int]
    oldest_waiting: dict[str, datetime]  # per waiting status: when its oldest contact came
    outbound_by_status: dict[str, int]
    emails_by_status: dict[str, int]  # notified emails (needs_attention: fetch kept failing)


class HealthQueries:
    def __init__(self, engine: Engine, sessions: sessionmaker[Session]) -> None:
        self.engine = engine
        self.sessions = sessions

    def database_problem(self) -> str | None:
        """None when the database answers, else the kind of error it gave (no detail, which
        may hold connection settings)."""
        try:
            ping(self.engine)
        except SQLAlchemyError as error:
            return type(error).__name__
        return None

    def oldest_waiting(self) -> dict[str, datetime]:
        """When the oldest contact still waiting for a worker arrived, per waiting status."""
        with self.sessions() as session:
            return repo.oldest_waiting_contacts(session)

    def figures(self) -> ServiceFigures:
        with self.sessions() as session:
            return ServiceFigures(
                contacts=tuple(repo.contact_counts(session)),
                contacts_by_status=repo.contact_status_counts(session),
                oldest_waiting=repo.oldest_waiting_contacts(session),
                outbound_by_status=repo.outbound_status_counts(session),
                emails_by_status=email_store.status_counts(session),
            )
