"""Every paper of the site, newest first, and one page per publication."""

import math

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _

from blueprints.page_cache import cached
from catalog import listing
from catalog.details import DETAIL_FIELDS
from catalog.facets import facet_counts
from catalog.queries import MAX_PAGE, MAX_YEAR, get_publication_or_404, group_by_year
from importing.limits import whole_number_in
from publishing.bibtex_writer import publication_bibtex
from publishing.citations import FORMATS_BY_EXTENSION, formatted_citations

bp = Blueprint("publications", __name__)

PER_PAGE = 50
# The arguments of the list, as its links and search name them.
LIST_ARGUMENTS = ("year", "venue", "type", "person", "has")


@bp.get("/publications")
@cached
def index():
    """List every paper, newest first, a page at a time, with facets to narrow the list.

    A year or page that is not a whole number gets the first page of the whole list, with
    the reason, as 400; a page past the last is 404.
    """
    chosen = {name: request.args.get(name, "").strip() for name in LIST_ARGUMENTS}
    chosen = {name: value for name, value in chosen.items() if value}
    error = ""
    year = whole_number_in(chosen["year"], 1, MAX_YEAR) if "year" in chosen else 0
    page = whole_number_in(request.args.get("page") or "1", 1, MAX_PAGE)
    if year is None or page is None:
        error = _(
            "The year must be a whole number from 1 to %(most)d and the page one from 1;"
            " showing every paper instead.",
            most=MAX_YEAR,
        )
        chosen, year, page = {}, 0, 1
    filters = listing.list_filters(
        person=chosen.get("person", ""),
        year=year or None,
        venue=chosen.get("venue", ""),
        entry_type=chosen.get("type", ""),
        has=chosen.get("has", ""),
    )
    found = listing.newest_first(filters, PER_PAGE, page=page)
    pages = max(1, math.ceil(found.total / PER_PAGE))
    if page > pages:
        abort(404)

    def list_url(**changes) -> str:
        """The address of this list with some arguments changed (None drops one)."""
        arguments = {**chosen, "page": None, **changes}
        if arguments["page"] == 1:
            arguments["page"] = None  # the first page is the list's own address
        return url_for(".index", **{k: v for k, v in arguments.items() if v})

    def facet_url(name: str, value) -> str:
        if current_app.config.get("STATIC_COPY"):
            # A static copy has no server to narrow the list: its search page does.
            words = [
                f'{n}:"{v}"' if " " in str(v) else f"{n}:{v}"
                for n, v in {**chosen, name: value}.items()
            ]
            return url_for("search.results", q=" ".join(words))
        return list_url(**{name: value})

    page_html = render_template(
        "publications/index.html",
        years=group_by_year(found.papers),
        total=found.total,
        page=page,
        pages=pages,
        chosen=chosen,
        facets=facet_counts(filters),
        list_url=list_url,
        facet_url=facet_url,
        without_url=lambda name: list_url(**{name: None}),
        static_copy=current_app.config.get("STATIC_COPY", False),
        error=error,
    )
    return page_html, 400 if error else 200


@bp.get("/publications/<key>")
def detail(key: str):
    """Show one publication: authors, venue, links, summary, abstract and citations."""
    publication = get_publication_or_404(key)
    return render_template(
        "publications/detail.html",
        publication=publication,
        bibtex=publication_bibtex(publication, citing=True),
        citations=formatted_citations(publication),
        detail_labels=DETAIL_FIELDS,
    )


@bp.get("/publications/<key>.<any(bib, ris, json):extension>")
def export(key: str, extension: str):
    """Give one publication as BibTeX, RIS or CSL-JSON."""
    publication = get_publication_or_404(key)
    export_format = FORMATS_BY_EXTENSION[extension]
    return Response(export_format.render([publication]), content_type=export_format.content_type)
