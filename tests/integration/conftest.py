"""Shared fixtures: a real database (SQLite, and PostgreSQL when it answers), a real Redis
(the local server, else an embedded one), the app, a worker that runs queued jobs, and
Twilio-signed requests made with twilio's own RequestValidator."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from redis import Redis
from redis.exceptions import RedisError
from rq.serializers import JSONSerializer
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from contact_hub import jobs
from contact_hub.app import create_app
from contact_hub.bootstrap import Container, build
from contact_hub.clock import FrozenClock
from contact_hub.embedded import start_redis
from contact_hub.queueing import ALL_QUEUES
from contact_hub.settings import Settings
from contact_hub.storage.db import upgrade
from contact_hub.storage.schema import metadata
from contact_hub.worker import Worker
from tests.helpers import ACCOUNT_SID, AUTH_TOKEN, PUBLIC_BASE, TwilioSigner

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
LOCAL_REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
START = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)  # a Monday morning


def _postgres_available() -> bool:
    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 2})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except OperationalError:
        return False


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """The machine's Redis (database 15) when it answers, else an embedded real one."""
    try:
        Redis.from_url(LOCAL_REDIS, socket_connect_timeout=1).ping()
        yield LOCAL_REDIS
        return
    except RedisError:
        pass
    with tempfile.TemporaryDirectory() as home:
        server = start_redis(Path(home))
        yield server.url
        server.stop()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Each integration test runs on SQLite (the default) and on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'contact_hub.db'}"
    else:
        if not _postgres_available():
            if os.environ.get("CI"):
                pytest.fail("PostgreSQL must answer in CI at " + PG_URL)
            pytest.skip("PostgreSQL is not available")
        url = PG_URL
        _reset_postgres(url)
    upgrade(url)
    return url


@pytest.fixture
def settings(database_url: str, redis_url: str, tmp_path: Path) -> Settings:
    return Settings(
        environment="test",
        home=tmp_path,
        database_url=database_url,
        redis_url=redis_url,
        public_base_url=PUBLIC_BASE,
        twilio_auth_token=AUTH_TOKEN,
        organisation_name="Magna Housing",
        stale_after_seconds=60,
        media_link_hosts=("127.0.0.1",),  # media is only ever fetched from local fakes
    )


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


def _clean(container: Container) -> None:
    # DELETE, children first, then every id sequence from 1: on PostgreSQL a TRUNCATE of
    # every table costs ten times as much (new files for each table) on these small tables.
    with container.engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())
        if connection.dialect.name == "postgresql":
            sequences = connection.scalars(text(
                "SELECT sequence_name FROM information_schema.sequences"
                " WHERE sequence_schema = current_schema()")).all()
            for name in sequences:
                connection.execute(text(f'ALTER SEQUENCE "{name}" RESTART'))
    container.redis.flushdb()


@pytest.fixture
def container(settings: Settings, clock: FrozenClock) -> Iterator[Container]:
    built = build(settings, clock=clock)
    _clean(built)
    jobs.install(built)
    yield built
    built.close()


# Building the Flask app compiles a URL builder for each of its ~100 routes, which cost more
# than most tests themselves; an app depends on the settings below and reaches everything
# else through the container it holds, so tests share one app per such settings and each
# gets its own container in it.
_APPS: dict[tuple[Any, ...], Any] = {}


def _app_settings(settings: Settings) -> tuple[Any, ...]:
    return (settings.max_request_bytes, settings.behind_proxy, settings.secure_cookies,
            settings.secret_key)


@pytest.fixture
def app(container: Container) -> Any:
    key = _app_settings(container.settings)
    flask_app = _APPS.get(key)
    if flask_app is None:
        flask_app = _APPS[key] = create_app(container=container)
        flask_app.config["TESTING"] = True
    flask_app.extensions["contact_hub"] = container
    return flask_app


@pytest.fixture
def client(app: Any) -> Any:
    return app.test_client()


@pytest.fixture
def run_jobs(container: Container) -> Any:
    """Run every queued job to completion in this process, as a worker would."""

    def run() -> int:
        jobs.install(container)
        container.inbound.hand_off()  # accepted contacts get their routing jobs
        worker = Worker(
            [container.dispatcher.queues[name] for name in ALL_QUEUES],
            connection=container.redis,
            serializer=JSONSerializer,
        )
        worker.work(burst=True, logging_level="WARNING")
        return sum(container.dispatcher.queue_lengths().values())

    return run


@pytest.fixture
def twilio() -> TwilioSigner:
    return TwilioSigner()


@pytest.fixture
def redis_down(settings: Settings, clock: FrozenClock) -> Iterator[Container]:
    """The same database, but a Redis that refuses connections (an outage)."""
    built = build(settings.with_overrides(redis_url="redis://127.0.0.1:1/0"), clock=clock)
    yield built
    built.close()


@pytest.fixture
def live(
    settings: Settings, clock: FrozenClock, container: Container, fake_twilio: Any
) -> Iterator[Container]:
    """A container that really sends (to the fake Twilio server) instead of dry-running."""
    live = build(
        settings.with_overrides(
            twilio_account_sid=ACCOUNT_SID,
            twilio_from_number="+443300000000",
            twilio_api_base_url=fake_twilio.url,
            twilio_http_timeout=1.0,
        ),
        clock=clock,
    )
    jobs.install(live)
    yield live
    jobs.install(container)
    live.close()
