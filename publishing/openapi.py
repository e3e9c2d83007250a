"""The OpenAPI 3 description of the JSON API under /api/v1 (catalog, search, suggest)."""

from typing import Any

from catalog.activities import ACTIVITY_KINDS
from catalog.queries import MAX_PAGE, MAX_YEAR
from publishing.api_payloads import CURSOR_PATTERN


def _string(**extra: Any) -> dict[str, Any]:
    return {"type": "string", **extra}


def _array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def _object(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "required": [name for name in properties if name not in optional],
        "properties": properties,
    }


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


# No argument but the search text may hold a NUL character (webapp/request_checks.py).
WITHOUT_NUL = "^[^\\u0000]*$"


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    if schema.get("type") == "string" and name != "q":
        schema = {"pattern": WITHOUT_NUL, **schema}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def _path(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": _string(pattern=WITHOUT_NUL),
        "description": description,
    }


URL = _string(format="uri")
LINK = _object({"kind": _string(), "label": _string(), "url": _string()})
ERROR = _json(_ref("Error"), "The request cannot be answered; the message says why.")
PAGE = _query(
    "page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, "Page number, from 1."
)

SCHEMAS = {
    "Error": _object({"error": _string()}),
    "PersonSummary": _object(
        {
            "slug": _string(),
            "name": _string(),
            "position": _string(),
            "affiliations": _array(_string()),
            "url": URL,
            "api_url": URL,
        }
    ),
    "Person": _object(
        {
            "slug": _string(),
            "name": _string(),
            "position": _string(),
            "url": URL,
            "api_url": URL,
            "aliases": _array(_string()),
            "tagline": _string(),
            "affiliations": _array(_object({"name": _string(), "url": _string()})),
            "education": _array(
                _object(
                    {
                        "degree": _string(),
                        "institution": _string(),
                        "url": _string(),
                        "year": _string(),
                    }
                )
            ),
            "interests": _array(_string()),
            "address": _string(),
            "email": _string(),
            "photo": _string(),
            "bio": _string(description="Markdown"),
            "links": _array(LINK),
            "sections": _array(_object({"title": _string(), "kind": _string(), "body": _string()})),
            "role": _string(description="faculty, researcher, postdoc, student, staff, ..."),
            "activities": _object(
                {
                    kind.name: _array(
                        _object({part: _string() for part in kind.parts}, optional=kind.parts)
                    )
                    for kind in ACTIVITY_KINDS
                },
                optional=tuple(kind.name for kind in ACTIVITY_KINDS),
            ),
            "publications_url": URL,
            "feed_url": URL,
        }
    ),
    "Publication": _object(
        {
            "key": _string(),
            "title": _string(),
            "type": _string(description="BibTeX entry type"),
            "authors": _array(
                _object(
                    {
                        "name": _string(),
                        "equal_contribution": {"type": "boolean"},
                        "corresponding": {"type": "boolean"},
                        "person": _string(nullable=True, description="slug of a member"),
                    }
                )
            ),
            "venue": {
                **_object({"abbreviation": _string(), "name": _string(), "kind": _string()}),
                "nullable": True,
            },
            "venue_text": _string(description="the venue as printed"),
            "year": {"type": "integer", "nullable": True},
            "month": {"type": "integer", "nullable": True},
            "abstract": _string(),
            "lay_summary": _string(),
            "award": _string(),
            "note": _string(),
            "selected": {"type": "boolean"},
            "doi": _string(),
            "arxiv_id": _string(),
            "openreview_id": _string(),
            "links": _array(LINK),
            "url": URL,
            "api_url": URL,
        }
    ),
    "PublicationPage": _object(
        {
            "items": _array(_ref("Publication")),
            "page": {
                "type": "integer",
                "nullable": True,
                "description": "The page number asked; null for a page asked with after.",
            },
            "per_page": {"type": "integer"},
            "total": {"type": "integer"},
            "pages": {"type": "integer"},
            "next": _string(
                format="uri",
                nullable=True,
                description="The next page (after the last item here); null on the last.",
            ),
        }
    ),
    "SearchResults": _object(
        {
            "query": _string(),
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "pages": {"type": "integer"},
            "results": _array(
                _object(
                    {
                        "key": _string(),
                        "title": _string(),
                        "authors": _array(_string()),
                        "venue": _string(),
                        "year": {"type": "integer", "nullable": True},
                        "url": _string(),
                        "highlights": {"type": "object"},
                    }
                )
            ),
            "people": _array(_object({"slug": _string(), "name": _string(), "url": _string()})),
            "facets": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": {"type": "integer"},
                },
            },
            "suggestion": _string(),
            "notices": _array(_string()),
        }
    ),
    "Suggestions": _object(
        {
            "query": _string(),
            "suggestions": _array(
                _object(
                    {
                        "kind": _string(enum=["title", "person", "venue"]),
                        "text": _string(),
                        "url": _string(),
                    }
                )
            ),
        }
    ),
}

PATHS = {
    "/api/v1/people": {
        "get": {
            "operationId": "listPeople",
            "summary": "Every person on the site.",
            "responses": {
                "200": _json(
                    _object({"items": _array(_ref("PersonSummary")), "total": {"type": "integer"}}),
                    "The people, by name.",
                )
            },
        }
    },
    "/api/v1/people/{slug}": {
        "get": {
            "operationId": "getPerson",
            "summary": "One person's profile.",
            "parameters": [_path("slug", "The person's slug, as in /people/<slug>.")],
            "responses": {"200": _json(_ref("Person"), "The person."), "404": ERROR},
        }
    },
    "/api/v1/publications": {
        "get": {
            "operationId": "listPublications",
            "summary": "Publications, newest first, a page at a time.",
            "parameters": [
                PAGE,
                _query(
                    "after",
                    _string(pattern=CURSOR_PATTERN),
                    "Where the page starts, as a page's next link gives it: after the paper"
                    " at year.month.key (page is then ignored).",
                ),
                _query(
                    "per_page",
                    {"type": "integer", "minimum": 1, "maximum": 100},
                    "Items per page (20).",
                ),
                _query("person", _string(), "Only papers by the member with this slug."),
                _query(
                    "year",
                    {"type": "integer", "minimum": 0, "maximum": MAX_YEAR},
                    "Only papers of this year.",
                ),
                _query("venue", _string(), "Only papers at this venue (abbreviation or name)."),
                _query("type", _string(), "Only papers of this BibTeX entry type (article)."),
                _query(
                    "has",
                    _string(),
                    "Only papers with a link of this kind (code, slides) or the identifier"
                    " it names (arxiv, doi, openreview).",
                ),
            ],
            "responses": {
                "200": _json(_ref("PublicationPage"), "One page of publications."),
                "400": ERROR,
            },
        }
    },
    "/api/v1/publications/{key}": {
        "get": {
            "operationId": "getPublication",
            "summary": "One publication.",
            "parameters": [_path("key", "The publication's key, as in /publications/<key>.")],
            "responses": {"200": _json(_ref("Publication"), "The publication."), "404": ERROR},
        }
    },
    "/api/v1/search": {
        "get": {
            "operationId": "search",
            "summary": "Search titles, authors, venues, abstracts and people.",
            "parameters": [
                {
                    **_query("q", _string(pattern=r"\S"), "The query, as typed in the search box."),
                    "required": True,
                },
                PAGE,
                _query("sort", _string(enum=["relevance", "date"]), "Order of the results."),
                _query("year", _string(pattern="^[0-9]{1,4}$"), "Narrow to a year (facet)."),
                _query("venue", _string(), "Narrow to a venue (facet)."),
                _query("type", _string(), "Narrow to a publication type (facet)."),
                _query("person", _string(), "Narrow to a member (facet)."),
            ],
            "responses": {
                "200": _json(_ref("SearchResults"), "One page of results."),
                "400": ERROR,
            },
        }
    },
    "/api/v1/suggest": {
        "get": {
            "operationId": "suggest",
            "summary": "Completions for the search box.",
            "parameters": [_query("q", _string(), "What has been typed so far.")],
            "responses": {"200": _json(_ref("Suggestions"), "Titles, people and venues.")},
        }
    },
}


def openapi_document() -> dict[str, Any]:
    """Return the OpenAPI 3 document of the API."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Scholarsite API",
            "version": "1",
            "description": "Read-only JSON over the site's people and publications, and search.",
        },
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
