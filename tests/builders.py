"""Builders the tests share: an app on a temporary instance, people and papers, page lists."""

import weakref
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select

from app import ROOT, create_app
from catalog.models import Person, Publication, db
from catalog.operations import upsert_person, upsert_publication
from catalog.records import AuthorRecord, LinkRecord, PersonRecord, PublicationRecord
from search import get_index

CONTENT_DIR = ROOT / "content"
# Every app made, so that each test can close the connections they keep (conftest.py).
MADE_APPS: "weakref.WeakSet" = weakref.WeakSet()
# Apps a background server is answering with: their connections are closed when it stops
# (closing them between tests would drop a connection a request is still using).
SERVED_APPS: "weakref.WeakSet" = weakref.WeakSet()


def make_app(instance: Path, database=None, **config):
    """Create the app on a temporary instance folder; bundled content is not loaded.

    :param database: the `database` fixture's database (a SQLite file if not given).
    """
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "LOAD_CONTENT_ON_FIRST_START": False,
        **(database.settings(instance) if database else {}),
        **config,
    }
    app = create_app(settings, instance_path=str(instance))
    MADE_APPS.add(app)
    return app


def make_person(slug="ada-lovelace", name="Ada Lovelace", **fields) -> None:
    """Add (or update) a person and commit; needs an app context."""
    fields.setdefault("links", [])
    fields["links"] = [
        LinkRecord(**link) if isinstance(link, dict) else link for link in fields["links"]
    ]
    upsert_person(PersonRecord(slug=slug, name=name, **fields))
    db.session.commit()


def make_publication(
    key="lovelace1843notes",
    title="Notes on the Analytical Engine",
    authors=("Ada Lovelace",),
    year=1843,
    commit=True,
    **fields,
) -> None:
    """Add (or update) a publication and commit (unless told not to); needs an app context."""
    fields.setdefault("links", [])
    fields["links"] = [
        LinkRecord(**link) if isinstance(link, dict) else link for link in fields["links"]
    ]
    records = [a if isinstance(a, AuthorRecord) else AuthorRecord(a) for a in authors]
    upsert_publication(
        PublicationRecord(key=key, title=title, authors=records, year=year, **fields)
    )
    if commit:
        db.session.commit()


def site_page_urls(app) -> list[str]:
    """Return the address of every HTML page of a site: home, directory, profiles, lists,
    papers."""
    with app.app_context():
        slugs = db.session.scalars(select(Person.slug)).all()
        keys = db.session.scalars(select(Publication.key)).all()
    return (
        ["/", "/people", "/publications"]
        + [f"/people/{slug}" for slug in slugs]
        + [f"/people/{slug}/publications" for slug in slugs]
        + [f"/publications/{key}" for key in keys]
    )


@contextmanager
def index_writer_held():
    """Hold the search index's writer, as another process at work on it would."""
    search_index = get_index()
    if search_index.backend == "tantivy":
        writer = search_index.open().writer(15_000_000, 1)
        try:
            yield
        finally:
            writer.rollback()
            writer.wait_merging_threads()  # ends the writer and frees its lock
    else:
        writer = search_index.open().writer()
        try:
            yield
        finally:
            writer.cancel()


def index_data_files(folder: Path) -> list[Path]:
    """Return the files holding the search index's terms and documents (not its table)."""
    if get_index().backend == "tantivy":
        return [p for p in folder.iterdir() if p.suffix in (".idx", ".store", ".term", ".pos")]
    return list(folder.glob("*.seg"))


def index_table_files(folder: Path) -> list[Path]:
    """Return the files that say what the search index holds."""
    if get_index().backend == "tantivy":
        return [folder / "meta.json"]
    return list(folder.glob("*.toc"))
