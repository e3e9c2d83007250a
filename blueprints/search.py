"""The search results page: /search?q=..."""

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _

from blueprints.page_cache import cached, do_not_keep
from search import (
    FACETS,
    SearchError,
    SearchRequest,
    index_generation,
    request_from_args,
    search,
)
from search.query import Notice

bp = Blueprint("search", __name__)


@bp.get("/search")
@cached(kept_while=index_generation)
def results():
    """Show one page of search results with facets, or a friendly message.

    A malformed argument (page=abc) still gets the first page, with the reason, as 400.
    """
    error = ""
    try:
        search_request = request_from_args(request.args)
    except SearchError as problem:
        search_request = SearchRequest(text=request.args.get("q") or "")
        error = _("%(problem)s; showing the first page instead.", problem=_said(problem.notice))
    found = search(search_request)
    if not found.complete:
        do_not_keep()
    page = render_template(
        "search/results.html",
        results=found,
        query=search_request.text,
        error=error,
        notices=[_said(notice) for notice in found.notices],
        search_url=lambda **changes: _search_url(search_request, **changes),
        facet_url=lambda name, value: _search_url(
            search_request, **{name: [*search_request.filters.get(name, []), value]}
        ),
        without_url=lambda name: _search_url(search_request, **{name: None}),
    )
    return page, 400 if error else 200


def _said(notice: str) -> str:
    """A notice of search in the site's language: a Notice from its message and values,
    any other (a message marked in search) as it is."""
    if isinstance(notice, Notice):
        return _(notice.message, **notice.values)
    return _(notice)


def _search_url(search_request: SearchRequest, **changes) -> str:
    """Return the URL of this search with some arguments changed (None drops one)."""
    args = {
        "q": search_request.text,
        "sort": search_request.sort if search_request.sort != "relevance" else None,
        **{name: search_request.filters.get(name) for name in FACETS},
    }
    args.update(changes)
    return url_for("search.results", **{k: v for k, v in args.items() if v})
