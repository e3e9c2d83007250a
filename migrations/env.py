"""Alembic's environment: the site's models, and a connection of its own.

Flask-Migrate renders changes to SQLite as batches (SQLite copies a table to change
it). Migrations run on a separate engine, not the site's pool: the site turns SQLite's
foreign keys on for every connection, and a batch migration (SQLite copies a table to
change it) would then cascade the copy's DROP TABLE into the rows that point at it.
"""

from alembic import context
from flask import current_app
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

migrate = current_app.extensions["migrate"]
metadata = migrate.db.metadata
url = migrate.db.engine.url


def run_migrations() -> None:
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            **migrate.configure_args,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=url, target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations()
