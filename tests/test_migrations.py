"""Schema migrations: a site made by an older version upgrades in place on start."""

import sqlite3
import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from builders import make_app
from sqlalchemy.exc import SAWarning

from catalog.models import db

# What the first revision's schema lacked (see migrations/versions/000[23]_*.py).
LATER_TABLES = ("audit_entry", "unlinked", "search_index_position", "site_text")


def test_a_site_made_before_migrations_is_upgraded_and_keeps_its_rows(tmp_path):
    instance = tmp_path / "instance"
    make_app(instance)
    database = instance / "scholarsite.sqlite3"
    with sqlite3.connect(database) as old:
        # Make it as the first revision left it, with a row of content.
        for table in (*LATER_TABLES, "alembic_version"):
            old.execute(f"DROP TABLE {table}")
        old.execute("DROP INDEX ix_publication_source_file")
        old.execute("ALTER TABLE publication DROP COLUMN source_file")
        old.execute("ALTER TABLE profile_section DROP COLUMN expires")
        old.execute("ALTER TABLE person DROP COLUMN role")
        old.execute("ALTER TABLE person DROP COLUMN activities")
        old.execute("DROP TABLE search_outbox")
        old.execute(
            "CREATE TABLE search_outbox"
            " (id INTEGER PRIMARY KEY, kind VARCHAR(10) NOT NULL, row_id INTEGER NOT NULL)"
        )
        old.execute("INSERT INTO search_outbox (kind, row_id) VALUES ('person', 1)")
        old.execute(
            "INSERT INTO person (slug, name, position, tagline, affiliations, education,"
            " interests, address, email, photo, bio, created_at, updated_at) VALUES"
            " ('ada-doe', 'Ada Doe', '', '', '[]', '[]', '[]', '', '', '', 'Bio.',"
            " '2026-01-01', '2026-01-01')"
        )
    old.close()

    app = make_app(instance)

    with sqlite3.connect(database) as upgraded:
        tables = {row[0] for row in upgraded.execute("SELECT name FROM sqlite_master")}
        columns = {row[1] for row in upgraded.execute("PRAGMA table_info(profile_section)")}
        version = upgraded.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        names = upgraded.execute("SELECT name FROM person").fetchall()
        outbox = upgraded.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'search_outbox'"
        ).fetchone()[0]
    upgraded.close()
    assert set(LATER_TABLES) <= tables and "expires" in columns
    assert version == "0005" and names == [("Ada Doe",)]
    assert "AUTOINCREMENT" in outbox  # an id is never given twice, even after a delete
    assert app.test_client().get("/people/ada-doe").status_code == 200
    with app.app_context(), db.engine.connect() as connection:
        # The upgraded schema is the models' (an index on expressions cannot be compared).
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "autogenerate skipping", UserWarning)
            warnings.filterwarnings("ignore", "Skipped unsupported reflection", SAWarning)
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == []


def test_a_new_site_is_made_at_the_newest_revision(tmp_path):
    make_app(tmp_path / "instance")

    with sqlite3.connect(tmp_path / "instance" / "scholarsite.sqlite3") as made:
        version = made.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    made.close()
    assert version == "0005"
