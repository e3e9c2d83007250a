"""One writer at a time per instance, and one clear sentence when storage fails.

SQLite lets one connection write at a time. A transaction that starts as a reader and
later writes cannot wait for its turn: SQLite refuses it at once ("database is
locked") and its work is lost. So a write takes its turn before it starts: a file lock
in the instance folder orders writers on this machine for the whole write, search
index included, and BEGIN IMMEDIATE takes SQLite's write lock at the first statement,
waiting for any other writer up to the busy timeout. On PostgreSQL, where several
machines may write to one database, a transaction-level advisory lock orders every
writer of every machine until its commit.
"""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import current_app
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from catalog.models import db

# The number of PostgreSQL's advisory lock every writer of a site takes (any number
# the site uses for nothing else).
WRITERS_LOCK = 0x5C401A

# The first words of SQLite's message -> what it means for the person at the keyboard.
STORAGE_FAILURES = {
    "database or disk is full": "the disk holding the site is full",
    "disk I/O error": "the disk holding the site failed to read or write",
    "attempt to write a readonly database": "the site's database cannot be written (read-only)",
    "unable to open database file": "the site's database cannot be opened for writing",
    "database is locked": "another program kept the database locked too long",
}


class StorageFailure(click.ClickException):
    """Storage refused a write; the message is one sentence, and nothing was saved."""


@contextmanager
def writers_lock(say_waiting: bool = True) -> Iterator[None]:
    """Wait for this instance's other writers (imports, edits, a restore) to finish.

    :param say_waiting: tell the command line when another writer makes it wait.
    :raises StorageFailure: the instance folder cannot be written.
    """
    lock_path = Path(current_app.instance_path) / ".write.lock"
    try:
        lock = lock_path.open("a")
    except OSError as error:
        raise StorageFailure(
            f"{current_app.instance_path} cannot be written ({error.strerror}); nothing was saved"
        ) from error
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if say_waiting:
                click.echo(
                    "Another import is writing to this site; waiting for it to finish.", err=True
                )
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@contextmanager
def write_turn(say_waiting: bool = True) -> Iterator[None]:
    """Wait for this instance's other writers, then write with SQLite's lock held.

    :param say_waiting: tell the command line when another writer makes it wait.
    :raises StorageFailure: the instance folder or the database cannot be written.
    """
    with writers_lock(say_waiting), storage_failures_explained():
        if db.engine.dialect.name == "sqlite":
            db.session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        elif db.engine.dialect.name == "postgresql":
            db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITERS_LOCK})
        yield


@contextmanager
def storage_failures_explained() -> Iterator[None]:
    """Turn SQLite's refusal to write into a StorageFailure, after rolling back."""
    try:
        yield
    except OperationalError as error:
        db.session.rollback()
        message = str(error.orig)
        meaning = next((m for start, m in STORAGE_FAILURES.items() if start in message), None)
        if meaning is None:
            raise
        raise StorageFailure(f"{meaning} ({message}); nothing was saved") from error
