"""Get an instance ready to serve: SQLite settings, the schema and, on first start, content."""

import fcntl
import logging
from pathlib import Path

from flask import Flask
from sqlalchemy import event, func, select

import search_index
from content_loader import load_content
from models import Person, Publication, db

log = logging.getLogger(__name__)


def prepare(app: Flask) -> None:
    """Create the schema and load the bundled content into an empty database.

    Several gunicorn workers may start at once: a file lock lets one of them set up
    while the others wait, and then find the work done.
    """
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _sqlite_settings)
            event.listen(db.engine, "begin", _sqlite_begin)
        lock_path = Path(app.instance_path) / ".setup.lock"
        with lock_path.open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            db.create_all()
            if app.config["LOAD_CONTENT_ON_FIRST_START"] and _is_empty():
                _load_bundled_content(Path(app.config["CONTENT_DIR"]))
            search_index.repair_on_start(app)


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
    connection.exec_driver_sql("BEGIN")


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
