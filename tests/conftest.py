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
