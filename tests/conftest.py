"""Fixtures: a real app on a temporary instance (SQLite file, search index)."""

import os

import databases
import pytest
from builders import MADE_APPS, SERVED_APPS, make_app
from flask import has_app_context
from hypothesis import settings
from search_corpus import build_search_corpus
from sqlalchemy.orm import Session

from catalog.models import db

# Fuzz tests explore new inputs on every local run; in CI the same inputs every time.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


SEARCH_BACKENDS = ("whoosh", "tantivy")


def pytest_generate_tests(metafunc):
    """Run a search module's tests on every backend (`SEARCH_BACKENDS = "all"` in it).

    Tests of one backend's insides are marked `whoosh_only`.
    """
    if "database" in metafunc.fixturenames:
        # A module about SQLite's files names the databases it covers (`DATABASES`).
        covered = getattr(metafunc.module, "DATABASES", databases.names())
        metafunc.parametrize("database", covered, scope="session", indirect=True)
    if "search_backend" not in metafunc.fixturenames:
        return
    if getattr(metafunc.module, "SEARCH_BACKENDS", None) != "all":
        return
    only = metafunc.definition.get_closest_marker("whoosh_only")
    metafunc.parametrize(
        "search_backend", ("whoosh",) if only else SEARCH_BACKENDS, scope="session"
    )


@pytest.fixture(scope="session")
def search_backend():
    """The search backend of the apps a test makes; search modules run on each."""
    return "whoosh"


@pytest.fixture(scope="session")
def database(request, worker_id):
    """The database the apps a test makes use: every test that makes one runs on each."""
    opened = databases.open_database(request.param, worker_id)
    yield opened
    opened.drop()


@pytest.fixture(autouse=True)
def _connections_closed():
    """Close the connections the apps keep, so none is left to the garbage collector."""
    yield
    if has_app_context():  # pytest-flask's, still pushed: give its connection back first
        db.session.remove()
    for made in list(MADE_APPS):
        if made in SERVED_APPS:
            continue
        with made.app_context():
            db.engine.dispose()


@pytest.fixture
def app(tmp_path, search_backend, database):
    """An empty site on a temporary instance."""
    instance = tmp_path / "instance"
    yield make_app(instance, database, SEARCH_BACKEND=search_backend)
    database.release(instance)


@pytest.fixture(scope="module")
def search_corpus_site(tmp_path_factory, search_backend, database):
    """The search tests' people and papers, made once for a module that only reads them."""
    instance = tmp_path_factory.mktemp("corpus") / "instance"
    site = make_app(instance, database, SEARCH_BACKEND=search_backend)
    with site.app_context():
        build_search_corpus()
    yield site
    database.release(instance)


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory, search_backend, database):
    """A site with the bundled demo content, loaded once as on a first start."""
    return make_app(
        tmp_path_factory.mktemp("demo") / "instance",
        database,
        LOAD_CONTENT_ON_FIRST_START=True,
        SEARCH_BACKEND=search_backend,
    )


@pytest.fixture(scope="session")
def chinese_demo_app(tmp_path_factory, database):
    """The demo content on a site whose interface is in Chinese (LANGUAGE = "zh")."""
    return make_app(
        tmp_path_factory.mktemp("zh") / "instance",
        database,
        LOAD_CONTENT_ON_FIRST_START=True,
        LANGUAGE="zh",
    )


@pytest.fixture
def demo_client(demo_app):
    return demo_app.test_client()


@pytest.fixture
def fresh_session(app):
    """A session of its own, to see what was really committed."""
    with Session(db.engine) as session:
        yield session
