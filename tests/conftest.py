"""Fixtures: a real app on a temporary instance (SQLite file, search index)."""

import os

import pytest
from builders import make_app
from hypothesis import settings
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


@pytest.fixture
def app(tmp_path, search_backend):
    """An empty site on a temporary instance."""
    return make_app(tmp_path / "instance", SEARCH_BACKEND=search_backend)


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory, search_backend):
    """A site with the bundled demo content, loaded once as on a first start."""
    return make_app(
        tmp_path_factory.mktemp("demo") / "instance",
        LOAD_CONTENT_ON_FIRST_START=True,
        SEARCH_BACKEND=search_backend,
    )


@pytest.fixture
def demo_client(demo_app):
    return demo_app.test_client()


@pytest.fixture
def fresh_session(app):
    """A session of its own, to see what was really committed."""
    with Session(db.engine) as session:
        yield session
