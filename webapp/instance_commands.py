"""`flask --app app backup`, `restore` and `doctor`: keeping an instance safe and sound.

A backup is one `.tar.gz` holding a copy of the database (SQLite's `VACUUM INTO`, which
reads a consistent snapshot while the site serves and writes) and the site's files
(photos, PDFs). The secret key is left out: a restored site on another machine makes
its own. A restore copies the backup's database into the live one with SQLite's backup
API (every worker sees it at once), keeps the files it replaces beside the new ones,
upgrades an older schema and rebuilds the search index.
"""

import shutil
import sqlite3
import tarfile
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import func, make_url, select

from accounts import secret_key_problem
from catalog.models import Person, Publication, db
from catalog.progress import shown_on_command_line
from catalog.versions import ContentVersion, current_version
from search.maintenance import check, rebuild
from search.store import UNREADABLE, get_index
from webapp.setup import create_or_upgrade_schema
from webapp.write_turns import writers_lock

DATABASE_MEMBER = "scholarsite.sqlite3"
FILES_MEMBER = "files"


def _database_path() -> Path:
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise click.ClickException(
            "backup and restore copy a SQLite file; on PostgreSQL use pg_dump and pg_restore, "
            "then `flask --app app search rebuild` (see docs/DEPLOYMENT.md)"
        )
    return Path(url.database)


def _counts(connection: sqlite3.Connection) -> str:
    papers = connection.execute("SELECT count(*) FROM publication").fetchone()[0]
    people = connection.execute("SELECT count(*) FROM person").fetchone()[0]
    return f"{papers:,} papers and {people:,} people"


@click.command("backup")
@with_appcontext
@click.argument("archive", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(archive: Path) -> None:
    """Write the database and the site's files to ARCHIVE (.tar.gz), while the site serves."""
    database = _database_path()
    if archive.exists():
        raise click.ClickException(f"{archive} exists already: give the backup a new name")
    if not archive.resolve().parent.is_dir():
        raise click.ClickException(f"there is no folder {archive.resolve().parent}: make it first")
    files = Path(current_app.config["SITE_FILES_DIR"])
    with tempfile.TemporaryDirectory(dir=archive.resolve().parent) as work:
        copy = Path(work) / DATABASE_MEMBER
        source = sqlite3.connect(database, isolation_level=None)
        try:
            source.execute("VACUUM INTO ?", (str(copy),))
        finally:
            source.close()
        with sqlite3.connect(copy) as copied:
            held = _counts(copied)
        copied.close()
        draft = Path(work) / "backup.tar.gz"
        with tarfile.open(draft, "w:gz") as tar:
            tar.add(copy, DATABASE_MEMBER)
            if files.is_dir():
                tar.add(files, FILES_MEMBER)
        draft.replace(archive)
    click.echo(f"Backed up {held} to {archive} ({_size(archive.stat().st_size)}).")


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{max(1, round(count / 1e3))} kB"


@click.command("restore")
@with_appcontext
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the site's content.")
def restore_command(archive: Path, yes: bool) -> None:
    """Replace the site's content with a backup's; the search index is rebuilt."""
    live_database = _database_path()
    instance = Path(current_app.instance_path)
    files = Path(current_app.config["SITE_FILES_DIR"])
    with tempfile.TemporaryDirectory(dir=instance) as work:
        unpacked = Path(work)
        try:
            with tarfile.open(archive) as tar:
                # The "data" filter refuses absolute paths, "..", links out and devices.
                tar.extractall(unpacked, filter="data")
        except (tarfile.TarError, OSError) as error:
            message = f"{archive} is not a backup of this site ({error})"
            raise click.ClickException(message) from None
        restored = unpacked / DATABASE_MEMBER
        held = _checked_backup(restored, archive)
        if not yes:
            click.confirm(f"Replace this site's content with the backup's {held}?", abort=True)
        db.session.remove()
        with writers_lock():
            version = current_version()
            db.session.remove()
            kept = _keep_database(instance)
            click.echo(f"The database before the restore is kept in {kept}.")
            source = sqlite3.connect(restored)
            live = sqlite3.connect(live_database, timeout=30)
            try:
                source.backup(live)
            finally:
                source.close()
                live.close()
            if (unpacked / FILES_MEMBER).is_dir():
                _replace_files(unpacked / FILES_MEMBER, files)
            create_or_upgrade_schema()
            _raise_version_past(version)
    with shown_on_command_line():
        indexed = rebuild(get_index())
    click.echo(f"Restored {held} from {archive}; the search index holds {indexed:,} documents.")


def _checked_backup(database: Path, archive: Path) -> str:
    if not database.is_file():
        raise click.ClickException(f"{archive} holds no {DATABASE_MEMBER}: not a backup")
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
            verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
            held = _counts(connection) if verdict == "ok" else ""
        connection.close()
    except sqlite3.DatabaseError as error:
        raise click.ClickException(f"{archive} holds no readable database ({error})") from None
    if verdict != "ok":
        raise click.ClickException(f"the backup's database is damaged: {verdict}")
    return held


def _keep_database(instance: Path) -> Path:
    """Copy the live database aside first: restoring the wrong backup loses nothing."""
    kept = instance / f"scholarsite.before-restore-{time.strftime('%Y%m%d-%H%M%S')}.sqlite3"
    live = sqlite3.connect(_database_path(), isolation_level=None)
    try:
        live.execute("VACUUM INTO ?", (str(kept),))
    finally:
        live.close()
    return kept


def _replace_files(new: Path, files: Path) -> None:
    """Put the backup's files in place, keeping the ones they replace beside them."""
    if files.exists():
        kept = files.with_name(f"{files.name}.before-restore-{time.strftime('%Y%m%d-%H%M%S')}")
        files.rename(kept)
        click.echo(f"The site's files before the restore are kept in {kept}.")
    shutil.copytree(new, files)


def _raise_version_past(version: int) -> None:
    """Give the restored content a version no cache has seen (pages are kept by version)."""
    row = db.session.get(ContentVersion, 1)
    if row is None:
        db.session.add(ContentVersion(id=1, number=version + 1))
    else:
        row.number = max(row.number, version) + 1
    db.session.commit()


@click.command("doctor")
@with_appcontext
def doctor_command() -> None:
    """Check the database, the search index and the settings; exit 1 on a problem."""
    problems = 0
    for verdict, message in _findings(current_app):
        click.echo(f"{verdict:8} {message}")
        problems += verdict == "problem"
    if problems:
        raise SystemExit(1)


def _database_integrity() -> str:
    """SQLite's own check of every page; PostgreSQL checks its pages as it reads them."""
    if db.engine.dialect.name == "sqlite":
        return db.session.execute(db.text("PRAGMA integrity_check")).scalar()
    db.session.execute(db.text("SELECT 1"))
    return "ok"


def _findings(app: Flask):
    integrity = _database_integrity()
    papers = db.session.scalar(select(func.count(Publication.id)))
    people = db.session.scalar(select(func.count(Person.id)))
    if integrity == "ok":
        yield "ok", f"database: sound, {papers:,} papers and {people:,} people"
    else:
        yield "problem", f"database: damaged ({integrity}); restore a backup"
    try:
        report = check(get_index())
    except UNREADABLE as error:
        yield "problem", f"search index: unreadable ({error}); run `flask --app app search rebuild`"
    else:
        if report.ok and not get_index().is_stale():
            yield "ok", "search index: matches the database"
        else:
            different = len(report.missing) + len(report.extra) + len(report.outdated)
            yield (
                "problem",
                (
                    f"search index: {different} documents differ from the database; "
                    "run `flask --app app search rebuild`"
                ),
            )
    reason = secret_key_problem(app.config.get("SECRET_KEY"))
    if reason:
        yield "problem", f"SECRET_KEY: {reason}"
    else:
        yield "ok", "SECRET_KEY: long and random-looking"
    site_url = app.config.get("SITE_URL") or ""
    if not site_url:
        yield (
            "warning",
            (
                "SITE_URL is not set: links in feeds, the sitemap and metadata use each "
                "request's own address"
            ),
        )
    elif urlsplit(site_url).scheme != "https":
        yield "warning", f"SITE_URL {site_url} is not https: passwords would cross in the clear"
    else:
        yield "ok", f"SITE_URL: {site_url}"
    hosts = app.config.get("TRUSTED_HOSTS") or []
    yield "ok", f"TRUSTED_HOSTS: {', '.join(hosts)}"
    if not app.config.get("SESSION_COOKIE_SECURE"):
        yield "warning", "SESSION_COOKIE_SECURE is off: the session cookie may travel over http"
