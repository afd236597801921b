"""Alembic environment: runs migrations against the URL given by contact_hub.storage.db."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from contact_hub.storage.schema import metadata

config = context.config
target_metadata = metadata


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url must be set by contact_hub.storage.db.alembic_config"
    engine = create_engine(url, poolclass=pool.NullPool, hide_parameters=True)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
