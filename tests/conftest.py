"""Fixtures: a real app on a temporary instance (SQLite file, search index), and builders."""

import os
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import ROOT, create_app
from content_records import AuthorRecord, LinkRecord, PersonRecord, PublicationRecord
from models import Person, Publication, db
from operations import upsert_person, upsert_publication

CONTENT_DIR = ROOT / "content"

# Fuzz tests explore new inputs on every local run; in CI the same inputs every time.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def make_app(instance: Path, **config):
    """Create the app on a temporary instance folder; bundled content is not loaded."""
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "LOAD_CONTENT_ON_FIRST_START": False,
        **config,
    }
    return create_app(settings, instance_path=str(instance))


@pytest.fixture
def app(tmp_path):
    """An empty site on a temporary instance."""
    return make_app(tmp_path / "instance")


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory):
    """A site with the bundled demo content, loaded once as on a first start."""
    return make_app(tmp_path_factory.mktemp("demo") / "instance", LOAD_CONTENT_ON_FIRST_START=True)


@pytest.fixture
def demo_client(demo_app):
    return demo_app.test_client()


@pytest.fixture
def fresh_session(app):
    """A session of its own, to see what was really committed."""
    with Session(db.engine) as session:
        yield session


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
    **fields,
) -> None:
    """Add (or update) a publication and commit; needs an app context."""
    fields.setdefault("links", [])
    fields["links"] = [
        LinkRecord(**link) if isinstance(link, dict) else link for link in fields["links"]
    ]
    records = [a if isinstance(a, AuthorRecord) else AuthorRecord(a) for a in authors]
    upsert_publication(
        PublicationRecord(key=key, title=title, authors=records, year=year, **fields)
    )
    db.session.commit()


def site_page_urls(app) -> list[str]:
    """Return the address of every HTML page of a site: directory, profiles, lists, papers."""
    with app.app_context():
        slugs = db.session.scalars(select(Person.slug)).all()
        keys = db.session.scalars(select(Publication.key)).all()
    return (
        ["/"]
        + [f"/people/{slug}" for slug in slugs]
        + [f"/people/{slug}/publications" for slug in slugs]
        + [f"/publications/{key}" for key in keys]
    )
