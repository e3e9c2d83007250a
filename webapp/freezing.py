"""`flask --app app freeze OUT [--base-url URL]`: the public site as static files.

Frozen-Flask asks the app for every public page, export, feed, sitemap and file and
writes each answer to OUT; a page becomes a folder's `index.html` (`/people/ada/`), so
the copy works on any static host and from `python -m http.server`. Nothing of the
admin, the sign-in or the API is written. Pagefind then indexes the paper pages, and
the copy's `/search/` page searches that index in the browser, a chunk at a time.

Freezing again rewrites only the files whose content changed.
"""

import multiprocessing
import os
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

import click
from flask import Flask, current_app, render_template, request
from flask.cli import with_appcontext
from flask_frozen import Freezer, MissingURLGeneratorWarning
from sqlalchemy import select
from werkzeug.routing import Rule

from catalog.models import Person, Publication, db
from catalog.names import fold
from publishing.citations import FORMATS_BY_EXTENSION
from publishing.feeds import sitemap_chunks

# The endpoints that are pages: frozen as folders with an index.html.
PAGE_ENDPOINTS = {
    "people.directory",
    "people.people_index",
    "publications.index",
    "people.profile",
    "people.publications",
    "people.cv",
    "publications.detail",
    "search.results",
}
PAGEFIND_FOLDER = "pagefind"


@click.command("freeze")
@with_appcontext
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--base-url",
    default="",
    help="Where the copy will be served (https://user.github.io/lab/); links follow it.",
)
@click.option(
    "--processes",
    type=click.IntRange(1, 64),
    default=os.cpu_count() or 1,
    show_default="the machine's cores",
    help="Processes writing pages at once.",
)
def freeze_command(out: Path, base_url: str, processes: int) -> None:
    """Write the public site to OUT as static files, with a search index."""
    from app import create_app  # noqa: PLC0415 (app.py imports this module)

    # An app of its own: freezing changes its addresses and its search page. Its links
    # and feeds name the address the copy will have.
    site_url = (base_url or current_app.config.get("SITE_URL") or "http://localhost").rstrip("/")
    settings = {**current_app.config, "SITE_URL": site_url}
    app = create_app(settings, instance_path=current_app.instance_path)
    started = time.perf_counter()
    written = freeze(app, out, processes)
    frozen = time.perf_counter()
    _index_for_search(out)
    click.echo(
        f"Wrote {written:,} files to {out} in {frozen - started:.1f} s; "
        f"search index in {time.perf_counter() - frozen:.1f} s."
    )


def freeze(app: Flask, out: Path, processes: int = 1) -> int:
    """Write the public site, as it will be at the app's SITE_URL, to `out`; return how
    many files it has.

    The app must be new (have served no request): its page addresses become folders.
    With several processes, each writes a share of the addresses (forked from this one,
    with the database connections closed first); this one then removes the files of an
    earlier copy that no process wrote.
    """
    base_url = app.config["SITE_URL"] + "/"
    _as_folders(app)
    app.config.update(
        FREEZER_DESTINATION=str(out.resolve()),
        FREEZER_BASE_URL=base_url,
        FREEZER_REMOVE_EXTRA_FILES=False,
        FREEZER_IGNORE_MIMETYPE_WARNINGS=True,
        # Pages leave out what needs a server (narrowing /publications, the feed link).
        STATIC_COPY=True,
        # It answers only the freezer's own requests, some of which name no host.
        TRUSTED_HOSTS=[],
    )
    app.view_functions["search.results"] = _static_search_page
    app.context_processor(lambda: {"search_filters": search_filters, "filter_words": filter_words})
    with app.test_request_context(base_url=base_url):
        addresses = list(_public_addresses())
        db.session.remove()
        db.engine.dispose()
    _SHARES[:] = [(app, share) for share in _dealt(addresses, processes)]
    if processes == 1:
        written = _freeze_share(0)
    else:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            written = [
                path for paths in pool.map(_freeze_share, range(processes)) for path in paths
            ]
    with app.test_request_context(base_url=base_url):
        missing = render_template("errors/error.html", error=_NotFound())
    _write_if_changed(out / "404.html", missing)
    _remove_others(out, {*written, "404.html"})
    return len(written) + 1


# Addresses dealt to each process at a time: a paper's page, which formats its
# citations, and its three light exports come one after another, so dealing them one
# by one would give one process every page and another every export.
DEALT_TOGETHER = 64


def _dealt(addresses: list, processes: int) -> list[list]:
    """Deal the addresses out in runs of DEALT_TOGETHER, one run to each process in turn."""
    shares: list[list] = [[] for _ in range(processes)]
    for run, start in enumerate(range(0, len(addresses), DEALT_TOGETHER)):
        shares[run % processes].extend(addresses[start : start + DEALT_TOGETHER])
    return shares


# What each freezing process writes: set before they fork, read by each (by its number).
_SHARES: list[tuple[Flask, list]] = []


def _freeze_share(number: int) -> list[str]:
    """Write one share of the addresses (the first share also writes the static files);
    return the paths written, relative to the copy."""
    app, share = _SHARES[number]
    freezer = Freezer(
        app, with_static_files=number == 0, with_no_argument_rules=False, log_url_for=False
    )
    freezer.register_generator(lambda: iter(share))
    with warnings.catch_warnings():
        # It names the endpoints left out on purpose: the admin, sign-in and API ones.
        warnings.simplefilter("ignore", MissingURLGeneratorWarning)
        return [page.path.as_posix() for page in freezer.freeze_yield()]


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _remove_others(out: Path, written: set[str]) -> None:
    """Delete what an earlier copy had and this one has not (Pagefind's index aside)."""
    for path in sorted(out.rglob("*"), reverse=True):
        relative = path.relative_to(out)
        if relative.parts[0] == PAGEFIND_FOLDER:
            continue
        if path.is_file() and relative.as_posix() not in written:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _as_folders(app: Flask) -> None:
    """Make every page's address end with "/", so each is written as a folder's index."""
    rules = []
    for rule in app.url_map.iter_rules():
        path = rule.rule
        if rule.endpoint in PAGE_ENDPOINTS and not path.endswith("/"):
            path += "/"
        rules.append(Rule(path, endpoint=rule.endpoint, methods=rule.methods))
    app.url_map = app.url_map_class(rules, host_matching=app.url_map.host_matching)


def _public_addresses():
    """Every public page, export, feed and file: (endpoint, values) for Frozen-Flask."""
    extensions = sorted(FORMATS_BY_EXTENSION)
    yield "people.directory", {}
    yield "people.people_index", {}
    yield "publications.index", {}
    yield "search.results", {}
    yield "feeds.site_feed", {}
    yield "feeds.site_news_feed", {}
    yield "feeds.robots", {}
    yield "feeds.sitemap", {}
    with current_app.test_request_context(base_url=current_app.config["FREEZER_BASE_URL"]):
        parts = len(sitemap_chunks())
    for number in range(1, parts + 1):
        yield "feeds.sitemap_part", {"number": number}
    papers = db.session.scalars(select(Publication.key).order_by(Publication.key)).all()
    people = db.session.scalars(select(Person.slug).order_by(Person.slug)).all()
    for slug in people:
        yield "people.profile", {"slug": slug}
        yield "people.publications", {"slug": slug}
        yield "people.cv", {"slug": slug}
        yield "feeds.person_feed", {"slug": slug}
        yield "feeds.person_news_feed", {"slug": slug}
        for extension in extensions:
            yield "people.export_publications", {"slug": slug, "extension": extension}
    for key in papers:
        yield "publications.detail", {"key": key}
        for extension in extensions:
            yield "publications.export", {"key": key, "extension": extension}
    files = Path(current_app.config["SITE_FILES_DIR"])
    for path in sorted(files.rglob("*")) if files.is_dir() else []:
        if path.is_file():
            yield "files.site_file", {"name": path.relative_to(files).as_posix()}


def _static_search_page():
    """The copy's search page: its script searches the Pagefind index in the browser."""
    return render_template(
        "search/static.html", query=request.args.get("q", ""), pagefind=PAGEFIND_FOLDER
    )


class _NotFound:
    code, name = 404, "Not Found"


def search_filters(paper: Publication) -> dict[str, list[str]]:
    """What the copy's search filters and counts a paper by: its year, its venue's short
    name, its type, what it has (`has:`) and its member authors.

    Few values each, so Pagefind's filter index stays small: a visitor's browser loads
    all of it to count the facets. Authors and venue words are no filters (with every
    name as a value, the filter index of 100,000 papers weighed megabytes): the page's
    text holds them, and the copy's search looks them up as words.
    """
    return {
        "year": [str(paper.year)] if paper.year else [],
        "venue": [paper.venue_label] if paper.venue_label else [],
        "type": [paper.entry_type.lower()],
        "has": sorted(paper.artifact_kinds),
        "person": sorted({a.person.slug for a in paper.authorships if a.person}),
    }


def filter_words(paper: Publication) -> str:
    """The paper's filters as words of its page ("venue_acl_ year_2019_"), which the
    copy's search looks up instead of passing Pagefind filters.

    Pagefind counts every filter value for every result of a search given filters
    (12 s in the browser for the 10,883 papers of one venue among 103,514), and looks
    up words fast (1.3 s for those). A value is kept to its letters and digits, folded,
    and ends in "_", so no value's word is the start of another's (Pagefind matches a
    word's start). static/js/static-search.js writes a query's filters the same way.
    """
    return " ".join(
        f"{name}_{''.join(c for c in fold(value) if c.isalnum())}_"
        for name, values in search_filters(paper).items()
        for value in values
    )


def _index_for_search(out: Path) -> None:
    """Index the copy's paper pages with Pagefind (its binary comes from PyPI).

    The words are indexed as English, as the server's search reads them (English stems),
    whatever language the interface and so the pages' `lang` are in. Pagefind writes
    its whole index anew, leaving the files of the last one beside it: they go first.
    """
    shutil.rmtree(out / PAGEFIND_FOLDER, ignore_errors=True)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(out),
            "--output-subdir",
            PAGEFIND_FOLDER,
            "--force-language",
            "en",
        ],  # fmt: skip
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise click.ClickException(f"Pagefind could not index {out}: {result.stderr.strip()}")
