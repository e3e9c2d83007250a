"""The read-only JSON API under /api/v1: people, publications, search and completions.

Every error, search's included, is answered as JSON by one handler.
"""

import math

from flask import Blueprint, request
from sqlalchemy import select
from werkzeug.exceptions import BadRequest, HTTPException

from blueprints.page_cache import cached, do_not_keep
from catalog import listing
from catalog.models import Person, db
from catalog.queries import MAX_PAGE, MAX_YEAR, get_person_or_404, get_publication_or_404
from importing.limits import whole_number_in
from publishing.api_payloads import (
    cursor_of,
    person_detail,
    person_summary,
    position_of_cursor,
    publication_record,
    search_results,
    suggestions,
)
from publishing.openapi import openapi_document
from publishing.urls import external_url
from search import SearchError, index_generation, request_from_args, search, suggest

bp = Blueprint("api", __name__, url_prefix="/api/v1")

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100


@bp.errorhandler(HTTPException)
def api_error(error: HTTPException):
    """Answer a failed API request with JSON instead of an HTML page."""
    return {"error": error.description}, error.code


@bp.get("/openapi.json")
def openapi():
    """Describe the API as an OpenAPI 3 document."""
    return openapi_document()


@bp.get("/people")
def people():
    """List every person on the site."""
    everyone = db.session.scalars(select(Person).order_by(Person.name)).all()
    return {"items": [person_summary(p) for p in everyone], "total": len(everyone)}


@bp.get("/people/<slug>")
def person(slug: str):
    """Give one person's profile."""
    found = get_person_or_404(slug)
    return person_detail(found)


@bp.get("/publications")
def publications():
    """List publications, newest first, a page at a time, filtered by person, year, venue,
    type or what they have (`has=code`).

    A page is asked by number (`page`) or as the one after a cursor (`after`), which the
    `next` link of every page gives: stable while papers are added, and as quick deep down.
    """
    page = _int_argument("page", 1, 1, MAX_PAGE)
    per_page = _int_argument("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    after = None
    if "after" in request.args:
        after = position_of_cursor(request.args["after"])
        if after is None:
            raise BadRequest("after must be the cursor of a page's next link")
    filters = listing.list_filters(
        person=request.args.get("person", ""),
        year=_int_argument("year", None, 0, MAX_YEAR),
        venue=request.args.get("venue", ""),
        entry_type=request.args.get("type", ""),
        has=request.args.get("has", ""),
    )
    found = listing.newest_first(filters, per_page, page=page, after=after)
    next_url = None
    if found.next_after is not None:
        kept = ("per_page", "person", "year", "venue", "type", "has")
        arguments = {name: request.args[name] for name in kept if request.args.get(name)}
        next_url = external_url("api.publications", after=cursor_of(found.next_after), **arguments)
    return {
        "items": [publication_record(p) for p in found.papers],
        "page": None if after else page,
        "per_page": per_page,
        "total": found.total,
        "pages": math.ceil(found.total / per_page),
        "next": next_url,
    }


@bp.get("/search")
@cached(kept_while=index_generation)
def search_json():
    """Answer a search as JSON, with the same arguments as the results page."""
    try:
        search_request = request_from_args(request.args)
    except SearchError as problem:
        raise BadRequest(str(problem)) from None
    if not search_request.text.strip():
        raise BadRequest("q is required, for example /api/v1/search?q=graph")
    found = search(search_request, with_rows=False)
    if not found.complete:
        do_not_keep()
    return search_results(found)


@bp.get("/suggest")
def suggest_json():
    """Return completions for the search box: titles, people and venues."""
    text = request.args.get("q") or ""
    return suggestions(text, suggest(text))


@bp.get("/publications/<key>")
def publication(key: str):
    """Give one publication."""
    return publication_record(get_publication_or_404(key))


def _int_argument(name: str, default: int | None, low: int, high: int) -> int | None:
    """Return a whole-number query argument, or refuse the request if it is out of range."""
    if name not in request.args:
        return default
    number = whole_number_in(request.args[name], low, high)
    if number is None:
        raise BadRequest(f"{name} must be a whole number from {low} to {high}")
    return number
