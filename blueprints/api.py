"""The JSON API: search and search-box suggestions under /api/v1."""

from flask import Blueprint, request, url_for

from search import SearchError, SearchResults, request_from_args, search, suggest

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/search")
def search_json():
    """Answer a search as JSON, with the same arguments as the results page."""
    try:
        search_request = request_from_args(request.args)
    except SearchError as problem:
        return {"error": str(problem)}, 400
    if not search_request.text.strip():
        return {"error": "q is required, for example /api/v1/search?q=graph"}, 400
    return _results_json(search(search_request))


@bp.get("/suggest")
def suggest_json():
    """Return completions for the search box: titles, people and venues."""
    text = request.args.get("q") or ""
    completions = suggest(text)
    for item in completions:
        if item["kind"] == "title":
            item["url"] = url_for("publications.detail", key=item.pop("key"))
        elif item["kind"] == "person":
            item["url"] = url_for("people.profile", slug=item.pop("slug"))
        else:
            item["url"] = url_for("search.results", q=f'venue:"{item["text"]}"')
    return {"query": text, "suggestions": completions}


def _results_json(results: SearchResults) -> dict:
    return {
        "query": results.query,
        "total": results.total,
        "page": min(results.request.page, max(results.pages, 1)),
        "pages": results.pages,
        "results": [
            {
                "key": hit.publication.key,
                "title": hit.publication.title,
                "authors": [a.display_name for a in hit.publication.authorships],
                "venue": hit.publication.venue.label
                if hit.publication.venue
                else hit.publication.venue_text,
                "year": hit.publication.year,
                "url": url_for("publications.detail", key=hit.publication.key),
                "highlights": hit.highlights,
            }
            for hit in results.papers
        ],
        "people": [
            {
                "slug": person.slug,
                "name": person.name,
                "url": url_for("people.profile", slug=person.slug),
            }
            for person in results.people
        ],
        "facets": results.facets,
        "suggestion": results.suggestion,
        "notices": results.notices,
    }
