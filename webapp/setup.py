"""Get an instance ready to serve: SQLite settings, the schema and, on first start, content."""

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from flask_migrate import Migrate, stamp, upgrade
from sqlalchemy import event, func, inspect, make_url, select, text
from sqlalchemy.schema import CreateIndex

import search
from catalog.models import Person, Publication, db
from importing.loader import load_content

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# The schema of the sites made before migrations (see migrations/versions/0001_*.py).
BASELINE_REVISION = "0001"
# PostgreSQL's advisory lock the setup of a site takes (see webapp/write_turns.py).
SETUP_LOCK = 0x5C401B


def open_read_only_database(app: Flask) -> None:
    """Open the SQLite file as immutable when its folder cannot be written.

    SQLite in WAL mode writes a shared-memory file beside the database even to read;
    on a read-only disk that fails, so the site would serve nothing. Nothing can change
    the file there, which is what `immutable=1` promises SQLite. Call before init_app.
    """
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    database = Path(url.database)
    if database.exists() and not os.access(database.parent, os.W_OK):
        # Rows still in the write-ahead log are only seen without `immutable`.
        wal = database.with_name(database.name + "-wal")
        immutable = "" if wal.exists() and wal.stat().st_size else "&immutable=1"
        app.config["SQLALCHEMY_DATABASE_URI"] = (
            f"sqlite:///file:{database}?mode=ro{immutable}&uri=true"
        )


def init_app(app: Flask) -> None:
    """Create the schema and load the bundled content into an empty database.

    Several gunicorn workers may start at once: a file lock lets one of them set up
    while the others wait, and then find the work done. On PostgreSQL an advisory lock
    does the same for the servers of every machine that shares the database.
    """
    Migrate(app, db, directory=str(MIGRATIONS))
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _sqlite_settings)
            event.listen(db.engine, "begin", _sqlite_begin)
        lock_path = Path(app.instance_path) / ".setup.lock"
        try:
            lock = lock_path.open("a")
        except OSError as error:
            _serve_read_only(app, error)
            return
        with lock, _database_setup_turn():
            fcntl.flock(lock, fcntl.LOCK_EX)
            create_or_upgrade_schema()
            _create_missing_indexes()
            if app.config["LOAD_CONTENT_ON_FIRST_START"] and _is_empty():
                _load_bundled_content(Path(app.config["CONTENT_DIR"]))
            search.repair_on_start(app)


@contextmanager
def _database_setup_turn() -> Iterator[None]:
    """On PostgreSQL, wait for any other machine setting up the same database."""
    if db.engine.dialect.name != "postgresql":
        yield
        return
    with db.engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": SETUP_LOCK})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": SETUP_LOCK})
            connection.commit()


def create_or_upgrade_schema() -> None:
    """Make the schema of a new database from the models, or upgrade an older one in
    place with its migrations (`migrations/`, Alembic through Flask-Migrate)."""
    tables = inspect(db.engine).get_table_names()
    if Person.__tablename__ not in tables:
        db.create_all()
        stamp(directory=str(MIGRATIONS), revision="head")
        return
    if "alembic_version" not in tables:
        # Made before the site had migrations: it has the first revision's schema.
        stamp(directory=str(MIGRATIONS), revision=BASELINE_REVISION)
    upgrade(directory=str(MIGRATIONS))
    db.create_all()


def _serve_read_only(app: Flask, error: OSError) -> None:
    """Serve an instance whose folder cannot be written (a read-only disk, say) as it is."""
    if not inspect(db.engine).has_table(Person.__tablename__):
        raise SystemExit(
            f"{app.instance_path} cannot be written ({error.strerror}) and holds no site yet."
        )
    log.warning(
        "%s cannot be written (%s): serving it as it is; imports and search-index "
        "repairs need it writable",
        app.instance_path,
        error.strerror,
    )


def _create_missing_indexes() -> None:
    """Add the indexes a newer version declares to the tables an older one made."""
    # IF NOT EXISTS, not reflection: SQLAlchemy cannot reflect an index on expressions.
    with db.engine.begin() as connection:
        for table in db.metadata.sorted_tables:
            for index in table.indexes:
                connection.execute(CreateIndex(index, if_not_exists=True))


def _sqlite_settings(connection, _record) -> None:
    # The sqlite3 driver's own transaction handling breaks savepoints (a released
    # savepoint would commit); let SQLAlchemy emit BEGIN itself instead.
    connection.isolation_level = None
    cursor = connection.cursor()
    # WAL lets readers go on while one writer commits; wait for locks instead of failing.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_begin(connection) -> None:
    # Writers ask for IMMEDIATE (see webapp/write_turns.py); readers begin deferred.
    mode = connection.get_execution_options().get("sqlite_begin", "")
    connection.exec_driver_sql(f"BEGIN {mode}".strip())


def _is_empty() -> bool:
    people = db.session.scalar(select(func.count(Person.id)))
    papers = db.session.scalar(select(func.count(Publication.id)))
    return not people and not papers


def _load_bundled_content(content_dir: Path) -> None:
    if not content_dir.is_dir():
        log.warning("no content folder at %s; starting with an empty site", content_dir)
        return
    report = load_content([content_dir])
    db.session.commit()
    log.info("loaded %s: %s", content_dir, report.summary())
    for problem in report.problems:
        # Fixes (a venue spelling grouped under its venue) are routine, not warnings.
        log.log(logging.INFO if problem.severity == "fixed" else logging.WARNING, "%s", problem)
