"""The read-only JSON API over people and publications, under /api/v1."""

from flask import Blueprint, request
from sqlalchemy import func, or_, select
from werkzeug.exceptions import BadRequest, HTTPException

from catalog.models import Authorship, Person, Publication, Venue, db
from catalog.queries import (
    NEWEST_FIRST,
    PUBLICATION_DETAILS,
    get_person_or_404,
    get_publication_or_404,
)
from importing.limits import whole_number_in
from publishing.api_payloads import person_detail, person_summary, publication_record
from publishing.openapi import openapi_document

bp = Blueprint("catalog_api", __name__, url_prefix="/api/v1")

MAX_PAGE = 10_000
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_YEAR = 9999


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
    """List publications, newest first, a page at a time, filtered by person, year or venue."""
    page = _int_argument("page", 1, 1, MAX_PAGE)
    per_page = _int_argument("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    query = select(Publication).options(*PUBLICATION_DETAILS).order_by(*NEWEST_FIRST)
    year = _int_argument("year", None, 0, MAX_YEAR)
    if year is not None:
        query = query.where(Publication.year == year)
    if request.args.get("person"):
        slug = request.args["person"]
        query = query.where(Publication.authorships.any(Authorship.person.has(slug=slug)))
    if request.args.get("venue"):
        venue = request.args["venue"].lower()
        query = query.where(
            Publication.venue.has(
                or_(
                    Venue.key == venue,
                    func.lower(Venue.abbreviation) == venue,
                    func.lower(Venue.name) == venue,
                )
            )
        )
    found = db.paginate(
        query.order_by(Publication.key), page=page, per_page=per_page, error_out=False
    )
    return {
        "items": [publication_record(p) for p in found.items],
        "page": page,
        "per_page": per_page,
        "total": found.total,
        "pages": found.pages,
    }


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
