"""The application factory: `flask --app app run` serves the site."""

import os
import secrets
from pathlib import Path

from flask import Flask

import accounts
import search
from blueprints import accounts as account_pages
from blueprints import (
    admin,
    api,
    errors,
    feeds,
    files,
    page_cache,
    paper_editing,
    people,
    profile_editing,
    publications,
)
from blueprints import search as search_pages
from catalog.models import db
from publishing import metadata
from webapp import (
    commands,
    hosts,
    http_caching,
    i18n,
    navigation,
    rendering,
    request_checks,
    security_headers,
    setup,
)

ROOT = Path(__file__).resolve().parent


def create_app(test_config: dict | None = None, instance_path: str | None = None) -> Flask:
    """Create the site: defaults, then instance/config.py, then FLASK_* variables.

    :param instance_path: another instance folder (tests use a temporary one).
    """
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{Path(app.instance_path) / 'scholarsite.sqlite3'}",
        SEARCH_INDEX_DIR=str(Path(app.instance_path) / "search-index"),
        # Files the bibliographies name (al-folio's PDFs and previews), served at /files/.
        SITE_FILES_DIR=str(Path(app.instance_path) / "files"),
        SEARCH_BACKEND="whoosh",
        CONTENT_DIR=str(ROOT / "content"),
        LOAD_CONTENT_ON_FIRST_START=True,
        SITE_TITLE="Scholarsite",
        HOME_PERSON="",
        SITE_URL="",
        PROXY_COUNT=0,
        # The largest request body (a photo, a .bib file); larger ones get 413.
        MAX_CONTENT_LENGTH=25 * 1024 * 1024,
        # How long a form stays good: a working day, as writing a biography takes a while.
        WTF_CSRF_TIME_LIMIT=12 * 3600,
        **accounts.COOKIE_DEFAULTS,
    )
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env()
    if test_config is not None:
        app.config.from_mapping(test_config)
    hosts.init_app(app)
    request_checks.init_app(app)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(Path(app.instance_path))
    elif not (app.debug or app.testing):
        _refuse_weak_secret_key(app.config["SECRET_KEY"])

    # API answers keep the documented field order.
    app.json.sort_keys = False
    setup.open_read_only_database(app)
    db.init_app(app)
    i18n.init_app(app)
    rendering.init_app(app)
    navigation.init_app(app)
    metadata.init_app(app)
    security_headers.init_app(app)
    http_caching.init_app(app)
    page_cache.init_app(app)
    accounts.init_app(app)
    blueprints = (
        people.bp,
        publications.bp,
        search_pages.bp,
        api.bp,
        feeds.bp,
        files.bp,
        account_pages.bp,
        admin.bp,
        profile_editing.bp,
        paper_editing.bp,
    )
    for blueprint in (*blueprints, errors.bp):
        app.register_blueprint(blueprint)
    commands.init_app(app)
    search.init_app(app)
    # Last: it may load the bundled content, which needs everything above.
    setup.init_app(app)
    return app


def _refuse_weak_secret_key(key: str | bytes) -> None:
    """Stop a server (not debug, not tests) whose configured SECRET_KEY is guessable."""
    reason = accounts.secret_key_problem(key)
    if reason:
        raise SystemExit(
            f"SECRET_KEY is too weak to sign sessions ({reason}): set a random one, such as "
            "the output of `python -c 'import secrets; print(secrets.token_hex(32))'`, or "
            "unset it to have the site keep a random key in its instance folder."
        )


def _write_secret_key(path: Path) -> None:
    # Write aside, then link into place: concurrent workers agree on one key.
    draft = path.with_name(f".secret_key.{os.getpid()}")
    draft.touch(mode=0o600)
    draft.write_text(secrets.token_hex(32))
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()


def _instance_secret_key(instance: Path) -> str:
    """Return the instance's random secret key, creating it on first start."""
    path = instance / "secret_key"
    if not path.exists():
        try:
            _write_secret_key(path)
        except OSError as error:
            raise SystemExit(
                f"cannot create {path} ({error.strerror}): set SECRET_KEY, or let the site "
                "write its instance folder once."
            ) from error
    key = path.read_text().strip()
    if not key:
        # An empty key would sign sessions with "", which anyone can forge.
        raise SystemExit(
            f"{path} is empty: delete it to have a new random key made, or write a key in it."
        )
    return key
