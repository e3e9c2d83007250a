"""The databases the tests run on: a SQLite file always, PostgreSQL when one is given.

Set `SCHOLARSITE_TEST_POSTGRESQL` to a server's address (a role that may create
databases, as `.ci/run` makes) and every test that makes an app runs on both. Each
pytest process gets a database of its own and each instance folder a schema of its
own, so a second app on the same folder, or a server started from it in another
process, finds the same tables: the address is written to the instance's `config.py`,
as a site's owner would write it. A test's schema is emptied when it ends and given to
a later test, which saves making the tables again.
"""

import os
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url

POSTGRESQL_ADDRESS = os.environ.get("SCHOLARSITE_TEST_POSTGRESQL", "")


def names() -> tuple[str, ...]:
    """The databases this run covers; CI must cover PostgreSQL too."""
    if POSTGRESQL_ADDRESS:
        return ("sqlite", "postgresql")
    if os.environ.get("CI"):
        raise pytest.UsageError(
            "CI runs the suite on PostgreSQL too: set SCHOLARSITE_TEST_POSTGRESQL"
        )
    return ("sqlite",)


class SQLiteFile:
    """The default: each instance's own SQLite file."""

    name = "sqlite"

    def settings(self, _instance: Path) -> dict:
        return {}

    def release(self, _instance: Path) -> None:
        return None

    def drop(self) -> None:
        return None


class PostgreSQLDatabase:
    """A database of this pytest process on the server given, a schema per instance."""

    name = "postgresql"

    def __init__(self, address: str, worker: str) -> None:
        self.server = make_url(address)
        self.database = f"scholarsite_test_{worker}"
        self.schemas: dict[Path, str] = {}  # each instance folder's schema
        self.emptied: list[str] = []  # schemas a finished test left, emptied
        self.made = 0
        with self._connect(self.server.database or "postgres") as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.database}"')

    def _connect(self, database: str) -> psycopg.Connection:
        url = self.server.set(drivername="postgresql", database=database)
        return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)

    def settings(self, instance: Path) -> dict:
        """Give the instance a schema (its own, or an emptied one) named in its config.py."""
        if instance not in self.schemas:
            self.schemas[instance] = self.emptied.pop() if self.emptied else self._new_schema()
        schema = self.schemas[instance]
        address = self.server.set(
            database=self.database, query={"options": f"-csearch_path={schema}"}
        ).render_as_string(hide_password=False)
        instance.mkdir(parents=True, exist_ok=True)
        (instance / "config.py").write_text(f"SQLALCHEMY_DATABASE_URI = {address!r}\n")
        return {"SQLALCHEMY_DATABASE_URI": address}

    def _new_schema(self) -> str:
        self.made += 1
        schema = f"site_{self.made}"
        with self._connect(self.database) as connection:
            connection.execute(f"CREATE SCHEMA {schema}")
        return schema

    def release(self, instance: Path) -> None:
        """Empty the schema of a finished test's instance, for a later test."""
        schema = self.schemas.pop(instance, None)
        if schema is None:
            return
        with self._connect(self.database) as connection:
            tables = connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename <> %s",
                (schema, "alembic_version"),
            ).fetchall()
            if tables:
                names = ", ".join(f"{schema}.{table}" for (table,) in tables)
                connection.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        self.emptied.append(schema)

    def drop(self) -> None:
        with self._connect(self.server.database or "postgres") as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def open_database(name: str, worker: str) -> SQLiteFile | PostgreSQLDatabase:
    if name == "postgresql":
        return PostgreSQLDatabase(POSTGRESQL_ADDRESS, worker)
    return SQLiteFile()
