"""Email over EWS test support, registered suite-wide as a pytest plugin (tests/conftest.py):
the fake Exchange server (`fake`), a container built with EMAIL_BACKEND=ews against it
(`ews`), and a database that refuses one message's contact (`poison_trigger`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from contact_hub import jobs
from contact_hub.bootstrap import Container
from tests.fakes.ews_server import FakeEws
from tests.integration.email_backends import MAILBOX, EwsBackend


@pytest.fixture
def fake() -> Iterator[FakeEws]:
    server = FakeEws(mailbox=MAILBOX).start()
    yield server
    server.stop()


@pytest.fixture
def ews(settings, clock, container: Container, fake: FakeEws) -> Iterator[EwsBackend]:
    backend = EwsBackend(fake).start(settings, clock)
    yield backend
    jobs.install(container)
    backend.stop()


@pytest.fixture
def poison_trigger(ews) -> Iterator[None]:
    """The database refuses one message's contact (as it would a value it cannot hold)."""
    engine = ews.container.engine
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text(
                "CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN "
                "IF NEW.text LIKE '%POISON%' THEN RAISE EXCEPTION 'refused'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"))
            connection.execute(text(
                "CREATE TRIGGER refuse_poison BEFORE INSERT ON contacts "
                "FOR EACH ROW EXECUTE FUNCTION refuse_poison()"))
        else:
            connection.execute(text(
                "CREATE TRIGGER refuse_poison BEFORE INSERT ON contacts "
                "WHEN NEW.text LIKE '%POISON%' BEGIN SELECT RAISE(ABORT, 'refused'); END"))
    try:
        yield
    finally:
        with engine.begin() as connection:
            connection.execute(text("DROP TRIGGER IF EXISTS refuse_poison"
                                    + (" ON contacts" if connection.dialect.name ==
                                       "postgresql" else "")))
